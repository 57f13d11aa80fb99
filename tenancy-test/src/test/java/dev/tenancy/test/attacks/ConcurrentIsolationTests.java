package dev.tenancy.test.attacks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TH-15: a sustained randomized run of interleaved reads and writes of several tenants on many threads
 * through the shared guarded client in IAM mode (one client, one connection pool, each request signed with the STS
 * session of the tenant bound to the calling thread) against the IAM-enforcing gateway.
 * <p>
 * Each of {@value #THREADS} threads picks a tenant per operation and runs the operation in that tenant's scope. Each
 * thread owns a disjoint key range in every tenant's partition, so it keeps an exact model of what the table must
 * hold for its keys: every read of its own keys must return exactly the model (a lost or foreign write shows up at
 * once), every item of every response must belong to the scope's tenant, and at the end the whole table must equal
 * the union of the models. About {@value #ATTACK_PERCENT}% of the operations are deliberate cross-tenant attempts
 * (single-item, and batches and transactions mixing the tenant's keys with another tenant's), half through the guard
 * and half through a plain SDK client with the tenant's session against the gateway; each must be denied and change
 * nothing.
 * <p>
 * Reproducible sequences per thread: {@code -Dtenancy.attack.seed=<seed>} (default {@value #DEFAULT_SEED}); every
 * failure message names the seed. {@code -Dtenancy.attack.operations=<n>} changes the number of operations (default
 * {@value #DEFAULT_OPERATIONS}).
 */
@TenancyTest
class ConcurrentIsolationTests {

	static final long DEFAULT_SEED = 20261121L;

	static final int DEFAULT_OPERATIONS = 50_000;

	private static final int THREADS = 8;

	/** Keys each thread owns in each tenant's partition. */
	private static final int KEYS = 12;

	private static final int ATTACK_PERCENT = 5;

	private static final int MAX_REPORTED_FAILURES = 25;

	/** An upsert that leaves the item exactly as a PutItem of the same values would. */
	private static final String UPDATE_EXPRESSION = "SET payload = :p, gsiPk = :g, gsiSk = :s";

	private static final List<TenantId> TENANTS = List.of(TenantId.of("1"), TenantId.of("12"), TenantId.of("acme"),
			TenantId.of("acme2"), TenantId.of("globex"), TenantId.of("initech"));

	private static final Log logger = LogFactory.getLog(ConcurrentIsolationTests.class);

	private final String table = "ConcurrentIsolation-" + UUID.randomUUID().toString().substring(0, 8);

	private final long seed = Long.getLong("tenancy.attack.seed", DEFAULT_SEED);

	private final int operations = Integer.getInteger("tenancy.attack.operations", DEFAULT_OPERATIONS);

	private final Failures failures = new Failures(this.seed);

	private final Map<Op, AtomicLong> performed = new EnumMap<>(Op.class);

	private final AtomicLong itemsChecked = new AtomicLong();

	private final AtomicLong deniedByGuard = new AtomicLong();

	private final AtomicLong deniedByIam = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	@Test
	@DisplayName("TH-15 8 threads, 6 tenants, 50,000 interleaved operations: no foreign item in any response, no lost "
			+ "write, every cross-tenant attempt denied")
	void tenantsStayIsolatedUnderSustainedConcurrency(TenancyTestKit kit) throws Exception {
		kit.createTable(this.table, TestItem.SCHEMA);
		TenancyPolicies policies = TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", TenancyTestKit.REGION.id(), TenancyTestKit.ACCOUNT_ID))
			.keySchema(DynamoDbKeySchema.builder()
				.table(this.table, "pk", "sk")
				.index(this.table, "byStatus", "gsiPk", "gsiSk")
				.build())
			.build();
		for (Op op : Op.values()) {
			this.performed.put(op, new AtomicLong());
		}
		List<Worker> workers = new ArrayList<>();
		Duration elapsed;
		try (GuardedClient guarded = GuardedClient.create(kit, policies)) {
			Map<TenantId, DynamoDbClient> sessions = new HashMap<>();
			for (TenantId tenant : TENANTS) {
				sessions.put(tenant, kit.dynamoDbClientFor(tenant, policies.sessionPolicyJson(tenant)));
			}
			for (int i = 0; i < THREADS; i++) {
				int share = this.operations / THREADS + ((i < this.operations % THREADS) ? 1 : 0);
				workers.add(new Worker(i, share, guarded.client(), sessions));
			}
			ExecutorService executor = Executors.newFixedThreadPool(THREADS);
			long start = System.nanoTime();
			try {
				for (Future<Void> done : executor.invokeAll(workers)) {
					done.get();
				}
			}
			finally {
				executor.shutdownNow();
			}
			elapsed = Duration.ofNanos(System.nanoTime() - start);
		}

		Map<String, Map<String, AttributeValue>> expected = new TreeMap<>();
		workers.forEach((worker) -> worker.model.values()
			.forEach((items) -> items.values().forEach((item) -> expected.put(id(item), item))));
		Map<String, Map<String, AttributeValue>> stored = new TreeMap<>();
		for (ScanResponse page : kit.dynamoDbLocalClient()
			.scanPaginator((r) -> r.tableName(this.table).consistentRead(true))) {
			page.items().forEach((item) -> stored.put(id(item), item));
		}
		List<String> lost = new ArrayList<>();
		expected.forEach((id, item) -> {
			if (!item.equals(stored.get(id))) {
				lost.add(id + ": expected " + item + " but stored " + stored.get(id));
			}
		});
		List<String> unexpected = new ArrayList<>();
		stored.forEach((id, item) -> {
			if (!expected.containsKey(id)) {
				unexpected.add(id + ": " + item);
			}
		});
		long attacks = this.performed.get(Op.CROSS_TENANT_ATTEMPT).get();
		if (logger.isInfoEnabled()) {
			logger.info(String.format(Locale.ROOT, "TH-15 seed=%d: %,d operations on %d threads for %d tenants in "
					+ "%d ms (%,.0f/s); %,d response items checked; %,d cross-tenant attempts denied by the guard, "
					+ "%,d by IAM; %,d retries; %,d items stored; per operation: %s", this.seed, this.operations,
					THREADS, TENANTS.size(), elapsed.toMillis(),
					this.operations * 1000.0 / Math.max(1, elapsed.toMillis()), this.itemsChecked.get(),
					this.deniedByGuard.get(), this.deniedByIam.get(), this.retries.get(), stored.size(),
					this.performed));
		}
		String rerun = " (seed " + this.seed + "; rerun with -Dtenancy.attack.seed=" + this.seed + ")";
		assertThat(this.failures.all()).as("TH-15: %d failures during the run%s", this.failures.count(), rerun)
			.isEmpty();
		assertThat(lost).as("TH-15: lost or changed writes%s", rerun).isEmpty();
		assertThat(unexpected).as("TH-15: items no thread wrote (foreign or cross-tenant writes)%s", rerun).isEmpty();
		assertThat(this.performed.values().stream().mapToLong(AtomicLong::get).sum())
			.as("operations performed%s", rerun)
			.isEqualTo(this.operations);
		assertThat(this.deniedByGuard.get() + this.deniedByIam.get()).as("cross-tenant attempts denied%s", rerun)
			.isEqualTo(attacks)
			.isPositive();
		assertThat(this.deniedByGuard.get()).as("denied by the guard%s", rerun).isPositive();
		assertThat(this.deniedByIam.get()).as("denied by IAM%s", rerun).isPositive();
		assertThat(this.itemsChecked.get()).as("response items checked%s", rerun).isPositive();
		assertThat(stored).as("items stored%s", rerun).isNotEmpty();
	}

	private static String id(Map<String, AttributeValue> item) {
		return item.get("pk").s() + "|" + item.get("sk").s();
	}

	private static String pk(TenantId tenant) {
		return "TENANT#" + tenant.value();
	}

	/**
	 * The operation mix, in percent.
	 */
	enum Op {

		PUT(14), UPDATE(12), DELETE(7), GET(18), QUERY_OWN_KEYS(9), QUERY_PARTITION(6), QUERY_INDEX(5),
		BATCH_WRITE(7), BATCH_GET(7), TRANSACT_WRITE(6), TRANSACT_GET(4), CROSS_TENANT_ATTEMPT(ATTACK_PERCENT);

		private final int percent;

		Op(int percent) {
			this.percent = percent;
		}

		static Op pick(int roll) {
			int bound = 0;
			for (Op op : values()) {
				bound += op.percent;
				if (roll < bound) {
					return op;
				}
			}
			throw new IllegalStateException("The operation mix does not add up to 100%");
		}

	}

	/**
	 * The cross-tenant attempts.
	 */
	enum AttackKind {

		GET, PUT, UPDATE, DELETE, QUERY, QUERY_INDEX, BATCH_GET_MIXED, BATCH_WRITE_MIXED, TRANSACT_GET_MIXED,
		TRANSACT_WRITE_MIXED

	}

	/**
	 * Failures seen by the workers; the first few are kept with their full context.
	 */
	private static final class Failures {

		private final long seed;

		private final ConcurrentLinkedQueue<String> reported = new ConcurrentLinkedQueue<>();

		private final AtomicLong count = new AtomicLong();

		Failures(long seed) {
			this.seed = seed;
		}

		void add(String what) {
			if (this.count.incrementAndGet() <= MAX_REPORTED_FAILURES) {
				this.reported.add("seed " + this.seed + ": " + what);
			}
		}

		List<String> all() {
			return List.copyOf(this.reported);
		}

		long count() {
			return this.count.get();
		}

	}

	/**
	 * One thread's deterministic sequence of operations and its exact model of its own keys.
	 */
	private final class Worker implements Callable<Void> {

		private final int index;

		private final int share;

		private final Random random;

		private final DynamoDbClient guarded;

		private final Map<TenantId, DynamoDbClient> sessions;

		/** tenant → sort key → the item as it must be stored; only this thread writes these keys. */
		private final Map<TenantId, TreeMap<String, Map<String, AttributeValue>>> model = new HashMap<>();

		private int step;

		private TenantId tenant = TENANTS.get(0);

		Worker(int index, int share, DynamoDbClient guarded, Map<TenantId, DynamoDbClient> sessions) {
			this.index = index;
			this.share = share;
			this.random = new Random(ConcurrentIsolationTests.this.seed * 31 + index);
			this.guarded = guarded;
			this.sessions = sessions;
			TENANTS.forEach((t) -> this.model.put(t, new TreeMap<>()));
		}

		@Override
		public Void call() {
			for (this.step = 0; this.step < this.share; this.step++) {
				this.tenant = TENANTS.get(this.random.nextInt(TENANTS.size()));
				Op op = Op.pick(this.random.nextInt(100));
				try {
					if (op == Op.CROSS_TENANT_ATTEMPT) {
						attack();
					}
					else {
						TenantContext.runAs(this.tenant, () -> perform(op));
					}
				}
				catch (RuntimeException | AssertionError ex) {
					fail(op + " failed with " + ex);
				}
				ConcurrentIsolationTests.this.performed.get(op).incrementAndGet();
			}
			return null;
		}

		private void perform(Op op) {
			TreeMap<String, Map<String, AttributeValue>> mine = this.model.get(this.tenant);
			DynamoDbClient client = this.guarded;
			String table = ConcurrentIsolationTests.this.table;
			switch (op) {
				case PUT -> {
					Map<String, AttributeValue> item = newItem(randomKey());
					Map<String, AttributeValue> old = client
						.putItem((r) -> r.tableName(table).item(item).returnValues(ReturnValue.ALL_OLD))
						.attributes();
					expect("PutItem ALL_OLD of " + id(item), old, mine.put(item.get("sk").s(), item));
				}
				case UPDATE -> {
					Map<String, AttributeValue> item = newItem(randomKey());
					Map<String, AttributeValue> returned = client.updateItem((r) -> update(r.tableName(table), item)
						.returnValues(ReturnValue.ALL_NEW)).attributes();
					expect("UpdateItem ALL_NEW of " + id(item), returned, item);
					mine.put(item.get("sk").s(), item);
				}
				case DELETE -> {
					String sk = randomKey();
					Map<String, AttributeValue> old = client
						.deleteItem((r) -> r.tableName(table).key(key(sk)).returnValues(ReturnValue.ALL_OLD))
						.attributes();
					expect("DeleteItem ALL_OLD of " + sk, old, mine.remove(sk));
				}
				case GET -> {
					String sk = randomKey();
					Map<String, AttributeValue> item = client
						.getItem((r) -> r.tableName(table).key(key(sk)).consistentRead(true))
						.item();
					expect("GetItem of " + sk, item, mine.get(sk));
				}
				case QUERY_OWN_KEYS -> {
					List<Map<String, AttributeValue>> items = client.query((r) -> r.tableName(table)
						.consistentRead(true)
						.keyConditionExpression("pk = :pk AND begins_with(sk, :mine)")
						.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(this.tenant)), ":mine",
								AttributeValue.fromS(keyPrefix()))))
						.items();
					items.forEach((item) -> owned("Query of own keys", item));
					if (!items.equals(new ArrayList<>(mine.values()))) {
						fail("Query of own keys returned " + items + " but the model holds " + mine.values());
					}
				}
				case QUERY_PARTITION -> client.query((r) -> r.tableName(table)
					.consistentRead(true)
					.scanIndexForward(this.random.nextBoolean())
					.limit(10)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(this.tenant)))))
					.items()
					.forEach((item) -> owned("Query of the partition", item));
				case QUERY_INDEX -> {
					String indexKey = indexKey(this.random.nextBoolean());
					client.query((r) -> r.tableName(table)
						.indexName("byStatus")
						.limit(10)
						.keyConditionExpression("gsiPk = :k")
						.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(indexKey))))
						.items()
						.forEach((item) -> {
							owned("Query on the GSI", item);
							if (!indexKey.equals(item.get("gsiPk").s())) {
								fail("Query on the GSI for " + indexKey + " returned " + item);
							}
						});
				}
				case BATCH_WRITE -> {
					List<WriteRequest> writes = new ArrayList<>();
					Map<String, @Nullable Map<String, AttributeValue>> changes = new LinkedHashMap<>();
					for (String sk : distinctKeys(2 + this.random.nextInt(5))) {
						if (this.random.nextInt(3) > 0) {
							Map<String, AttributeValue> item = newItem(sk);
							writes.add(WriteRequest.builder().putRequest((p) -> p.item(item)).build());
							changes.put(sk, item);
						}
						else {
							writes.add(WriteRequest.builder().deleteRequest((d) -> d.key(key(sk))).build());
							changes.put(sk, null);
						}
					}
					Map<String, List<WriteRequest>> pending = Map.of(table, writes);
					for (int attempt = 0; !pending.isEmpty(); attempt++) {
						if (attempt > 0) {
							ConcurrentIsolationTests.this.retries.incrementAndGet();
						}
						Map<String, List<WriteRequest>> batch = pending;
						pending = client.batchWriteItem((r) -> r.requestItems(batch)).unprocessedItems();
					}
					changes.forEach((sk, item) -> {
						if (item == null) {
							mine.remove(sk);
						}
						else {
							mine.put(sk, item);
						}
					});
				}
				case BATCH_GET -> {
					List<String> keys = distinctKeys(2 + this.random.nextInt(5));
					Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
						.keys(keys.stream().map(this::key).toList())
						.consistentRead(true)
						.build());
					Map<String, Map<String, AttributeValue>> returned = new TreeMap<>();
					for (int attempt = 0; !pending.isEmpty(); attempt++) {
						if (attempt > 0) {
							ConcurrentIsolationTests.this.retries.incrementAndGet();
						}
						Map<String, KeysAndAttributes> batch = pending;
						BatchGetItemResponse response = client.batchGetItem((r) -> r.requestItems(batch));
						response.responses().getOrDefault(table, List.of()).forEach((item) -> {
							owned("BatchGetItem", item);
							returned.put(item.get("sk").s(), item);
						});
						pending = response.unprocessedKeys();
					}
					Map<String, Map<String, AttributeValue>> modelled = new TreeMap<>();
					keys.stream().filter(mine::containsKey).forEach((sk) -> modelled.put(sk, mine.get(sk)));
					if (!returned.equals(modelled)) {
						fail("BatchGetItem of " + keys + " returned " + returned + " but the model holds " + modelled);
					}
				}
				case TRANSACT_WRITE -> transactWrite(client, mine);
				case TRANSACT_GET -> {
					List<String> keys = distinctKeys(2 + this.random.nextInt(3));
					List<ItemResponse> responses = client.transactGetItems((r) -> r.transactItems(keys.stream()
						.map((sk) -> TransactGetItem.builder().get((g) -> g.tableName(table).key(key(sk))).build())
						.toList())).responses();
					for (int i = 0; i < keys.size(); i++) {
						expect("TransactGetItems of " + keys.get(i), responses.get(i).item(), mine.get(keys.get(i)));
					}
				}
				case CROSS_TENANT_ATTEMPT -> throw new IllegalStateException("Attacks do not run in the scope");
			}
		}

		private void transactWrite(DynamoDbClient client, TreeMap<String, Map<String, AttributeValue>> mine) {
			String table = ConcurrentIsolationTests.this.table;
			List<String> keys = distinctKeys(3 + this.random.nextInt(3));
			String checked = keys.remove(keys.size() - 1);
			List<TransactWriteItem> actions = new ArrayList<>();
			Map<String, @Nullable Map<String, AttributeValue>> changes = new LinkedHashMap<>();
			for (String sk : keys) {
				int kind = this.random.nextInt(3);
				Map<String, AttributeValue> item = newItem(sk);
				switch (kind) {
					case 0 -> {
						actions.add(TransactWriteItem.builder().put((p) -> p.tableName(table).item(item)).build());
						changes.put(sk, item);
					}
					case 1 -> {
						actions.add(TransactWriteItem.builder()
							.update((u) -> update(u.tableName(table), item))
							.build());
						changes.put(sk, item);
					}
					default -> {
						actions.add(TransactWriteItem.builder().delete((d) -> d.tableName(table).key(key(sk))).build());
						changes.put(sk, null);
					}
				}
			}
			String condition = mine.containsKey(checked) ? "attribute_exists(pk)" : "attribute_not_exists(pk)";
			actions.add(TransactWriteItem.builder()
				.conditionCheck((k) -> k.tableName(table).key(key(checked)).conditionExpression(condition))
				.build());
			for (int attempt = 0;; attempt++) {
				try {
					client.transactWriteItems((r) -> r.transactItems(actions));
					break;
				}
				catch (TransactionCanceledException ex) {
					boolean conflict = ex.hasCancellationReasons() && ex.cancellationReasons()
						.stream()
						.map(CancellationReason::code)
						.anyMatch("TransactionConflict"::equals);
					if (!conflict || attempt >= 5) {
						fail("TransactWriteItems on " + changes.keySet() + " with " + condition + " on " + checked
								+ " was canceled: " + ex.cancellationReasons());
						return;
					}
					ConcurrentIsolationTests.this.retries.incrementAndGet();
				}
			}
			changes.forEach((sk, item) -> {
				if (item == null) {
					mine.remove(sk);
				}
				else {
					mine.put(sk, item);
				}
			});
		}

		/**
		 * A deliberate cross-tenant attempt by the current tenant on a random other tenant; through the guarded
		 * client in the tenant's scope, or through a plain client with the tenant's STS session (gateway only).
		 */
		private void attack() {
			TenantId attacker = this.tenant;
			TenantId victim;
			do {
				victim = TENANTS.get(this.random.nextInt(TENANTS.size()));
			}
			while (victim.equals(attacker));
			AttackKind kind = AttackKind.values()[this.random.nextInt(AttackKind.values().length)];
			boolean throughGuard = this.random.nextBoolean();
			String table = ConcurrentIsolationTests.this.table;
			// A key another thread owns in the victim's partition: a write that got through would surface there.
			Map<String, AttributeValue> victimKey = Map.of("pk", AttributeValue.fromS(pk(victim)), "sk",
					AttributeValue.fromS(keyOf(this.random.nextInt(THREADS), this.random.nextInt(KEYS))));
			Map<String, AttributeValue> planted = newItem(pk(victim), "ATTACK#" + this.index + "#" + this.step);
			Map<String, AttributeValue> ownItem = newItem(randomKey());
			String victimIndexKey = "TENANT#" + victim.value() + "#STATUS#OPEN";
			Consumer<DynamoDbClient> call = switch (kind) {
				case GET -> (c) -> c.getItem((r) -> r.tableName(table).key(victimKey));
				case PUT -> (c) -> c.putItem((r) -> r.tableName(table).item(planted));
				case UPDATE -> (c) -> c.updateItem((r) -> r.tableName(table).key(victimKey)
					.updateExpression("SET payload = :p")
					.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("pwned by " + attacker))));
				case DELETE -> (c) -> c.deleteItem((r) -> r.tableName(table).key(victimKey));
				case QUERY -> (c) -> c.query((r) -> r.tableName(table).keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", victimKey.get("pk"))));
				case QUERY_INDEX -> (c) -> c.query((r) -> r.tableName(table).indexName("byStatus")
					.keyConditionExpression("gsiPk = :k")
					.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(victimIndexKey))));
				case BATCH_GET_MIXED -> (c) -> c.batchGetItem((r) -> r.requestItems(Map.of(table,
						KeysAndAttributes.builder().keys(key(randomKey()), victimKey).build())));
				case BATCH_WRITE_MIXED -> (c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(table, List.of(
						WriteRequest.builder().putRequest((p) -> p.item(ownItem)).build(),
						WriteRequest.builder().deleteRequest((d) -> d.key(victimKey)).build()))));
				case TRANSACT_GET_MIXED -> (c) -> c.transactGetItems((r) -> r.transactItems(
						TransactGetItem.builder().get((g) -> g.tableName(table).key(key(randomKey()))).build(),
						TransactGetItem.builder().get((g) -> g.tableName(table).key(victimKey)).build()));
				case TRANSACT_WRITE_MIXED -> (c) -> c.transactWriteItems((r) -> r.transactItems(
						TransactWriteItem.builder().put((p) -> p.tableName(table).item(ownItem)).build(),
						TransactWriteItem.builder().conditionCheck((k) -> k.tableName(table).key(victimKey)
							.conditionExpression("attribute_exists(pk) OR attribute_not_exists(pk)")).build()));
			};
			String what = "cross-tenant " + kind + " by '" + attacker + "' on '" + victim + "' through the "
					+ (throughGuard ? "guard" : "gateway alone");
			try {
				if (throughGuard) {
					TenantContext.runAs(attacker, () -> call.accept(this.guarded));
				}
				else {
					call.accept(this.sessions.get(attacker));
				}
				fail(what + " was not denied");
			}
			catch (TenantAccessDeniedException ex) {
				if (!throughGuard || ex.getLayer() != EnforcementLayer.GUARD
						|| !attacker.value().equals(ex.getTenant())) {
					fail(what + " was denied in an unexpected way: " + ex);
				}
				else {
					ConcurrentIsolationTests.this.deniedByGuard.incrementAndGet();
				}
			}
			catch (DynamoDbException ex) {
				String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : null;
				String expected = "User: arn:aws:sts::" + TenancyTestKit.ACCOUNT_ID
						+ ":assumed-role/tenancy-tenant/tenant-" + attacker + " is not authorized to perform: ";
				if (throughGuard || ex.statusCode() != 400 || message == null || !message.startsWith(expected)) {
					fail(what + " was denied in an unexpected way: " + ex);
				}
				else {
					ConcurrentIsolationTests.this.deniedByIam.incrementAndGet();
				}
			}
		}

		private void owned(String what, Map<String, AttributeValue> item) {
			ConcurrentIsolationTests.this.itemsChecked.incrementAndGet();
			AttributeValue pk = item.get("pk");
			AttributeValue payload = item.get("payload");
			if (pk == null || !pk(this.tenant).equals(pk.s()) || payload == null
					|| !payload.s().startsWith("tenant=" + this.tenant.value() + " ")) {
				fail("CROSS-TENANT ITEM: " + what + " in the scope of '" + this.tenant + "' returned " + item);
			}
		}

		private void expect(String what, Map<String, AttributeValue> actual,
				@Nullable Map<String, AttributeValue> expected) {
			if (!actual.isEmpty()) {
				owned(what, actual);
			}
			Map<String, AttributeValue> modelled = (expected != null) ? expected : Map.of();
			if (!actual.equals(modelled)) {
				fail(what + " returned " + actual + " but the model holds " + modelled);
			}
		}

		private void fail(String what) {
			ConcurrentIsolationTests.this.failures.add(String.format(Locale.ROOT, "thread %d, operation %d, tenant "
					+ "'%s': %s", this.index, this.step, this.tenant, what));
		}

		private String keyPrefix() {
			return "W" + this.index + "#";
		}

		private static String keyOf(int worker, int key) {
			return String.format(Locale.ROOT, "W%d#K%02d", worker, key);
		}

		private String randomKey() {
			return keyOf(this.index, this.random.nextInt(KEYS));
		}

		private List<String> distinctKeys(int count) {
			List<Integer> all = new ArrayList<>();
			for (int k = 0; k < KEYS; k++) {
				all.add(k);
			}
			List<String> keys = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				keys.add(keyOf(this.index, all.remove(this.random.nextInt(all.size()))));
			}
			return keys;
		}

		private Map<String, AttributeValue> key(String sk) {
			return Map.of("pk", AttributeValue.fromS(pk(this.tenant)), "sk", AttributeValue.fromS(sk));
		}

		private String indexKey(boolean open) {
			return pk(this.tenant) + "#STATUS#" + (open ? "OPEN" : "CLOSED");
		}

		private Map<String, AttributeValue> newItem(String sk) {
			return newItem(pk(this.tenant), sk);
		}

		private Map<String, AttributeValue> newItem(String pk, String sk) {
			boolean open = this.random.nextBoolean();
			Map<String, AttributeValue> item = new HashMap<>();
			item.put("pk", AttributeValue.fromS(pk));
			item.put("sk", AttributeValue.fromS(sk));
			item.put("gsiPk", AttributeValue.fromS(pk + "#STATUS#" + (open ? "OPEN" : "CLOSED")));
			item.put("gsiSk", AttributeValue.fromS(sk));
			item.put("payload", AttributeValue.fromS("tenant=" + this.tenant.value() + " thread=" + this.index
					+ " operation=" + this.step));
			return Map.copyOf(item);
		}

		private UpdateItemRequest.Builder update(UpdateItemRequest.Builder request, Map<String, AttributeValue> item) {
			return request.key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
				.updateExpression(UPDATE_EXPRESSION)
				.expressionAttributeValues(updateValues(item));
		}

		private Update.Builder update(Update.Builder request, Map<String, AttributeValue> item) {
			return request.key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
				.updateExpression(UPDATE_EXPRESSION)
				.expressionAttributeValues(updateValues(item));
		}

		private static Map<String, AttributeValue> updateValues(Map<String, AttributeValue> item) {
			return Map.of(":p", item.get("payload"), ":g", item.get("gsiPk"), ":s", item.get("gsiSk"));
		}

	}

}
