package dev.tenancy.test.lifecycle;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.context.TenantTier;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantUnavailableException;
import dev.tenancy.lifecycle.ItemChecksum;
import dev.tenancy.lifecycle.ItemJson;
import dev.tenancy.lifecycle.PurgeRecord;
import dev.tenancy.lifecycle.TenantExport;
import dev.tenancy.lifecycle.TenantInUseException;
import dev.tenancy.lifecycle.TenantLifecycle;
import dev.tenancy.lifecycle.TenantLifecycleException;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.IssuedSession;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Offboarding against the kit with the IAM-enforcing gateway: a purge removes every item and index entry of the
 * tenant and not one byte of another tenant's, exports first, is refused while the tenant is in use, finishes when
 * run again after a fault, and keeps the tenant fenced while other tenants write on.
 */
@TenancyTest
class TenantPurgeIntegrationTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private static final TenantId INITECH = TenantId.of("initech");

	private static final TenantId VAULT = TenantId.of("vault");

	private LifecycleFixture fixture;

	@BeforeEach
	void setUp(TenancyTestKit kit) {
		this.fixture = new LifecycleFixture(kit, "purge");
		this.fixture.seed(this.fixture.table, ACME, 60);
		this.fixture.seed(this.fixture.table, GLOBEX, 40);
		this.fixture.seed(this.fixture.table, INITECH, 30);
	}

	@AfterEach
	void tearDown() {
		this.fixture.close();
	}

	private TenantLifecycle lifecycle() {
		return this.fixture.lifecycleBuilder().build();
	}

	private Set<String> bytes(List<Map<String, AttributeValue>> items) {
		Set<String> bytes = ConcurrentHashMap.newKeySet();
		items.forEach((item) -> bytes.add(new String(ItemJson.bytes(item), StandardCharsets.UTF_8)));
		return bytes;
	}

	@Test
	void aPurgeRemovesEveryItemAndIndexEntryOfThePooledTenantAndNothingElse() {
		String table = this.fixture.table;
		List<Map<String, AttributeValue>> acme = this.fixture.partition(table, ACME);
		Set<String> globex = bytes(this.fixture.partition(table, GLOBEX));
		Set<String> initech = bytes(this.fixture.partition(table, INITECH));
		ItemChecksum expected = ItemChecksum.create();
		acme.forEach((item) -> expected.add(table, item));
		StringWriter export = new StringWriter();

		PurgeRecord record = lifecycle().purge(ACME, export, "ops@example.com");

		assertThat(this.fixture.partition(table, ACME)).isEmpty();
		assertThat(this.fixture.indexEntries(table, ACME)).isEmpty();
		assertThat(bytes(this.fixture.partition(table, GLOBEX))).isEqualTo(globex);
		assertThat(bytes(this.fixture.partition(table, INITECH))).isEqualTo(initech);
		assertThat(this.fixture.indexEntries(table, GLOBEX)).hasSize(40);
		assertThat(record.tenant()).isEqualTo(ACME);
		assertThat(record.tier()).isEqualTo(TenantTier.POOL);
		assertThat(record.itemsRemoved()).containsExactly(Map.entry(table, 60L));
		assertThat(record.checksum()).isEqualTo(expected.hex());
		assertThat(record.initiator()).isEqualTo("ops@example.com");
		assertThat(record.tablesDeleted()).isEmpty();
		assertThat(record.tablesRemaining()).isEmpty();
		assertThat(record.finished()).isAfterOrEqualTo(record.started());
		List<TenantExport.ExportedItem> exported = TenantExport.read(new StringReader(export.toString()));
		assertThat(exported).extracting(TenantExport.ExportedItem::table).containsOnly(table);
		assertThat(bytes(exported.stream().map(TenantExport.ExportedItem::item).toList())).isEqualTo(bytes(acme));
		assertThat(this.fixture.evicted).containsExactly(ACME);
	}

	@Test
	void thePurgedTenantStaysFencedWhileOtherTenantsGoOn() {
		lifecycle().purge(ACME, null, "ops");
		assertThatExceptionOfType(TenantUnavailableException.class)
			.isThrownBy(() -> this.fixture.write(ACME, "late", "x"))
			.withMessageContaining("Tenant 'acme' is unavailable for PutItem: it was offboarded");
		assertThatExceptionOfType(TenantUnavailableException.class)
			.isThrownBy(() -> TenantContext.runAs(ACME, () -> this.fixture.app.client()
				.query((request) -> request.tableName(this.fixture.table)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme"))))));
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> lifecycle().move(ACME, TenantTier.SILO, "ops"))
			.withMessageContaining("it is fenced because it was offboarded");
		this.fixture.write(GLOBEX, "after", "y");
		assertThat(this.fixture.partition(this.fixture.table, GLOBEX)).hasSize(41);
		assertThat(this.fixture.partition(this.fixture.table, ACME)).isEmpty();
	}

	@Test
	void aPurgeIsRefusedWhileTheTenantHasOpenScopes() throws Exception {
		TenantLifecycle lifecycle = this.fixture.lifecycleBuilder().drainTimeout(Duration.ofMillis(300)).build();
		ExecutorService request = Executors.newSingleThreadExecutor();
		try {
			TenantScope scope = request.submit(() -> TenantContext.open(ACME)).get();
			assertThatExceptionOfType(TenantInUseException.class).isThrownBy(() -> lifecycle.purge(ACME, null, "ops"))
				.withMessageContaining("Tenant 'acme' was not purged: 1 scope(s) of the tenant are still open")
				.withMessageContaining("Nothing was removed");
			assertThat(this.fixture.partition(this.fixture.table, ACME)).hasSize(60);
			assertThat(this.fixture.fences.fenceOf(ACME)).as("not fenced").isEmpty();
			this.fixture.write(ACME, "still-here", "x");
			assertThat(this.fixture.evicted).isEmpty();
			request.submit(scope::close).get();
		}
		finally {
			request.shutdownNow();
		}
		assertThat(lifecycle.purge(ACME, null, "ops").totalItemsRemoved()).isEqualTo(61);
	}

	@Test
	void aPurgeOfASiloTenantEmptiesItsTableAndReportsThatTheTableRemains() {
		this.fixture.silo(VAULT);
		String silo = this.fixture.siloTable(VAULT);
		this.fixture.seed(silo, VAULT, 30);
		Set<String> pooled = bytes(this.fixture.partition(this.fixture.table, ACME));

		PurgeRecord record = lifecycle().purge(VAULT, null, "ops");

		assertThat(record.tier()).isEqualTo(TenantTier.SILO);
		assertThat(record.itemsRemoved()).containsExactly(Map.entry(silo, 30L));
		assertThat(record.tablesRemaining()).containsExactly(silo);
		assertThat(record.tablesDeleted()).isEmpty();
		assertThat(this.fixture.partition(silo, VAULT)).isEmpty();
		assertThat(this.fixture.indexEntries(silo, VAULT)).isEmpty();
		assertThat(this.fixture.kit.dynamoDbLocalClient().listTables().tableNames()).contains(silo);
		assertThat(bytes(this.fixture.partition(this.fixture.table, ACME))).isEqualTo(pooled);
	}

	@Test
	void aPurgeOfASiloTenantWithATableDropperDeletesItsTable() {
		this.fixture.silo(VAULT);
		String silo = this.fixture.siloTable(VAULT);
		this.fixture.seed(silo, VAULT, 5);
		IssuedSession operator = this.fixture.kit.sts()
			.registerBaseIdentity("arn:aws:iam::" + TenancyTestKit.ACCOUNT_ID + ":user/lifecycle-operator",
					"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
							+ "\"dynamodb:DeleteTable\",\"Resource\":\"arn:aws:dynamodb:*:*:table/" + this.fixture.table
							+ "-*\"}]}");
		TenancyAdminClient dropper = TenancyAdminClient
			.of(this.fixture.kit.dynamoDbClient(StaticCredentialsProvider.create(operator.credentials())));

		PurgeRecord record = this.fixture.lifecycleBuilder().tableDropper(dropper).build()
			.purge(VAULT, null, "ops");

		assertThat(record.itemsRemoved()).containsExactly(Map.entry(silo, 5L));
		assertThat(record.tablesDeleted()).containsExactly(silo);
		assertThat(record.tablesRemaining()).isEmpty();
		assertThat(this.fixture.kit.dynamoDbLocalClient().listTables().tableNames()).doesNotContain(silo);
		assertThat(this.fixture.partition(this.fixture.table, ACME)).hasSize(60);
	}

	@Test
	void aPurgeInterruptedByAFaultFinishesWhenRunAgain() {
		Set<String> globex = bytes(this.fixture.partition(this.fixture.table, GLOBEX));
		this.fixture.faults.failOn("BatchWriteItem", 2);
		TenantLifecycle lifecycle = lifecycle();
		assertThatExceptionOfType(TenantLifecycleException.class).isThrownBy(() -> lifecycle.purge(ACME, null, "ops"))
			.withMessageContaining("The purge of tenant 'acme' stopped after removing 25 items")
			.withMessageContaining("run the purge again");
		assertThat(this.fixture.faults.injected()).isEqualTo(1);
		assertThat(this.fixture.partition(this.fixture.table, ACME)).hasSize(35);
		assertThatExceptionOfType(TenantUnavailableException.class)
			.isThrownBy(() -> this.fixture.write(ACME, "meanwhile", "x"));

		PurgeRecord record = lifecycle.purge(ACME, null, "ops");

		assertThat(record.itemsRemoved()).containsExactly(Map.entry(this.fixture.table, 35L));
		assertThat(this.fixture.partition(this.fixture.table, ACME)).isEmpty();
		assertThat(bytes(this.fixture.partition(this.fixture.table, GLOBEX))).isEqualTo(globex);
	}

	@Test
	void aPurgeUnderConcurrentWritersLeavesNothingOfThePurgedTenantAndLosesNoWriteOfAnother() throws Exception {
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger refused = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> futures = new ArrayList<>();
		try {
			for (int thread = 0; thread < 4; thread++) {
				TenantId tenant = (thread % 2 == 0) ? ACME : GLOBEX;
				int number = thread;
				futures.add(writers.submit(() -> {
					for (int i = 0; running.get(); i++) {
						String id = "w" + number + "-" + i;
						try {
							this.fixture.write(tenant, id, "concurrent");
							acknowledged.add(tenant + "/" + id);
						}
						catch (TenantUnavailableException ex) {
							refused.incrementAndGet();
							Thread.sleep(5);
						}
					}
					return null;
				}));
			}
			Thread.sleep(300);
			PurgeRecord record = lifecycle().purge(ACME, null, "ops");
			Thread.sleep(300);
			running.set(false);
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
			assertThat(record.totalItemsRemoved()).isGreaterThan(60);
		}
		finally {
			running.set(false);
			writers.shutdownNow();
		}
		assertThat(refused.get()).as("acme's writes refused after the fence").isPositive();
		assertThat(this.fixture.partition(this.fixture.table, ACME)).isEmpty();
		assertThat(this.fixture.indexEntries(this.fixture.table, ACME)).isEmpty();
		List<String> globex = this.fixture.partition(this.fixture.table, GLOBEX)
			.stream()
			.map((item) -> item.get("sk").s().substring("ITEM#".length()))
			.filter((id) -> id.startsWith("w"))
			.map((id) -> GLOBEX + "/" + id)
			.toList();
		assertThat(globex).containsExactlyInAnyOrderElementsOf(
				acknowledged.stream().filter((write) -> write.startsWith(GLOBEX + "/")).toList());
		assertThat(this.fixture.partition(this.fixture.table, INITECH)).hasSize(30);
	}

	@Test
	void anExportRoundTripsEveryItem() {
		StringWriter out = new StringWriter();
		long written = lifecycle().export(GLOBEX, out);
		assertThat(written).isEqualTo(40);
		List<TenantExport.ExportedItem> read = TenantExport.read(new StringReader(out.toString()));
		assertThat(bytes(read.stream().map(TenantExport.ExportedItem::item).toList()))
			.isEqualTo(bytes(this.fixture.partition(this.fixture.table, GLOBEX)));
		assertThat(this.fixture.fences.fenceOf(GLOBEX)).as("an export alone does not fence").isEmpty();
	}

}
