package dev.tenancy.test.attacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * #16 the cross-tier attack matrix: pooled tenant {@code initech} (shared table {@value #POOL}, partition
 * {@code TENANT#initech}) and silo tenants {@code acme} and {@code globex} (their own tables {@code TieredAttacks-acme}
 * and {@code TieredAttacks-globex}, from the default template {@code {table}-{tenant}}) attack each other's tier:
 * <ul>
 * <li>pool→silo: {@code initech} on {@code acme}'s table;</li>
 * <li>silo→pool: {@code acme} on {@code initech}'s items in the pooled table;</li>
 * <li>silo→silo: {@code acme} on {@code globex}'s table.</li>
 * </ul>
 * Each attack runs at each {@link Layer}, as in {@link LayeredAttackTests}: it must be denied naming the tenant, the
 * action and the victim's table (or index) ARN, nothing of another tenant may be returned, and every table must still
 * hold exactly its seed. The attacks include the attacker's <em>own</em> partition key in the victim's table: the kit's
 * role ceiling allows every table ({@code table/*}) under {@code dynamodb:LeadingKeys}, so only the tier-aware session
 * policy (and the guard evaluating it) keeps a tenant out of another tier's table. A control shows every tenant is
 * allowed its own tier's table and index at every layer.
 */
@TenancyTest
class TieredAttackTests {

	static final String POOL = "TieredAttacks";

	private static final String INDEX = "byStatus";

	private static final String SK = "PROJECT#1";

	private static final String ARN_PREFIX = "arn:aws:dynamodb:us-east-1:" + TenancyTestKit.ACCOUNT_ID + ":table/";

	private static final TenantId INITECH = TenantId.of("initech");

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	/** Each table and the partitions seeded in it: every tenant's own items in its own tier's table. */
	private static final Map<String, List<String>> SEEDED = seededTables();

	private static final Pattern IAM_REASON = Pattern.compile(".* (because no (identity-based|session) policy allows "
			+ "the dynamodb:\\w+ action|with an explicit deny in an? (identity-based|session) policy)");

	private static final TenancyPolicies POLICIES = TenancyPolicies.builder()
		.arns(ResourceArns.of("aws", TenancyTestKit.REGION.id(), TenancyTestKit.ACCOUNT_ID))
		.keySchema(DynamoDbKeySchema.builder().table(POOL, "pk", "sk").index(POOL, INDEX, "gsiPk", "gsiSk").build())
		.tenantTables(TenantTables.tiered(TenantTierResolver.silo(List.of(ACME, GLOBEX)),
				SiloTableTemplate.defaultTemplate()))
		.build();

	private static TenancyTestKit enforcing;

	private static TenancyTestKit permissive;

	private static GuardedClient guardedEnforcing;

	private static GuardedClient guardedPermissive;

	private static final Map<TenantId, DynamoDbClient> plainClients = new ConcurrentHashMap<>();

	@BeforeAll
	static void startWalls(TenancyTestKit kit) {
		enforcing = kit;
		permissive = TenancyTestKit.builder().authorizer(GatewayAuthorizer.allowAll()).start();
		for (TenancyTestKit each : List.of(enforcing, permissive)) {
			each.createTable(POOL, TestItem.SCHEMA);
			each.createSiloTable(POOL, silo(ACME));
			each.createSiloTable(POOL, silo(GLOBEX));
		}
		guardedEnforcing = GuardedClient.create(enforcing, POLICIES);
		guardedPermissive = GuardedClient.create(permissive, POLICIES);
	}

	@AfterAll
	static void stopWalls() {
		guardedEnforcing.close();
		guardedPermissive.close();
		plainClients.clear();
		permissive.close();
	}

	/**
	 * The three crossings: who attacks, which table it addresses, and whose partition lives there.
	 */
	enum Crossing {

		POOL_TO_SILO("pool→silo", INITECH, silo(ACME), "TENANT#acme"),

		SILO_TO_POOL("silo→pool", ACME, POOL, "TENANT#initech"),

		SILO_TO_SILO("silo→silo", ACME, silo(GLOBEX), "TENANT#globex");

		final String label;

		final TenantId attacker;

		final String table;

		final String victim;

		Crossing(String label, TenantId attacker, String table, String victim) {
			this.label = label;
			this.attacker = attacker;
			this.table = table;
			this.victim = victim;
		}

		String own() {
			return "TENANT#" + this.attacker.value();
		}

		String ownTable() {
			return TieredAttackTests.ownTable(this.attacker);
		}

		String arn() {
			return ARN_PREFIX + this.table;
		}

		String indexArn() {
			return arn() + "/index/" + INDEX;
		}

	}

	/**
	 * One cross-tier attack.
	 * @param crossing the tiers crossed
	 * @param description what the attack does
	 * @param guardAction the action the guard's denial names
	 * @param guardResource the resource the guard's denial names
	 * @param iamAction the action IAM's denial names
	 * @param iamResource the resource IAM's denial names
	 * @param call the attack
	 */
	record TierAttack(Crossing crossing, String description, String guardAction, String guardResource,
			String iamAction, String iamResource, Consumer<DynamoDbClient> call) {

		@Override
		public String toString() {
			return "#16 " + this.crossing.label + " " + this.description;
		}

	}

	// The matrix

	static Stream<Arguments> attacksAtEachLayer() {
		return Stream.of(Crossing.values())
			.flatMap((crossing) -> attacks(crossing).stream())
			.flatMap((attack) -> Stream.of(Layer.values()).map((layer) -> Arguments.of(attack, layer)));
	}

	@ParameterizedTest(name = "{0} [{1}]")
	@MethodSource("attacksAtEachLayer")
	void crossTierAttackIsDenied(TierAttack attack, Layer layer) {
		TenancyTestKit kit = kitFor(layer);
		reset(kit);
		long forwarded = kit.gateway().forwardedCount();
		long rejected = kit.gateway().rejectedCount();

		Throwable thrown = catchThrowable(() -> call(layer, attack.crossing().attacker, (c) -> {
			attack.call().accept(c);
			return null;
		}));

		if (layer == Layer.GATEWAY_ALONE) {
			assertDeniedByIam(thrown, attack);
			assertThat(kit.gateway().forwardedCount()).as("forwarded to DynamoDB").isEqualTo(forwarded);
			assertThat(kit.gateway().rejectedCount()).as("rejected by the gateway").isEqualTo(rejected + 1);
		}
		else {
			assertDeniedByGuard(thrown, attack);
			assertThat(kit.gateway().forwardedCount()).as("requests that left the JVM").isEqualTo(forwarded);
			assertThat(kit.gateway().rejectedCount()).as("requests that left the JVM").isEqualTo(rejected);
		}
		assertNothingLeaked(thrown, attack.crossing().attacker);
		assertThat(contents(kit)).as("no write applied by '%s'", attack).isEqualTo(seed());
	}

	private static List<TierAttack> attacks(Crossing x) {
		String table = x.table;
		String victim = x.victim;
		String own = x.own();
		String pwned = "pwned by " + x.attacker;
		return List.of(
				attack(x, "GetItem of the victim's item", "dynamodb:GetItem", x.arn(),
						(c) -> c.getItem((r) -> r.tableName(table).key(key(victim)))),
				attack(x, "GetItem addressing the victim's table by its ARN", "dynamodb:GetItem", x.arn(),
						(c) -> c.getItem((r) -> r.tableName(x.arn()).key(key(victim)))),
				attack(x, "PutItem overwriting the victim's item", "dynamodb:PutItem", x.arn(),
						(c) -> c.putItem((r) -> r.tableName(table).item(item(victim, SK, pwned)))),
				attack(x, "PutItem of an item under the attacker's own key into the victim's table", "dynamodb:PutItem",
						x.arn(), (c) -> c.putItem((r) -> r.tableName(table).item(item(own, "PROJECT#9", pwned)))),
				attack(x, "UpdateItem of the victim's item", "dynamodb:UpdateItem", x.arn(),
						(c) -> c.updateItem((r) -> r.tableName(table).key(key(victim)).updateExpression("SET payload = :p")
							.expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pwned))))),
				attack(x, "DeleteItem of the victim's item", "dynamodb:DeleteItem", x.arn(),
						(c) -> c.deleteItem((r) -> r.tableName(table).key(key(victim)))),
				attack(x, "Query of the victim's partition", "dynamodb:Query", x.arn(),
						(c) -> c.query((r) -> r.tableName(table).keyConditionExpression("pk = :pk")
							.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(victim))))),
				attack(x, "Query of the attacker's own partition in the victim's table", "dynamodb:Query", x.arn(),
						(c) -> c.query((r) -> r.tableName(table).keyConditionExpression("pk = :pk")
							.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(own))))),
				attack(x, "Query on the victim table's tenant index with the victim's index key", "dynamodb:Query",
						x.indexArn(), (c) -> c.query((r) -> r.tableName(table).indexName(INDEX)
							.keyConditionExpression("gsiPk = :k")
							.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(victim + "#STATUS#OPEN"))))),
				attack(x, "Query on the victim table's tenant index with the attacker's own index key",
						"dynamodb:Query", x.indexArn(), (c) -> c.query((r) -> r.tableName(table).indexName(INDEX)
							.keyConditionExpression("gsiPk = :k")
							.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(own + "#STATUS#OPEN"))))),
				attack(x, "BatchGetItem of the victim's item", "dynamodb:BatchGetItem", x.arn(),
						(c) -> c.batchGetItem((r) -> r.requestItems(
								Map.of(table, KeysAndAttributes.builder().keys(key(victim)).build())))),
				attack(x, "BatchGetItem of the attacker's own item (own table) and the victim's", "dynamodb:BatchGetItem",
						x.arn(), (c) -> c.batchGetItem((r) -> r.requestItems(orderedMap(x.ownTable(),
								KeysAndAttributes.builder().keys(key(own)).build(), table,
								KeysAndAttributes.builder().keys(key(victim)).build())))),
				attack(x, "BatchWriteItem overwriting the victim's item", "dynamodb:BatchWriteItem", x.arn(),
						(c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(table, List.of(put(item(victim, SK, pwned))))))),
				attack(x, "BatchWriteItem putting into the attacker's own table and deleting the victim's item",
						"dynamodb:BatchWriteItem", x.arn(), (c) -> c.batchWriteItem((r) -> r.requestItems(orderedMap(
								x.ownTable(), List.of(put(item(own, "PROJECT#9", "new item of " + x.attacker))), table,
								List.of(WriteRequest.builder().deleteRequest((d) -> d.key(key(victim))).build()))))),
				attack(x, "TransactWriteItems Put overwriting the victim's item", "dynamodb:PutItem", x.arn(),
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.put((p) -> p.tableName(table).item(item(victim, SK, pwned))).build()))),
				attack(x, "TransactWriteItems Put into the attacker's own table and Delete of the victim's item",
						"dynamodb:DeleteItem", x.arn(), (c) -> c.transactWriteItems((r) -> r.transactItems(
								TransactWriteItem.builder().put((p) -> p.tableName(x.ownTable())
									.item(item(own, "PROJECT#9", "new item of " + x.attacker))).build(),
								TransactWriteItem.builder().delete((d) -> d.tableName(table).key(key(victim)))
									.build()))),
				new TierAttack(x, "Scan of the victim's table", "dynamodb:Scan", "*", "dynamodb:Scan", x.arn(),
						(c) -> c.scan((r) -> r.tableName(table))),
				new TierAttack(x, "Scan of the victim table's tenant index", "dynamodb:Scan", "*", "dynamodb:Scan",
						x.indexArn(), (c) -> c.scan((r) -> r.tableName(table).indexName(INDEX))));
	}

	private static TierAttack attack(Crossing crossing, String description, String action, String resource,
			Consumer<DynamoDbClient> call) {
		return new TierAttack(crossing, description, action, resource, action, resource, call);
	}

	// Control: each tenant is allowed its own tier's table

	static Stream<Arguments> ownTierAtEachLayer() {
		return Stream.of(INITECH, ACME, GLOBEX)
			.flatMap((tenant) -> Stream.of(Layer.values()).map((layer) -> Arguments.of(tenant, layer)));
	}

	@ParameterizedTest(name = "#16 control: {0} reads, writes and queries its own tier's table and index [{1}]")
	@MethodSource("ownTierAtEachLayer")
	void ownTierAccessSucceeds(TenantId tenant, Layer layer) {
		TenancyTestKit kit = kitFor(layer);
		reset(kit);
		String table = ownTable(tenant);
		String own = "TENANT#" + tenant.value();

		List<Map<String, AttributeValue>> seen = call(layer, tenant, (c) -> {
			List<Map<String, AttributeValue>> items = new ArrayList<>();
			items.add(c.getItem((r) -> r.tableName(table).key(key(own)).consistentRead(true)).item());
			c.putItem((r) -> r.tableName(table).item(item(own, "PROJECT#5", "new item of " + tenant)));
			c.updateItem((r) -> r.tableName(table).key(key(own)).updateExpression("SET payload = :p")
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("changed"))));
			items.addAll(c.query((r) -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(own)))).items());
			items.addAll(c.query((r) -> r.tableName(table).indexName(INDEX).keyConditionExpression("gsiPk = :k")
				.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(own + "#STATUS#OPEN")))).items());
			items.addAll(c.batchGetItem((r) -> r.requestItems(Map.of(table,
					KeysAndAttributes.builder().keys(key(own), key(own, "PROJECT#5")).consistentRead(true).build())))
				.responses()
				.get(table));
			c.batchWriteItem((r) -> r.requestItems(Map.of(table, List.of(put(item(own, "PROJECT#6", "batch"))))));
			c.transactWriteItems((r) -> r.transactItems(
					TransactWriteItem.builder().conditionCheck((k) -> k.tableName(table).key(key(own, "PROJECT#6"))
						.conditionExpression("attribute_exists(pk)")).build(),
					TransactWriteItem.builder().delete((d) -> d.tableName(table).key(key(own, "PROJECT#5"))).build()));
			return items;
		});

		assertThat(seen).hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy((item) -> assertThat(item.get("pk").s()).isEqualTo(own));
		Map<String, Map<String, AttributeValue>> stored = contents(kit);
		assertThat(stored.get(table + "|" + own + "|" + SK).get("payload").s()).isEqualTo("changed");
		assertThat(stored).containsKey(table + "|" + own + "|PROJECT#6")
			.doesNotContainKey(table + "|" + own + "|PROJECT#5");
		Map<String, Map<String, AttributeValue>> others = new TreeMap<>(stored);
		others.keySet().removeIf((key) -> key.startsWith(table + "|" + own + "|"));
		Map<String, Map<String, AttributeValue>> otherSeed = new TreeMap<>(seed());
		otherSeed.keySet().removeIf((key) -> key.startsWith(table + "|" + own + "|"));
		assertThat(others).as("every other tenant's items untouched").isEqualTo(otherSeed);
	}

	// Tables and seed

	static String silo(TenantId tenant) {
		return POOL + "-" + tenant.value();
	}

	static String ownTable(TenantId tenant) {
		return tenant.equals(INITECH) ? POOL : silo(tenant);
	}

	private static Map<String, List<String>> seededTables() {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		// The pooled table holds pooled tenants' items; each silo table its own tenant's.
		tables.put(POOL, List.of("TENANT#initech", "TENANT#hooli"));
		tables.put(silo(ACME), List.of("TENANT#acme"));
		tables.put(silo(GLOBEX), List.of("TENANT#globex"));
		return tables;
	}

	private static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	private static Map<String, AttributeValue> key(String pk) {
		return key(pk, SK);
	}

	private static Map<String, AttributeValue> item(String pk, String sk, String what) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS(pk));
		item.put("sk", AttributeValue.fromS(sk));
		item.put("gsiPk", AttributeValue.fromS(pk + "#STATUS#OPEN"));
		item.put("gsiSk", AttributeValue.fromS(sk));
		item.put("payload", AttributeValue.fromS("payload " + what));
		return item;
	}

	private static String marker(String table, String pk) {
		return "of " + table + "/" + pk + "/";
	}

	/**
	 * @return the seed, keyed by {@code table|pk|sk}
	 */
	private static Map<String, Map<String, AttributeValue>> seed() {
		Map<String, Map<String, AttributeValue>> seed = new TreeMap<>();
		SEEDED.forEach((table, partitions) -> partitions.forEach(
				(pk) -> seed.put(table + "|" + pk + "|" + SK, item(pk, SK, marker(table, pk) + SK))));
		return seed;
	}

	private static Map<String, Map<String, AttributeValue>> contents(TenancyTestKit kit) {
		Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
		for (String table : SEEDED.keySet()) {
			for (ScanResponse page : kit.dynamoDbLocalClient()
				.scanPaginator((r) -> r.tableName(table).consistentRead(true))) {
				for (Map<String, AttributeValue> item : page.items()) {
					items.put(table + "|" + item.get("pk").s() + "|" + item.get("sk").s(), item);
				}
			}
		}
		return items;
	}

	/**
	 * Bring every table back to exactly the seed (through DynamoDB Local directly, bypassing every wall).
	 */
	private static void reset(TenancyTestKit kit) {
		DynamoDbClient local = kit.dynamoDbLocalClient();
		Map<String, Map<String, AttributeValue>> seed = seed();
		for (Map.Entry<String, Map<String, AttributeValue>> stored : contents(kit).entrySet()) {
			if (!stored.getValue().equals(seed.get(stored.getKey()))) {
				String table = stored.getKey().substring(0, stored.getKey().indexOf('|'));
				Map<String, AttributeValue> item = stored.getValue();
				local.deleteItem((r) -> r.tableName(table).key(key(item.get("pk").s(), item.get("sk").s())));
			}
		}
		seed.forEach((key, item) -> local
			.putItem((r) -> r.tableName(key.substring(0, key.indexOf('|'))).item(item)));
	}

	/**
	 * @return the markers of every seeded item the tenant does not own
	 */
	private static List<String> foreignMarkers(TenantId tenant) {
		List<String> markers = new ArrayList<>();
		SEEDED.forEach((table, partitions) -> partitions.stream()
			.filter((pk) -> !pk.equals("TENANT#" + tenant.value()))
			.forEach((pk) -> markers.add(marker(table, pk))));
		return markers;
	}

	private static <K, V> Map<K, V> orderedMap(K firstKey, V first, K secondKey, V second) {
		Map<K, V> map = new LinkedHashMap<>();
		map.put(firstKey, first);
		map.put(secondKey, second);
		return map;
	}

	private static WriteRequest put(Map<String, AttributeValue> item) {
		return WriteRequest.builder().putRequest((p) -> p.item(item)).build();
	}

	// Running and judging

	private static TenancyTestKit kitFor(Layer layer) {
		return (layer == Layer.GUARD_ALONE) ? permissive : enforcing;
	}

	private static <T> T call(Layer layer, TenantId tenant, Function<DynamoDbClient, T> call) {
		return switch (layer) {
			// No tenant scope, no guard: only the STS session's policies stand between the call and the data.
			case GATEWAY_ALONE -> call.apply(plainClients.computeIfAbsent(tenant,
					(id) -> enforcing.dynamoDbClientFor(id, POLICIES.sessionPolicyJson(id))));
			case GUARD_ALONE -> TenantContext.callAs(tenant, () -> call.apply(guardedPermissive.client()));
			case BOTH -> TenantContext.callAs(tenant, () -> call.apply(guardedEnforcing.client()));
		};
	}

	private static void assertDeniedByGuard(Throwable thrown, TierAttack attack) {
		TenantId tenant = attack.crossing().attacker;
		assertThat(thrown).as("%s must be denied by the guard", attack)
			.isInstanceOf(TenantAccessDeniedException.class);
		TenantAccessDeniedException denied = (TenantAccessDeniedException) thrown;
		assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
		assertThat(denied.getTenant()).isEqualTo(tenant.value());
		assertThat(denied.getAction()).isEqualTo(attack.guardAction());
		assertThat(denied.getResource()).isEqualTo(attack.guardResource());
		String prefix = "Tenant '" + tenant + "' was denied " + attack.guardAction() + " on " + attack.guardResource()
				+ " by the client-side guard (the request never left the JVM): ";
		assertThat(denied.getMessage()).startsWith(prefix);
		String reason = denied.getMessage().substring(prefix.length());
		if (attack.guardResource().equals("*")) {
			assertThat(reason).contains("is never allowed for tenant-scoped clients");
		}
		else {
			assertThat(reason).startsWith("User: arn:aws:sts::" + TenancyTestKit.ACCOUNT_ID
					+ ":assumed-role/tenancy-tenant/tenant-" + tenant + " is not authorized to perform: "
					+ attack.guardAction() + " on resource: " + attack.guardResource() + " ")
				.matches(IAM_REASON);
		}
	}

	private static void assertDeniedByIam(Throwable thrown, TierAttack attack) {
		assertThat(thrown).as("%s must be denied by IAM", attack).isInstanceOf(DynamoDbException.class);
		DynamoDbException denied = (DynamoDbException) thrown;
		assertThat(denied.statusCode()).isEqualTo(400);
		assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
		assertThat(denied.awsErrorDetails().errorMessage())
			.startsWith("User: arn:aws:sts::" + TenancyTestKit.ACCOUNT_ID + ":assumed-role/tenancy-tenant/tenant-"
					+ attack.crossing().attacker + " is not authorized to perform: " + attack.iamAction()
					+ " on resource: " + attack.iamResource() + " ")
			.matches(IAM_REASON);
	}

	/**
	 * Everything the attacker got back (the exception chain and any raw response body) names no other tenant's item.
	 */
	private static void assertNothingLeaked(Throwable thrown, TenantId tenant) {
		StringBuilder seen = new StringBuilder();
		for (Throwable each = thrown; each != null; each = each.getCause()) {
			seen.append(each).append('\n');
			if (each instanceof AwsServiceException aws && aws.awsErrorDetails() != null
					&& aws.awsErrorDetails().rawResponse() != null) {
				seen.append(aws.awsErrorDetails().rawResponse().asUtf8String()).append('\n');
			}
			if (each.getCause() == each) {
				break;
			}
		}
		assertThat(seen.toString()).doesNotContain(foreignMarkers(tenant));
	}

}
