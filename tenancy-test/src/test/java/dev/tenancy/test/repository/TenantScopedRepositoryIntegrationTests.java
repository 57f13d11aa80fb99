package dev.tenancy.test.repository;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * CRUD, batches, optimistic locking, conditional create and transactions, for two tenants, through the guard and the
 * IAM-enforcing gateway.
 */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class TenantScopedRepositoryIntegrationTests {

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private NoteRepository notes;

	@Autowired
	private TenancyOperations operations;

	@Autowired
	private TenancyTestKit kit;

	private Map<String, AttributeValue> stored(TenantId tenant, String sortKey) {
		return this.kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(RepositoryTestConfiguration.TABLE)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS(sortKey)))
				.consistentRead(true))
			.item();
	}

	@Test
	void crudIsConfinedToTheTenant() {
		TenantContext.runAs(this.acme, () -> this.projects.save(new Project("p-1", "Apollo", ProjectStatus.OPEN, 1)));
		TenantContext.runAs(this.globex,
				() -> this.projects.save(new Project("p-1", "Gemini", ProjectStatus.CLOSED, 2)));

		TenantContext.runAs(this.acme, () -> {
			assertThat(this.projects.findById("p-1")).get().extracting(Project::getName).isEqualTo("Apollo");
			assertThat(this.projects.findAll()).extracting(Project::getName).containsExactly("Apollo");
			assertThat(this.projects.count()).isEqualTo(1);
			assertThat(this.projects.existsById("p-1")).isTrue();
			assertThat(this.projects.existsById("p-2")).isFalse();
		});
		TenantContext.runAs(this.globex, () -> {
			Project gemini = this.projects.findById("p-1").orElseThrow();
			assertThat(gemini.getName()).isEqualTo("Gemini");
			assertThat(gemini.getTenant()).isEqualTo(this.globex.value());
			assertThat(gemini.getStatusKey()).isEqualTo("STATUS#CLOSED");
			this.projects.deleteById("p-1");
			assertThat(this.projects.findAll()).isEmpty();
		});
		TenantContext.runAs(this.acme,
				() -> assertThat(this.projects.findById("p-1")).get().extracting(Project::getName).isEqualTo("Apollo"));

		Map<String, AttributeValue> item = stored(this.acme, "PROJECT#p-1");
		assertThat(item).containsEntry("pk", AttributeValue.fromS("TENANT#" + this.acme))
			.containsEntry("gsi1pk", AttributeValue.fromS("TENANT#" + this.acme + "#STATUS#OPEN"))
			.containsEntry("version", AttributeValue.fromN("1"));
		assertThat(stored(this.globex, "PROJECT#p-1")).isEmpty();
	}

	@Test
	void batchesAreChunkedAndConfined() {
		List<Note> written = IntStream.range(0, 60).mapToObj((i) -> Note.of(String.format("n-%02d", i), "text " + i))
			.toList();
		List<String> ids = IntStream.range(0, 130).mapToObj((i) -> String.format("n-%02d", i)).toList();

		TenantContext.runAs(this.acme, () -> {
			assertThat(this.notes.saveAll(written)).extracting(Note::id)
				.containsExactlyElementsOf(written.stream().map(Note::id).toList());
			assertThat(this.notes.findAllById(ids)).hasSize(60).allSatisfy((note) -> assertThat(note.tenant())
				.isEqualTo(this.acme.value()));
		});
		TenantContext.runAs(this.globex, () -> {
			this.notes.save(Note.of("n-00", "globex's own"));
			assertThat(this.notes.findAllById(ids)).extracting(Note::text).containsExactly("globex's own");
			this.notes.deleteAll();
			this.notes.deleteAllById(ids);
		});
		TenantContext.runAs(this.acme, () -> {
			assertThat(this.notes.count()).isEqualTo(60);
			this.notes.deleteAllById(ids.subList(0, 30));
			assertThat(this.notes.count()).isEqualTo(30);
			this.notes.deleteAll(this.notes.findAllById(ids.subList(30, 40)));
			assertThat(this.notes.count()).isEqualTo(20);
			this.notes.deleteAll();
			assertThat(this.notes.count()).isZero();
		});
	}

	@Test
	void insertFailsOnAnExistingIdOfTheTenantOnly() {
		TenantContext.runAs(this.acme, () -> {
			this.notes.insert(Note.of("n-1", "first"));
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> this.notes.insert(Note.of("n-1", "second")))
				.withMessage("Cannot insert the 'Note' with id 'n-1': an item with this id already exists in the "
						+ "tenant; use save to replace it.");
			assertThat(this.notes.findById("n-1")).get().extracting(Note::text).isEqualTo("first");
		});
		TenantContext.runAs(this.globex, () -> assertThat(this.notes.insert(Note.of("n-1", "globex")).text())
			.isEqualTo("globex"));
	}

	@Test
	void optimisticLocking() {
		TenantContext.runAs(this.acme, () -> {
			Project first = this.projects.save(new Project("p-1", "Apollo", ProjectStatus.OPEN, 1));
			assertThat(first.getVersion()).isEqualTo(1L);
			first.setName("Apollo 11");
			Project second = this.projects.save(first);
			assertThat(second.getVersion()).isEqualTo(2L);

			first.setName("stale");
			assertThatExceptionOfType(OptimisticLockingFailureException.class)
				.isThrownBy(() -> this.projects.save(first))
				.withMessage("The 'Project' with id 'p-1' was modified concurrently (expected version 1); reload it "
						+ "and retry.");
			assertThatExceptionOfType(OptimisticLockingFailureException.class)
				.isThrownBy(() -> this.projects.delete(first));
			assertThatExceptionOfType(OptimisticLockingFailureException.class)
				.isThrownBy(() -> this.projects.save(new Project("p-1", "new without version", null, 0)));
			assertThat(this.projects.findById("p-1")).get().extracting(Project::getName).isEqualTo("Apollo 11");

			this.projects.delete(second);
			assertThat(this.projects.existsById("p-1")).isFalse();
		});
	}

	@Test
	void transactionsAreAtomicAndConfined() {
		TenantContext.runAs(this.acme, () -> {
			Project project = this.projects.save(new Project("p-1", "Apollo", ProjectStatus.OPEN, 1));
			this.operations.transactWrite((tx) -> tx.insert(Note.of("n-1", "kick-off")).save(project));
			assertThat(this.notes.findById("n-1")).isPresent();
			assertThat(this.projects.findById("p-1").orElseThrow().getVersion()).isEqualTo(2L);

			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> this.operations.transactWrite((tx) -> tx.insert(Note.of("n-2", "never"))
					.requireExists(Project.class, "p-404")))
				.withMessage("Transaction canceled: the 'Project' with id 'p-404' does not exist in the tenant.");
			assertThat(this.notes.existsById("n-2")).isFalse();
		});
		TenantContext.runAs(this.globex, () -> {
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> this.operations
					.transactWrite((tx) -> tx.deleteById(Note.class, "n-1").requireExists(Project.class, "p-1")));
			assertThat(this.notes.findAll()).isEmpty();
		});
		TenantContext.runAs(this.acme, () -> assertThat(this.notes.existsById("n-1")).isTrue());
	}

	@Test
	@DisplayName("#13 finding 6: entities carry their new versions after a transaction, and only after it commits")
	void entitiesCarryTheirNewVersionsAfterATransaction() {
		TenantContext.runAs(this.acme, () -> {
			Project inserted = new Project("p-7", "Apollo", ProjectStatus.OPEN, 1);
			List<Object> written = this.operations.transactWrite((tx) -> tx.insert(inserted));
			assertThat(inserted.getVersion()).isEqualTo(1L);
			assertThat(written).singleElement().isInstanceOf(Project.class)
				.extracting((project) -> ((Project) project).getVersion()).isEqualTo(1L);

			inserted.setName("Apollo 11");
			Note note = Note.of("n-7", "launch");
			List<Object> saved = this.operations.transactWrite((tx) -> tx.save(inserted).insert(note));
			assertThat(inserted.getVersion()).isEqualTo(2L);
			assertThat(saved).hasSize(2).element(1).isInstanceOf(Note.class)
				.extracting((entity) -> ((Note) entity).text()).isEqualTo("launch");

			inserted.setName("Apollo 12");
			this.projects.save(inserted);
			assertThat(this.projects.findById("p-7").orElseThrow().getName()).isEqualTo("Apollo 12");

			Project stale = this.projects.findById("p-7").orElseThrow();
			Project current = this.projects.save(stale);
			long before = stale.getVersion();
			assertThatExceptionOfType(OptimisticLockingFailureException.class)
				.isThrownBy(() -> this.operations.transactWrite((tx) -> tx.save(stale)));
			assertThat(stale.getVersion()).as("a canceled transaction changes no entity").isEqualTo(before);
			assertThat(current.getVersion()).isEqualTo(before + 1);
		});
	}

}
