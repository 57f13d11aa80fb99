package dev.tenancy.test.lifecycle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.dynamodb.TenantUnavailableException;
import dev.tenancy.lifecycle.FileMoveJournal;
import dev.tenancy.lifecycle.ItemJson;
import dev.tenancy.lifecycle.MovePhase;
import dev.tenancy.lifecycle.MoveRecord;
import dev.tenancy.lifecycle.TenantLifecycle;
import dev.tenancy.lifecycle.TenantLifecycleException;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Moves between tiers against the kit with the IAM-enforcing gateway, with application threads writing the moved
 * tenant and other tenants all along: every acknowledged write ends up exactly once in the target tier, the source is
 * empty, the other tenants' items are unchanged; after injected faults a resumed move reaches the same state and a
 * rolled-back one the original state.
 */
@TenancyTest
class TenantMoveIntegrationTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private static final TenantId VAULT = TenantId.of("vault");

	private LifecycleFixture fixture;

	@TempDir
	Path journalDirectory;

	@BeforeEach
	void setUp(TenancyTestKit kit) {
		this.fixture = new LifecycleFixture(kit, "move");
		this.fixture.silo(VAULT);
		this.fixture.seed(this.fixture.table, GLOBEX, 40);
		this.fixture.seed(this.fixture.siloTable(VAULT), VAULT, 20);
	}

	@AfterEach
	void tearDown() {
		this.fixture.close();
	}

	private TenantLifecycle lifecycle() {
		return this.fixture.lifecycleBuilder()
			.journal(FileMoveJournal.in(this.journalDirectory))
			.build();
	}

	private static Set<String> seeded(int count) {
		Set<String> ids = new HashSet<>();
		IntStream.range(0, count).forEach((i) -> ids.add("seed-" + i));
		return ids;
	}

	private List<String> ids(String table, TenantId tenant) {
		return this.fixture.partition(table, tenant).stream().map((item) -> item.get("sk").s().substring(5)).toList();
	}

	private Set<String> bytes(String table, TenantId tenant) {
		Set<String> bytes = new HashSet<>();
		this.fixture.partition(table, tenant)
			.forEach((item) -> bytes.add(new String(ItemJson.bytes(item), StandardCharsets.UTF_8)));
		return bytes;
	}

	/**
	 * The end state of a move of {@code tenant} with {@code seeded} items, written by the writers: every item
	 * seeded or acknowledged exactly once in the target and its index, nothing in the source, nothing else.
	 */
	private void assertMoved(TenantId tenant, String source, String target, Set<String> seeded,
			ConcurrentWriters writers) {
		Set<String> expected = new HashSet<>(seeded);
		expected.addAll(writers.acknowledged(tenant));
		assertThat(ids(target, tenant)).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.fixture.indexEntries(target, tenant)).hasSize(expected.size());
		assertThat(this.fixture.partition(source, tenant)).isEmpty();
		assertThat(this.fixture.indexEntries(source, tenant)).isEmpty();
		assertThat(this.fixture.fences.fenceOf(tenant)).isEmpty();
	}

	private void assertOthersUnchanged(Set<String> vault, ConcurrentWriters writers) {
		Set<String> globex = new HashSet<>(seeded(40));
		globex.addAll(writers.acknowledged(GLOBEX));
		assertThat(ids(this.fixture.table, GLOBEX)).containsExactlyInAnyOrderElementsOf(globex);
		assertThat(bytes(this.fixture.siloTable(VAULT), VAULT)).isEqualTo(vault);
	}

	@Test
	void movesAPooledTenantToItsSiloTableWhileItAndOthersWrite() throws Exception {
		this.fixture.seed(this.fixture.table, ACME, 150);
		this.fixture.createSiloTable(ACME);
		Set<String> vault = bytes(this.fixture.siloTable(VAULT), VAULT);
		MoveRecord record;
		try (ConcurrentWriters writers = new ConcurrentWriters(this.fixture, 5)) {
			writers.start(ACME, "a1").start(ACME, "a2").start(ACME, "a3").start(ACME, "a4").start(GLOBEX, "g1");
			Thread.sleep(300);
			record = lifecycle().move(ACME, TenantTier.SILO, "ops@example.com");
			Thread.sleep(300);
			writers.stop();
			assertThat(writers.refused()).as("writes refused while fenced").isPositive();
			assertMoved(ACME, this.fixture.table, this.fixture.siloTable(ACME), seeded(150), writers);
			assertOthersUnchanged(vault, writers);
			assertOnlyItemsOf(this.fixture.siloTable(ACME), ACME);
			assertOnlyItemsOf(this.fixture.siloTable(VAULT), VAULT);
		}
		assertThat(this.fixture.tenantTables.tierOf(ACME)).isEqualTo(TenantTier.SILO);
		assertThat(record.from()).isEqualTo(TenantTier.POOL);
		assertThat(record.to()).isEqualTo(TenantTier.SILO);
		assertThat(record.items()).isGreaterThan(150);
		assertThat(record.sourceTablesRemaining()).containsExactly(this.fixture.table);
		assertThat(record.initiator()).isEqualTo("ops@example.com");
		assertThat(lifecycle().unfinishedMove(ACME)).isEmpty();
	}

	@Test
	void movesASiloTenantBackToThePoolWhileItAndOthersWrite() throws Exception {
		try (ConcurrentWriters writers = new ConcurrentWriters(this.fixture, 3)) {
			writers.start(VAULT, "v1").start(VAULT, "v2").start(GLOBEX, "g1");
			Thread.sleep(300);
			MoveRecord record = lifecycle().move(VAULT, TenantTier.POOL, "ops");
			Thread.sleep(300);
			writers.stop();
			assertMoved(VAULT, this.fixture.siloTable(VAULT), this.fixture.table, seeded(20), writers);
			assertThat(record.sourceTablesRemaining()).containsExactly(this.fixture.siloTable(VAULT));
			assertThat(record.checksum()).hasSize(64);
			Set<String> globex = new HashSet<>(seeded(40));
			globex.addAll(writers.acknowledged(GLOBEX));
			assertThat(ids(this.fixture.table, GLOBEX)).containsExactlyInAnyOrderElementsOf(globex);
		}
		assertThat(this.fixture.tenantTables.tierOf(VAULT)).isEqualTo(TenantTier.POOL);
	}

	@Test
	void aMoveInterruptedWhileCopyingResumesFromItsJournal() throws Exception {
		this.fixture.seed(this.fixture.table, ACME, 250);
		this.fixture.createSiloTable(ACME);
		Set<String> vault = bytes(this.fixture.siloTable(VAULT), VAULT);
		try (ConcurrentWriters writers = new ConcurrentWriters(this.fixture, 3)) {
			writers.start(ACME, "a1").start(ACME, "a2").start(GLOBEX, "g1");
			Thread.sleep(200);
			this.fixture.faults.failOn("BatchWriteItem", 7);
			assertThatExceptionOfType(TenantLifecycleException.class)
				.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"))
				.withMessageContaining("The move of tenant 'acme' from tier POOL to tier SILO stopped after phase "
						+ "COPYING")
				.withMessageContaining("Injected fault")
				.withMessageContaining("resume the move");
			assertThat(lifecycle().unfinishedMove(ACME)).hasValueSatisfying((state) -> {
				assertThat(state.phase()).isEqualTo(MovePhase.COPYING);
				assertThat(state.cursor()).isNotNull();
			});
			assertThat(this.fixture.tenantTables.tierOf(ACME)).isEqualTo(TenantTier.POOL);
			Thread.sleep(200);
			assertThatExceptionOfType(TenantUnavailableException.class)
				.isThrownBy(() -> this.fixture.write(ACME, "direct", "x"))
				.withMessageContaining("it is being moved from tier POOL to tier SILO");

			MoveRecord record = lifecycle().resume(ACME);

			Thread.sleep(300);
			writers.stop();
			assertMoved(ACME, this.fixture.table, this.fixture.siloTable(ACME), seeded(250), writers);
			assertOthersUnchanged(vault, writers);
			assertThat(record.items()).isGreaterThanOrEqualTo(250);
		}
	}

	@Test
	void aMoveResumedWithoutItsFenceStartsTheCopyOverAndMissesNoChangeMadeMeanwhile() {
		this.fixture.seed(this.fixture.table, ACME, 250);
		this.fixture.createSiloTable(ACME);
		this.fixture.faults.failOn("BatchWriteItem", 7);
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"));
		assertThat(this.fixture.partition(this.fixture.siloTable(ACME), ACME)).hasSizeGreaterThan(100);
		// A restart of the application: the fence is gone, the tenant writes to its (still pooled) tier.
		this.fixture.fences.lift(ACME);
		this.fixture.write(ACME, "while-unfenced", "x");
		TenantContext.runAs(ACME, () -> this.fixture.app.client()
			.deleteItem((request) -> request.tableName(this.fixture.table)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("ITEM#seed-0")))));
		Set<String> expected = seeded(250);
		expected.remove("seed-0");
		expected.add("while-unfenced");

		lifecycle().resume(ACME);

		assertThat(ids(this.fixture.siloTable(ACME), ACME)).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.fixture.partition(this.fixture.table, ACME)).isEmpty();
		assertThat(this.fixture.tenantTables.tierOf(ACME)).isEqualTo(TenantTier.SILO);
	}

	@Test
	void aMoveInterruptedAfterTheSwitchIsWritableInTheTargetAndResumes() throws Exception {
		this.fixture.seed(this.fixture.table, ACME, 250);
		this.fixture.createSiloTable(ACME);
		Set<String> vault = bytes(this.fixture.siloTable(VAULT), VAULT);
		// 250 items copy in 10 batches (pages of 100, batches of 25); the 11th removes the first source batch.
		this.fixture.faults.failOn("BatchWriteItem", 11);
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"))
			.withMessageContaining("stopped after phase SWITCHED")
			.withMessageContaining("The tenant is in tier SILO and writable");
		assertThat(this.fixture.tenantTables.tierOf(ACME)).isEqualTo(TenantTier.SILO);
		assertThat(this.fixture.partition(this.fixture.table, ACME)).as("source not yet removed").hasSize(250);
		assertThatExceptionOfType(TenantLifecycleException.class).isThrownBy(() -> lifecycle().rollback(ACME))
			.withMessageContaining("cannot be rolled back: it switched the tier already");
		try (ConcurrentWriters writers = new ConcurrentWriters(this.fixture, 2)) {
			writers.start(ACME, "a1").start(GLOBEX, "g1");
			Thread.sleep(200);
			lifecycle().resume(ACME);
			Thread.sleep(200);
			writers.stop();
			assertThat(writers.refused()).as("nothing fenced after the switch").isZero();
			assertMoved(ACME, this.fixture.table, this.fixture.siloTable(ACME), seeded(250), writers);
			assertOthersUnchanged(vault, writers);
		}
	}

	@Test
	void aMoveInterruptedWhileCopyingRollsBackToTheOriginalState() {
		this.fixture.seed(this.fixture.table, ACME, 120);
		this.fixture.createSiloTable(ACME);
		Set<String> acme = bytes(this.fixture.table, ACME);
		Set<String> vault = bytes(this.fixture.siloTable(VAULT), VAULT);
		this.fixture.faults.failOn("BatchWriteItem", 3);
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"));
		assertThat(this.fixture.partition(this.fixture.siloTable(ACME), ACME)).as("partly copied").hasSize(50);

		lifecycle().rollback(ACME);

		assertThat(this.fixture.partition(this.fixture.siloTable(ACME), ACME)).isEmpty();
		assertThat(this.fixture.indexEntries(this.fixture.siloTable(ACME), ACME)).isEmpty();
		assertThat(bytes(this.fixture.table, ACME)).isEqualTo(acme);
		assertThat(bytes(this.fixture.siloTable(VAULT), VAULT)).isEqualTo(vault);
		assertThat(ids(this.fixture.table, GLOBEX)).containsExactlyInAnyOrderElementsOf(seeded(40));
		assertThat(this.fixture.tenantTables.tierOf(ACME)).isEqualTo(TenantTier.POOL);
		assertThat(lifecycle().unfinishedMove(ACME)).isEmpty();
		assertThat(this.fixture.fences.fenceOf(ACME)).isEmpty();
		this.fixture.write(ACME, "after-rollback", "x");
		assertThat(this.fixture.partition(this.fixture.table, ACME)).hasSize(121);
	}

	@Test
	void aMoveRolledBackWhileTheTenantWritesKeepsEveryAcknowledgedWriteInTheSource() throws Exception {
		this.fixture.seed(this.fixture.table, ACME, 120);
		this.fixture.createSiloTable(ACME);
		try (ConcurrentWriters writers = new ConcurrentWriters(this.fixture, 2)) {
			writers.start(ACME, "a1").start(GLOBEX, "g1");
			Thread.sleep(200);
			this.fixture.faults.failOn("BatchWriteItem", 3);
			assertThatExceptionOfType(TenantLifecycleException.class)
				.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"));
			Thread.sleep(200);
			lifecycle().rollback(ACME);
			Thread.sleep(200);
			writers.stop();
			Set<String> acme = new HashSet<>(seeded(120));
			acme.addAll(writers.acknowledged(ACME));
			assertThat(ids(this.fixture.table, ACME)).containsExactlyInAnyOrderElementsOf(acme);
			assertThat(this.fixture.partition(this.fixture.siloTable(ACME), ACME)).isEmpty();
			assertThat(writers.refused()).as("writes refused until the rollback").isPositive();
			Set<String> globex = new HashSet<>(seeded(40));
			globex.addAll(writers.acknowledged(GLOBEX));
			assertThat(ids(this.fixture.table, GLOBEX)).containsExactlyInAnyOrderElementsOf(globex);
		}
		assertThat(this.fixture.tenantTables.tierOf(ACME)).isEqualTo(TenantTier.POOL);
	}

	@Test
	void aLossyCopyFailsVerificationBeforeTheSwitchAndRollsBack() {
		this.fixture.seed(this.fixture.table, ACME, 60);
		this.fixture.createSiloTable(ACME);
		Set<String> acme = bytes(this.fixture.table, ACME);
		this.fixture.faults.dropOneItemOfTheNextBatchWrite();
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"))
			.withMessageContaining("failed verification: the source has 60 items")
			.withMessageContaining("the target 59 items")
			.withMessageContaining("The tier was not switched");
		assertThat(this.fixture.tenantTables.tierOf(ACME)).isEqualTo(TenantTier.POOL);
		assertThatExceptionOfType(TenantUnavailableException.class)
			.isThrownBy(() -> this.fixture.write(ACME, "during", "x"));

		lifecycle().rollback(ACME);

		assertThat(bytes(this.fixture.table, ACME)).isEqualTo(acme);
		assertThat(this.fixture.partition(this.fixture.siloTable(ACME), ACME)).isEmpty();
		this.fixture.write(ACME, "after", "x");
	}

	/** Every item of a silo table belongs to its tenant. */
	private void assertOnlyItemsOf(String siloTable, TenantId tenant) {
		this.fixture.kit.dynamoDbLocalClient()
			.scanPaginator((request) -> request.tableName(siloTable).consistentRead(true))
			.items()
			.forEach((item) -> assertThat(item.get("pk").s()).isEqualTo("TENANT#" + tenant));
	}

	@Test
	void aMoveIsRefusedWhenTheTargetTableIsMissingOrAlreadyHoldsTheTenantsItems() {
		this.fixture.seed(this.fixture.table, ACME, 10);
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"))
			.withMessageContaining("its target table '" + this.fixture.siloTable(ACME) + "' ")
			.withMessageContaining("Nothing was copied");
		this.fixture.createSiloTable(ACME);
		this.fixture.seed(this.fixture.siloTable(ACME), ACME, 1);
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"))
			.withMessageContaining("already hold items of the tenant");
		assertThat(this.fixture.fences.fenceOf(ACME)).isEmpty();
		assertThat(lifecycle().unfinishedMove(ACME)).isEmpty();
		assertThat(this.fixture.partition(this.fixture.table, ACME)).hasSize(10);
	}

	@Test
	void theLifecycleClientReachesOnlyTheTenantsOwnItems() {
		Map<String, AttributeValue> foreign = LifecycleFixture.item(GLOBEX, "planted", "x");
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> TenantContext.runAs(ACME, () -> this.fixture.lifecycle.client()
				.putItem((request) -> request.tableName(this.fixture.table).item(foreign))))
			.withMessageContaining("acme");
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> TenantContext.runAs(ACME, () -> this.fixture.lifecycle.client()
				.putItem((request) -> request.tableName(this.fixture.siloTable(VAULT))
					.item(LifecycleFixture.item(ACME, "planted", "x")))));
		assertThat(ids(this.fixture.table, GLOBEX)).doesNotContain("planted");
	}

}
