package dev.tenancy.test.repository;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.repository.TenantScopedRepository;
import dev.tenancy.repository.query.Query;
import dev.tenancy.repository.support.TenancyRepositoryFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static dev.tenancy.test.repository.ProjectFixtures.allOf;
import static dev.tenancy.test.repository.ProjectFixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Declared queries through the guard and the IAM-enforcing gateway: each return type, on the table and on the tenant
 * indexes, run for tenant acme while tenant globex holds items that would match too; that a declared query is sent
 * as an ordinary Query on the caller's partition; and the startup refusals.
 */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class DeclaredQueryIntegrationTests {

	private static final TenantId ACME = Tenants.next("acme");

	private static final TenantId GLOBEX = Tenants.next("globex");

	private static volatile boolean seeded;

	private final TenantId acme = ACME;

	private final TenantId globex = GLOBEX;

	@Autowired
	private DeclaredProjectRepository projects;

	@Autowired
	private TenancyOperations operations;

	@Autowired
	private WireRequests wire;

	@Autowired
	private ReadCheckEvents readChecks;

	@BeforeEach
	void data() {
		if (!seeded) {
			ProjectFixtures.seed(this.projects, 7, this.acme, this.globex);
			seeded = true;
		}
	}

	private <T> T asAcme(Supplier<T> query) {
		return TenantContext.callAs(this.acme, query);
	}

	@Test
	void betweenOnTheId() {
		assertThat(ids(allOf(this.acme, asAcme(() -> this.projects.inRange("p-2", "p-4"))))).containsExactly("p-2", "p-3",
				"p-4");
	}

	@Test
	void beginsWithOnTheId() {
		assertThat(ids(allOf(this.acme, asAcme(() -> this.projects.startingWith("p-"))))).containsExactly("p-1", "p-2",
				"p-3", "p-4", "p-5", "p-6", "p-7");
	}

	@Test
	void filterOnTheTable() {
		assertThat(ids(allOf(this.acme, asAcme(() -> this.projects.ownedNotIn("p-", "bob", ProjectStatus.OPEN)))))
			.containsExactly("p-4", "p-6");
	}

	@Test
	void indexWithItsSortKey() {
		assertThat(ids(allOf(this.acme, asAcme(() -> this.projects.urgent(ProjectStatus.OPEN, 3))))).containsExactly("p-3",
				"p-5", "p-7");
	}

	@Test
	void indexWithAFilterInDescendingOrder() {
		assertThat(ids(allOf(this.acme, asAcme(() -> this.projects.byStatusOwnedBy(ProjectStatus.OPEN, "ann")))))
			.containsExactly("p-7", "p-3", "p-1");
	}

	@Test
	void indexWithoutSortKeyAndAContainsFilter() {
		assertThat(ids(allOf(this.acme, asAcme(() -> this.projects.ownedAndNamed("bob", " 5"))))).containsExactly("p-5");
	}

	@Test
	void optionalWithLimit() {
		assertThat(asAcme(() -> this.projects.last("p-"))).get()
			.extracting(Project::getName)
			.isEqualTo(this.acme + " 7");
	}

	@Test
	@SuppressWarnings("try")
	void stream() {
		try (Stream<Project> stream = asAcme(() -> this.projects.streamStartingWith("p-"))) {
			assertThat(ids(allOf(this.acme, stream.toList()))).hasSize(7);
		}
	}

	@Test
	void keysetScrollingOnAnIndex() {
		Window<Project> first = asAcme(
				() -> this.projects.scrollByStatus(ProjectStatus.OPEN, ScrollPosition.keyset(), Limit.of(3)));
		Window<Project> second = asAcme(() -> this.projects.scrollByStatus(ProjectStatus.OPEN,
				first.positionAt(first.size() - 1), Limit.of(3)));

		assertThat(ids(first.getContent())).containsExactly("p-1", "p-3", "p-5");
		assertThat(first.hasNext()).isTrue();
		assertThat(ids(allOf(this.acme, second.getContent()))).containsExactly("p-7");
		assertThat(second.hasNext()).isFalse();
	}

	@Test
	void countExistsAndProjections() {
		assertThat(asAcme(() -> this.projects.countOwned(ProjectStatus.CLOSED, "bob"))).isEqualTo(2);
		assertThat(asAcme(() -> this.projects.anyOwnedBy("ann"))).isTrue();
		assertThat(asAcme(() -> this.projects.anyOwnedBy("carl"))).isFalse();
		assertThat(asAcme(() -> this.projects.namesByStatus(ProjectStatus.CLOSED)))
			.extracting(ProjectRepository.ProjectName::getName)
			.containsExactly(this.acme + " 2", this.acme + " 4", this.acme + " 6");
		assertThat(asAcme(() -> this.projects.summariesOwnedBy("ann")))
			.extracting(ProjectRepository.ProjectSummary::priority)
			.containsExactlyInAnyOrder(1, 2, 3);
		assertThat(asAcme(() -> this.projects.inRange("p-1", "p-2", ProjectRepository.ProjectName.class)))
			.extracting(ProjectRepository.ProjectName::getName)
			.containsExactly(this.acme + " 1", this.acme + " 2");
	}

	@Test
	void delete() {
		TenantId deleting = Tenants.next("initech");
		ProjectFixtures.seed(this.projects, 7, deleting);

		assertThat(TenantContext.callAs(deleting, () -> this.projects.deleteOwned("p-", "ann"))).isEqualTo(3);
		assertThat(TenantContext.callAs(deleting, () -> ids(this.projects.startingWith("p-"))))
			.containsExactly("p-4", "p-5", "p-6", "p-7");
		assertThat(asAcme(() -> this.projects.anyOwnedBy("ann"))).isTrue();
	}

	@Test
	@DisplayName("a declared query never reaches another tenant's items, even with the other tenant's key as values")
	void aDeclaredQueryCannotReachAnotherTenantsItems() {
		String globexKey = "TENANT#" + this.globex.value();
		assertThat(asAcme(() -> this.projects.startingWith(globexKey))).isEmpty();
		assertThat(asAcme(() -> this.projects.inRange(globexKey, globexKey + "#PROJECT#p-9"))).isEmpty();
		assertThat(asAcme(() -> this.projects.ownedNotIn("", globexKey, ProjectStatus.OPEN))).isEmpty();
		assertThat(asAcme(() -> this.projects.anyOwnedBy(globexKey + "#OWNER#ann"))).isFalse();
		assertThat(asAcme(() -> this.projects.byStatusOwnedBy(ProjectStatus.OPEN, "ann")))
			.extracting(Project::getName)
			.allSatisfy((name) -> assertThat(name).doesNotStartWith(this.globex.value()));
		assertThat(TenantContext.callAs(this.globex, () -> this.projects.inRange("p-1", "p-2")))
			.extracting(Project::getName)
			.containsExactly(this.globex + " 1", this.globex + " 2");
		assertThat(this.readChecks.events()).noneMatch((event) -> event.startsWith(this.acme.value()));
	}

	@Test
	@DisplayName("the guard and the gateway see an ordinary Query on the caller's partition, with the filter after it")
	void aDeclaredQueryIsAnOrdinaryTenantConfinedQuery() {
		int before = this.wire.queries().size();
		asAcme(() -> this.projects.byStatusOwnedBy(ProjectStatus.OPEN, "TENANT#" + this.globex.value()));

		List<QueryRequest> sent = this.wire.queries().subList(before, this.wire.queries().size());
		assertThat(sent).singleElement().satisfies((query) -> {
			assertThat(query.indexName()).isEqualTo("byStatus");
			assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk");
			assertThat(query.expressionAttributeNames()).containsEntry("#pk", "gsi1pk");
			assertThat(query.expressionAttributeValues()).containsEntry(":pk",
					AttributeValue.fromS("TENANT#" + this.acme.value() + "#STATUS#OPEN"));
			assertThat(query.filterExpression())
				.isEqualTo("begins_with(#tsk, :type) AND (#f0 = :f0 OR attribute_not_exists(#f0))");
			assertThat(query.scanIndexForward()).isFalse();
		});
		assertThat(this.wire.requests()).doesNotContain("Scan " + this.acme, "ExecuteStatement " + this.acme);
	}

	static Stream<Arguments> refused() {
		return Stream.of(Arguments.of(PartitionKey.class, "names 'tenant', the table's partition key"),
				Arguments.of(IndexPartitionKey.class, "names 'gsi2pk', the partition key of index 'byOwner'"),
				Arguments.of(GlobalIndex.class, "'byEmail' is not a tenant index of 'Login'"),
				Arguments.of(UnknownProperty.class, "names 'colour', which is not a property 'Project' maps"),
				Arguments.of(UnboundParameter.class, "':to' is not a parameter of the method"),
				Arguments.of(UnusedParameter.class, "parameter 'owner' is not used by the query"),
				Arguments.of(NotAKeyCondition.class, "'name' is no key of the table (its sort key 'id'), so a key "
						+ "condition cannot use it (that would need a Scan)"),
				Arguments.of(PartiQl.class, "looks like PartiQL"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	@DisplayName("a declared query that could leave the tenant's partition fails when the repository is created")
	void refusedAtStartup(Class<?> repository, String reason) {
		TenancyRepositoryFactory factory = new TenancyRepositoryFactory(this.operations);
		String method = repository.getDeclaredMethods()[0].getName();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> factory.getRepository(repository))
			.havingRootCause()
			.withMessageStartingWith("Declared query of 'DeclaredQueryIntegrationTests." + repository.getSimpleName()
					+ "." + method + "' is refused: ")
			.withMessageContaining(reason);
	}

	interface PartitionKey extends TenantScopedRepository<Project, String> {

		@Query("tenant = :tenant AND begins_with(id, :prefix)")
		List<Project> otherTenant(String tenant, String prefix);

	}

	interface IndexPartitionKey extends TenantScopedRepository<Project, String> {

		@Query(value = "begins_with(id, :prefix)", filter = "gsi2pk = :key")
		List<Project> otherOwnerKey(String prefix, String key);

	}

	interface GlobalIndex extends TenantScopedRepository<Login, String> {

		@Query(index = "byEmail", value = "email = :email")
		List<Login> byEmail(String email);

	}

	interface UnknownProperty extends TenantScopedRepository<Project, String> {

		@Query(value = "begins_with(id, :prefix)", filter = "colour = :colour")
		List<Project> coloured(String prefix, String colour);

	}

	interface UnboundParameter extends TenantScopedRepository<Project, String> {

		@Query("id BETWEEN :from AND :to")
		List<Project> from(String from);

	}

	interface UnusedParameter extends TenantScopedRepository<Project, String> {

		@Query("begins_with(id, :prefix)")
		List<Project> unused(String prefix, String owner);

	}

	interface NotAKeyCondition extends TenantScopedRepository<Project, String> {

		@Query("name = :name")
		List<Project> named(String name);

	}

	interface PartiQl extends TenantScopedRepository<Project, String> {

		@Query("SELECT * FROM \"app\" WHERE pk = 'TENANT#globex'")
		List<Project> everything();

	}

}
