package dev.tenancy.test.attacks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.iam.policy.ColumnRestriction;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.attacks.Attack.Grant;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static dev.tenancy.test.attacks.AttackTable.ARN;
import static dev.tenancy.test.attacks.AttackTable.HIDDEN;
import static dev.tenancy.test.attacks.AttackTable.INDEX;
import static dev.tenancy.test.attacks.AttackTable.INDEX_ARN;
import static dev.tenancy.test.attacks.AttackTable.NAME;
import static dev.tenancy.test.attacks.AttackTable.SK;
import static dev.tenancy.test.attacks.AttackTable.VISIBLE;
import static dev.tenancy.test.attacks.AttackTable.item;
import static dev.tenancy.test.attacks.AttackTable.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The layered attack matrix: each attack of TH-1 to TH-5 and TH-12 runs against each wall on its own and
 * against both ({@link Layer}), and each must be denied the way the threat model defines it: an error naming the tenant, the
 * action and the reason, no item of another tenant in any response, and no write applied.
 * <ul>
 * <li>{@link Layer#GUARD_ALONE}: the guarded client against a second kit whose gateway allows every signed request.
 * The guard throws {@link TenantAccessDeniedException} (layer {@link EnforcementLayer#GUARD}) and the gateway sees
 * nothing.</li>
 * <li>{@link Layer#GATEWAY_ALONE}: a plain SDK client signed with the tenant's STS session (generated session policy,
 * the kit's role ceiling), no guard. The gateway answers as DynamoDB does: HTTP 400 {@code AccessDeniedException}
 * naming the assumed-role session {@code tenant-<id>}, the action, the resource and the reason.</li>
 * <li>{@link Layer#BOTH}: the guarded client against the enforcing gateway: the guard denies first, nothing reaches the
 * gateway.</li>
 * </ul>
 * Positive controls show the same clients are allowed their own data at every layer, so each denial is the wall's
 * decision and not a broken setup. A TH-14 case shows what the request-side walls cannot do: judge a response.
 */
@TenancyTest
class LayeredAttackTests {

	private static final String ACME = "acme";

	private static final String GLOBEX = "TENANT#globex";

	/** The column restriction of TH-12: the role may see {@code payload} (and the keys), never {@code salary}. */
	private static final ColumnRestriction COLUMNS = ColumnRestriction.of(VISIBLE);

	private static final Pattern IAM_REASON = Pattern.compile(".* (because no (identity-based|session) policy allows "
			+ "the dynamodb:\\w+ action|with an explicit deny in an? (identity-based|session) policy)");

	private static final Map<Grant, TenancyPolicies> POLICIES = new EnumMap<>(Map.of(Grant.TENANT,
			AttackTable.policies(null), Grant.COLUMN_RESTRICTED, AttackTable.policies(COLUMNS)));

	private static TenancyTestKit enforcing;

	private static TenancyTestKit permissive;

	private static final Map<Grant, GuardedClient> guardedEnforcing = new EnumMap<>(Grant.class);

	private static final Map<Grant, GuardedClient> guardedPermissive = new EnumMap<>(Grant.class);

	private static final Map<String, DynamoDbClient> plainClients = new ConcurrentHashMap<>();

	@BeforeAll
	static void startWalls(TenancyTestKit kit) {
		enforcing = kit;
		permissive = TenancyTestKit.builder().authorizer(GatewayAuthorizer.allowAll()).start();
		for (TenancyTestKit each : List.of(enforcing, permissive)) {
			AttackTable.create(each);
		}
		for (Grant grant : Grant.values()) {
			guardedEnforcing.put(grant, GuardedClient.create(enforcing, POLICIES.get(grant)));
			guardedPermissive.put(grant, GuardedClient.create(permissive, POLICIES.get(grant)));
		}
	}

	@AfterAll
	static void stopWalls() {
		guardedEnforcing.values().forEach(GuardedClient::close);
		guardedPermissive.values().forEach(GuardedClient::close);
		guardedEnforcing.clear();
		guardedPermissive.clear();
		plainClients.clear();
		permissive.close();
	}

	// The matrix

	static Stream<Arguments> attacksAtEachLayer() {
		return attacks().stream()
			.flatMap((attack) -> Stream.of(Layer.values()).map((layer) -> Arguments.of(attack, layer)));
	}

	@ParameterizedTest(name = "{0} [{1}]")
	@MethodSource("attacksAtEachLayer")
	void attackIsDenied(Attack attack, Layer layer) {
		TenancyTestKit kit = kitFor(layer);
		AttackTable.reset(kit);
		long forwarded = kit.gateway().forwardedCount();
		long rejected = kit.gateway().rejectedCount();

		Throwable thrown = catchThrowable(() -> run(layer, attack.tenant(), attack.grant(), attack.call()));

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
		assertNothingLeaked(thrown, attack.tenant(), attack.grant());
		AttackTable.assertUnchanged(kit, attack);
	}

	private static List<Attack> attacks() {
		List<Attack> attacks = new ArrayList<>();
		attacks.addAll(th1OneTenantOnAnothersKey());
		attacks.addAll(th2MixedBatchesAndTransactions());
		attacks.addAll(th3IndexQueries());
		attacks.addAll(th4ScanAndPartiQl());
		attacks.addAll(th5PrefixConfusion());
		attacks.addAll(th12ColumnLevel());
		return attacks;
	}

	// TH-1

	private static List<Attack> th1OneTenantOnAnothersKey() {
		return List.of(
				th1("GetItem on globex's key", "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key(GLOBEX)))),
				th1("GetItem on globex's key addressing the table by its ARN", "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(ARN).key(key(GLOBEX)))),
				th1("PutItem overwriting globex's item", "dynamodb:PutItem", ARN,
						(c) -> c.putItem((r) -> r.tableName(NAME).item(item(GLOBEX, SK, "pwned by acme")))),
				th1("PutItem of a new item in globex's partition", "dynamodb:PutItem", ARN,
						(c) -> c.putItem((r) -> r.tableName(NAME).item(item(GLOBEX, "PROJECT#9", "pwned by acme")))),
				th1("UpdateItem of globex's item", "dynamodb:UpdateItem", ARN, (c) -> c.updateItem((r) -> r
					.tableName(NAME).key(key(GLOBEX)).updateExpression("SET #p = :p")
					.expressionAttributeNames(Map.of("#p", VISIBLE))
					.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("pwned by acme"))))),
				th1("DeleteItem of globex's item", "dynamodb:DeleteItem", ARN,
						(c) -> c.deleteItem((r) -> r.tableName(NAME).key(key(GLOBEX)))),
				th1("Query of globex's partition", "dynamodb:Query", ARN, (c) -> c.query((r) -> r.tableName(NAME)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(GLOBEX))))),
				th1("Query of globex's partition through name and value placeholders", "dynamodb:Query", ARN,
						(c) -> c.query((r) -> r.tableName(NAME)
							.keyConditionExpression("#k = :k AND begins_with(#s, :s)")
							.expressionAttributeNames(Map.of("#k", "pk", "#s", "sk"))
							.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(GLOBEX), ":s",
									AttributeValue.fromS("PROJECT#"))))),
				th1("Query of globex's partition with legacy KeyConditions", "dynamodb:Query", ARN,
						(c) -> c.query((r) -> r.tableName(NAME).keyConditions(Map.of("pk", Condition.builder()
							.comparisonOperator(ComparisonOperator.EQ).attributeValueList(AttributeValue.fromS(GLOBEX))
							.build())))),
				th1("BatchGetItem of globex's key", "dynamodb:BatchGetItem", ARN, (c) -> c.batchGetItem((r) -> r
					.requestItems(Map.of(NAME, KeysAndAttributes.builder().keys(key(GLOBEX)).build())))),
				th1("BatchWriteItem putting into globex's partition", "dynamodb:BatchWriteItem", ARN,
						(c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(
								put(item(GLOBEX, "PROJECT#9", "pwned by acme"))))))),
				th1("BatchWriteItem deleting globex's item", "dynamodb:BatchWriteItem", ARN,
						(c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(delete(key(GLOBEX))))))),
				th1("TransactGetItems of globex's key", "dynamodb:GetItem", ARN, (c) -> c.transactGetItems((r) -> r
					.transactItems(TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(GLOBEX))).build()))),
				th1("TransactWriteItems Put into globex's partition", "dynamodb:PutItem", ARN,
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.put((p) -> p.tableName(NAME).item(item(GLOBEX, SK, "pwned by acme"))).build()))),
				th1("TransactWriteItems Update of globex's item", "dynamodb:UpdateItem", ARN,
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.update((u) -> u.tableName(NAME).key(key(GLOBEX)).updateExpression("SET payload = :p")
								.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("pwned by acme"))))
							.build()))),
				th1("TransactWriteItems Delete of globex's item", "dynamodb:DeleteItem", ARN,
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.delete((d) -> d.tableName(NAME).key(key(GLOBEX))).build()))),
				th1("TransactWriteItems ConditionCheck probing globex's item", "dynamodb:ConditionCheckItem", ARN,
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.conditionCheck((k) -> k.tableName(NAME).key(key(GLOBEX))
								.conditionExpression("attribute_exists(pk)"))
							.build()))));
	}

	private static Attack th1(String description, String action, String resource, Consumer<DynamoDbClient> call) {
		return Attack.of("TH-1", description, ACME, action, resource, call);
	}

	// TH-2

	private static List<Attack> th2MixedBatchesAndTransactions() {
		String own = "TENANT#acme";
		return List.of(
				Attack.of("TH-2", "BatchGetItem of three acme keys and one of globex", ACME, "dynamodb:BatchGetItem",
						ARN, (c) -> c.batchGetItem((r) -> r.requestItems(Map.of(NAME, KeysAndAttributes.builder()
							.keys(key(own), key("TENANT#acme#x"), key(own, "PROJECT#2"), key(GLOBEX)).build())))),
				Attack.of("TH-2", "BatchWriteItem putting one acme item and one globex item", ACME,
						"dynamodb:BatchWriteItem", ARN, (c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME,
								List.of(put(item(own, "PROJECT#9", "acme's new item")),
										put(item(GLOBEX, "PROJECT#9", "pwned by acme"))))))),
				Attack.of("TH-2", "BatchWriteItem deleting acme's item and globex's item", ACME,
						"dynamodb:BatchWriteItem", ARN, (c) -> c.batchWriteItem((r) -> r
							.requestItems(Map.of(NAME, List.of(delete(key(own)), delete(key(GLOBEX))))))),
				Attack.of("TH-2", "TransactGetItems of acme's key and globex's key", ACME, "dynamodb:GetItem", ARN,
						(c) -> c.transactGetItems((r) -> r.transactItems(
								TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(own))).build(),
								TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(GLOBEX))).build()))),
				Attack.of("TH-2", "TransactWriteItems putting acme's item and deleting globex's", ACME,
						"dynamodb:DeleteItem", ARN, (c) -> c.transactWriteItems((r) -> r.transactItems(
								TransactWriteItem.builder().put((p) -> p.tableName(NAME)
									.item(item(own, "PROJECT#9", "acme's new item"))).build(),
								TransactWriteItem.builder().delete((d) -> d.tableName(NAME).key(key(GLOBEX)))
									.build()))),
				Attack.of("TH-2", "TransactWriteItems updating acme's item under a ConditionCheck on globex's", ACME,
						"dynamodb:ConditionCheckItem", ARN, (c) -> c.transactWriteItems((r) -> r.transactItems(
								TransactWriteItem.builder().update((u) -> u.tableName(NAME).key(key(own))
									.updateExpression("SET payload = :p")
									.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("changed"))))
									.build(),
								TransactWriteItem.builder().conditionCheck((k) -> k.tableName(NAME).key(key(GLOBEX))
									.conditionExpression("attribute_exists(pk)")).build()))),
				Attack.of("TH-2", "TransactWriteItems writing acme and acme#x and updating globex last", ACME,
						"dynamodb:UpdateItem", ARN, (c) -> c.transactWriteItems((r) -> r.transactItems(
								TransactWriteItem.builder().put((p) -> p.tableName(NAME)
									.item(item(own, "PROJECT#9", "acme's new item"))).build(),
								TransactWriteItem.builder().put((p) -> p.tableName(NAME)
									.item(item("TENANT#acme#x", "PROJECT#9", "acme's new item"))).build(),
								TransactWriteItem.builder().update((u) -> u.tableName(NAME).key(key(GLOBEX))
									.updateExpression("SET payload = :p")
									.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("pwned by acme"))))
									.build()))));
	}

	// TH-3

	private static List<Attack> th3IndexQueries() {
		return List.of(
				indexQuery("TH-3", "Query on the GSI with globex's prefixed index key", ACME,
						"TENANT#globex#STATUS#OPEN"),
				Attack.of("TH-3", "Query on the GSI with globex's index key through placeholders", ACME,
						"dynamodb:Query", INDEX_ARN, (c) -> c.query((r) -> r.tableName(NAME).indexName(INDEX)
							.keyConditionExpression("#k = :k AND begins_with(#s, :s)")
							.expressionAttributeNames(Map.of("#k", "gsiPk", "#s", "gsiSk"))
							.expressionAttributeValues(Map.of(":k", AttributeValue.fromS("TENANT#globex#STATUS#OPEN"),
									":s", AttributeValue.fromS("PROJECT#"))))),
				indexQuery("TH-3", "Query on the GSI with globex's base key as index key", ACME, GLOBEX),
				Attack.of("TH-3", "Query on the GSI counting globex's items (Select COUNT)", ACME, "dynamodb:Query",
						INDEX_ARN, (c) -> c.query((r) -> r.tableName(NAME).indexName(INDEX).select(Select.COUNT)
							.keyConditionExpression("gsiPk = :k")
							.expressionAttributeValues(
									Map.of(":k", AttributeValue.fromS("TENANT#globex#STATUS#OPEN"))))));
	}

	private static Attack indexQuery(String threat, String description, String tenant, String indexKey) {
		return Attack.of(threat, description, tenant, "dynamodb:Query", INDEX_ARN,
				(c) -> c.query((r) -> r.tableName(NAME).indexName(INDEX).keyConditionExpression("gsiPk = :k")
					.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(indexKey)))));
	}

	// TH-4

	private static List<Attack> th4ScanAndPartiQl() {
		String table = "\"" + NAME + "\"";
		return List.of(
				scan("Scan of the table", "dynamodb:Scan", ARN, (c) -> c.scan((r) -> r.tableName(NAME))),
				scan("parallel Scan, segment 2 of 4", "dynamodb:Scan", ARN,
						(c) -> c.scan((r) -> r.tableName(NAME).segment(2).totalSegments(4))),
				scan("Scan on the GSI", "dynamodb:Scan", INDEX_ARN,
						(c) -> c.scan((r) -> r.tableName(NAME).indexName(INDEX))),
				scan("Scan filtered to acme's own partition", "dynamodb:Scan", ARN,
						(c) -> c.scan((r) -> r.tableName(NAME).filterExpression("pk = :pk")
							.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme"))))),
				partiQl("ExecuteStatement SELECT of acme's own partition", "dynamodb:PartiQLSelect",
						(c) -> c.executeStatement((r) -> r.statement("SELECT * FROM " + table
								+ " WHERE pk = 'TENANT#acme'"))),
				partiQl("ExecuteStatement SELECT of the whole table", "dynamodb:PartiQLSelect",
						(c) -> c.executeStatement((r) -> r.statement("SELECT * FROM " + table))),
				partiQl("ExecuteStatement INSERT into globex's partition", "dynamodb:PartiQLInsert",
						(c) -> c.executeStatement((r) -> r.statement("INSERT INTO " + table
								+ " VALUE {'pk': 'TENANT#globex', 'sk': 'PROJECT#9', 'payload': 'pwned by acme'}"))),
				partiQl("BatchExecuteStatement DELETE of globex's item", "dynamodb:PartiQLDelete",
						(c) -> c.batchExecuteStatement((r) -> r.statements((s) -> s.statement("DELETE FROM " + table
								+ " WHERE pk = 'TENANT#globex' AND sk = 'PROJECT#1'")))),
				partiQl("ExecuteTransaction UPDATE of globex's item", "dynamodb:PartiQLUpdate",
						(c) -> c.executeTransaction((r) -> r.transactStatements((s) -> s.statement("UPDATE " + table
								+ " SET payload = 'pwned by acme' WHERE pk = 'TENANT#globex' AND sk = 'PROJECT#1'")))));
	}

	private static Attack scan(String description, String action, String resource, Consumer<DynamoDbClient> call) {
		return Attack.of("TH-4", description, ACME, action, resource, call).guardNames("dynamodb:Scan", "*");
	}

	private static Attack partiQl(String description, String action, Consumer<DynamoDbClient> call) {
		return Attack.of("TH-4", description, ACME, action, ARN, call).guardNames("dynamodb:PartiQL*", "*");
	}

	// TH-5

	private static List<Attack> th5PrefixConfusion() {
		return List.of(
				Attack.of("TH-5", "tenant 1 GetItem on tenant 12's key", "1", "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key("TENANT#12")))),
				Attack.of("TH-5", "tenant 1 Query of tenant 12's partition", "1", "dynamodb:Query", ARN,
						(c) -> c.query((r) -> r.tableName(NAME).keyConditionExpression("pk = :pk")
							.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#12"))))),
				Attack.of("TH-5", "tenant 1 PutItem into tenant 12's partition", "1", "dynamodb:PutItem", ARN,
						(c) -> c.putItem((r) -> r.tableName(NAME).item(item("TENANT#12", "PROJECT#9", "pwned by 1")))),
				indexQuery("TH-5", "tenant 1 Query on the GSI with tenant 12's index key", "1",
						"TENANT#12#STATUS#OPEN"),
				Attack.of("TH-5", "acme GetItem on acme2's key", ACME, "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key("TENANT#acme2")))),
				Attack.of("TH-5", "acme UpdateItem of acme2's item", ACME, "dynamodb:UpdateItem", ARN,
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key("TENANT#acme2"))
							.updateExpression("SET payload = :p")
							.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("pwned by acme"))))),
				Attack.of("TH-5", "acme Query of acme2's partition", ACME, "dynamodb:Query", ARN,
						(c) -> c.query((r) -> r.tableName(NAME).keyConditionExpression("pk = :pk")
							.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme2"))))),
				indexQuery("TH-5", "acme Query on the GSI with acme2's index key", ACME, "TENANT#acme2#STATUS#OPEN"),
				Attack.of("TH-5", "acme BatchGetItem of its own key and acme2's", ACME, "dynamodb:BatchGetItem", ARN,
						(c) -> c.batchGetItem((r) -> r.requestItems(Map.of(NAME, KeysAndAttributes.builder()
							.keys(key("TENANT#acme"), key("TENANT#acme2")).build())))),
				Attack.of("TH-5", "acme GetItem on acm's key (a prefix of its own)", ACME, "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key("TENANT#acm")))),
				Attack.of("TH-5", "acme GetItem on ACME's key (case look-alike)", ACME, "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key("TENANT#ACME")))),
				Attack.of("TH-5", "acme PutItem into ACME's partition (case look-alike)", ACME, "dynamodb:PutItem",
						ARN, (c) -> c.putItem((r) -> r.tableName(NAME).item(item("TENANT#ACME", SK, "pwned by acme")))),
				Attack.of("TH-5", "acme GetItem on 'TENANT#acme ' (trailing space)", ACME, "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key("TENANT#acme ")))),
				Attack.of("TH-5", "acme GetItem on 'tenant#acme' (other literal case)", ACME, "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key("tenant#acme")))));
	}

	// TH-12

	private static List<Attack> th12ColumnLevel() {
		String own = "TENANT#acme";
		return List.of(
				th12("GetItem projecting the hidden attribute", "dynamodb:GetItem", ARN, (c) -> c.getItem((r) -> r
					.tableName(NAME).key(key(own)).projectionExpression(VISIBLE + ", " + HIDDEN))),
				th12("GetItem projecting the hidden attribute through a name placeholder", "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key(own)).projectionExpression("#h")
							.expressionAttributeNames(Map.of("#h", HIDDEN)))),
				th12("GetItem without a projection", "dynamodb:GetItem", ARN,
						(c) -> c.getItem((r) -> r.tableName(NAME).key(key(own)))),
				th12("Query without a projection", "dynamodb:Query", ARN, (c) -> c.query((r) -> r.tableName(NAME)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(own))))),
				th12("Query with Select ALL_ATTRIBUTES", "dynamodb:Query", ARN, (c) -> c.query((r) -> r.tableName(NAME)
					.select(Select.ALL_ATTRIBUTES).keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(own))))),
				th12("Query filtering on the hidden attribute", "dynamodb:Query", ARN, (c) -> c.query((r) -> r
					.tableName(NAME).projectionExpression(VISIBLE).keyConditionExpression("pk = :pk")
					.filterExpression("begins_with(" + HIDDEN + ", :v)")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(own), ":v",
							AttributeValue.fromS(HIDDEN))))),
				th12("Query on the GSI without a projection", "dynamodb:Query", INDEX_ARN, (c) -> c.query((r) -> r
					.tableName(NAME).indexName(INDEX).keyConditionExpression("gsiPk = :k")
					.expressionAttributeValues(Map.of(":k", AttributeValue.fromS(own + "#STATUS#OPEN"))))),
				th12("BatchGetItem without a projection", "dynamodb:BatchGetItem", ARN, (c) -> c.batchGetItem((r) -> r
					.requestItems(Map.of(NAME, KeysAndAttributes.builder().keys(key(own)).build())))),
				th12("TransactGetItems without a projection", "dynamodb:GetItem", ARN,
						(c) -> c.transactGetItems((r) -> r.transactItems(
								TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(own))).build()))),
				th12("UpdateItem asking ReturnValues ALL_NEW", "dynamodb:UpdateItem", ARN, (c) -> c.updateItem((r) -> r
					.tableName(NAME).key(key(own)).updateExpression("SET payload = :p")
					.returnValues(ReturnValue.ALL_NEW)
					.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("changed"))))),
				th12("UpdateItem asking ReturnValues ALL_OLD", "dynamodb:UpdateItem", ARN, (c) -> c.updateItem((r) -> r
					.tableName(NAME).key(key(own)).updateExpression("SET payload = :p")
					.returnValues(ReturnValue.ALL_OLD)
					.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("changed"))))),
				th12("UpdateItem writing the hidden attribute", "dynamodb:UpdateItem", ARN, (c) -> c.updateItem((r) -> r
					.tableName(NAME).key(key(own)).updateExpression("SET " + HIDDEN + " = :s")
					.expressionAttributeValues(Map.of(":s", AttributeValue.fromS("pwned"))))),
				th12("UpdateItem probing the hidden attribute in a ConditionExpression", "dynamodb:UpdateItem", ARN,
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(own)).updateExpression("SET payload = :p")
							.conditionExpression("begins_with(" + HIDDEN + ", :v)")
							.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("changed"), ":v",
									AttributeValue.fromS(HIDDEN))))),
				th12("DeleteItem asking ReturnValues ALL_OLD", "dynamodb:DeleteItem", ARN, (c) -> c.deleteItem((r) -> r
					.tableName(NAME).key(key(own)).returnValues(ReturnValue.ALL_OLD))),
				th12("PutItem overwriting the item (and so its hidden attribute)", "dynamodb:PutItem", ARN,
						(c) -> c.putItem((r) -> r.tableName(NAME).item(Map.of("pk", AttributeValue.fromS(own), "sk",
								AttributeValue.fromS(SK), VISIBLE, AttributeValue.fromS("overwritten"))))),
				th12("BatchWriteItem overwriting the item", "dynamodb:BatchWriteItem", ARN,
						(c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(put(Map.of("pk",
								AttributeValue.fromS(own), "sk", AttributeValue.fromS(SK), VISIBLE,
								AttributeValue.fromS("overwritten")))))))),
				th12("TransactWriteItems Put overwriting the item", "dynamodb:PutItem", ARN,
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.put((p) -> p.tableName(NAME).item(Map.of("pk", AttributeValue.fromS(own), "sk",
									AttributeValue.fromS(SK), VISIBLE, AttributeValue.fromS("overwritten"))))
							.build()))),
				th12("TransactWriteItems Update writing the hidden attribute", "dynamodb:UpdateItem", ARN,
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.update((u) -> u.tableName(NAME).key(key(own)).updateExpression("SET " + HIDDEN + " = :s")
								.expressionAttributeValues(Map.of(":s", AttributeValue.fromS("pwned"))))
							.build()))));
	}

	private static Attack th12(String description, String action, String resource, Consumer<DynamoDbClient> call) {
		return Attack.of("TH-12", "column-restricted role: " + description, ACME, action, resource, call)
			.columnRestricted();
	}

	// Positive controls: the same clients are allowed what is theirs

	@ParameterizedTest(name = "TH-1 control: acme's own items pass all nine operations [{0}]")
	@EnumSource(Layer.class)
	void ownItemsPassEveryOperation(Layer layer) {
		TenancyTestKit kit = kitFor(layer);
		AttackTable.reset(kit);
		List<Map<String, AttributeValue>> seen = call(layer, TenantId.of(ACME), Grant.TENANT,
				(c) -> allNineOperations(c, "TENANT#acme"));

		assertThat(seen).isNotEmpty()
			.allSatisfy((item) -> assertThat(item.get("pk").s()).isEqualTo("TENANT#acme"));
		assertThat(AttackTable.contents(kit).get("TENANT#acme|" + SK).get(VISIBLE).s()).isEqualTo("changed");
		assertThat(AttackTable.contents(kit)).containsKey("TENANT#acme|PROJECT#7")
			.doesNotContainKey("TENANT#acme|PROJECT#5")
			.doesNotContainKey("TENANT#acme|PROJECT#6");
	}

	@ParameterizedTest(name = "TH-5 control: TENANT#acme#x is acme's own composite key and is allowed [{0}]")
	@EnumSource(Layer.class)
	void compositeKeyIsTheTenantsOwn(Layer layer) {
		TenancyTestKit kit = kitFor(layer);
		AttackTable.reset(kit);
		List<Map<String, AttributeValue>> seen = call(layer, TenantId.of(ACME), Grant.TENANT,
				(c) -> allNineOperations(c, "TENANT#acme#x"));

		assertThat(seen).isNotEmpty()
			.allSatisfy((item) -> assertThat(item.get("pk").s()).isEqualTo("TENANT#acme#x"));
		assertThat(AttackTable.contents(kit).get("TENANT#acme#x|" + SK).get(VISIBLE).s()).isEqualTo("changed");
	}

	@ParameterizedTest(name = "TH-12 control: the column-restricted role reads with a projection and updates visible "
			+ "attributes [{0}]")
	@EnumSource(Layer.class)
	void columnRestrictedRoleWorksWithinItsColumns(Layer layer) {
		TenancyTestKit kit = kitFor(layer);
		AttackTable.reset(kit);
		String own = "TENANT#acme";
		List<Map<String, AttributeValue>> seen = call(layer, TenantId.of(ACME), Grant.COLUMN_RESTRICTED, (c) -> {
			List<Map<String, AttributeValue>> items = new ArrayList<>();
			items.add(c.getItem((r) -> r.tableName(NAME).key(key(own)).projectionExpression("pk, sk, " + VISIBLE))
				.item());
			items.addAll(c.query((r) -> r.tableName(NAME).projectionExpression("pk, sk, " + VISIBLE)
				.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(own))))
				.items());
			items.add(c.updateItem((r) -> r.tableName(NAME).key(key(own)).updateExpression("SET payload = :p")
				.returnValues(ReturnValue.UPDATED_NEW)
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("changed")))).attributes());
			return items;
		});

		assertThat(seen).hasSize(3).allSatisfy((item) -> assertThat(item).doesNotContainKey(HIDDEN));
		assertThat(seen.get(0).get("pk").s()).isEqualTo(own);
		assertThat(seen.get(2)).containsOnlyKeys(VISIBLE);
		assertThat(AttackTable.contents(kit).get(own + "|" + SK))
			.containsEntry(VISIBLE, AttributeValue.fromS("changed"))
			.containsEntry(HIDDEN, AttackTable.seedItem(own).get(HIDDEN));
	}

	@ParameterizedTest(name = "TH-14 the request-side walls cannot see responses: globex's item stored under acme's "
			+ "index key passes [{0}]; only the read-side check stops it")
	@EnumSource(Layer.class)
	void misKeyedIndexItemPassesTheRequestSideWalls(Layer layer) {
		TenancyTestKit kit = kitFor(layer);
		AttackTable.reset(kit);
		Map<String, AttributeValue> misKeyed = new HashMap<>(item(GLOBEX, "PROJECT#14", "of " + GLOBEX + "/14"));
		misKeyed.put("gsiPk", AttributeValue.fromS("TENANT#acme#STATUS#MISKEYED"));
		kit.dynamoDbLocalClient().putItem((r) -> r.tableName(NAME).item(misKeyed));

		List<Map<String, AttributeValue>> items = call(layer, TenantId.of(ACME), Grant.TENANT,
				(c) -> c.query((r) -> r.tableName(NAME).indexName(INDEX).keyConditionExpression("gsiPk = :k")
					.expressionAttributeValues(Map.of(":k", AttributeValue.fromS("TENANT#acme#STATUS#MISKEYED"))))
					.items());

		// IAM's dynamodb:LeadingKeys (and the guard, which evaluates the same policy) judge the request's index key,
		// which is acme's; the repository's read-side check (TenancyTemplate) is what keeps this item from the caller.
		assertThat(items).singleElement().satisfies((item) -> assertThat(item.get("pk").s()).isEqualTo(GLOBEX));
	}

	/**
	 * GetItem, PutItem, UpdateItem, DeleteItem, Query, BatchGetItem, BatchWriteItem, TransactGetItems and
	 * TransactWriteItems (with a ConditionCheck) on one partition.
	 * @return every item the responses contained
	 */
	private static List<Map<String, AttributeValue>> allNineOperations(DynamoDbClient c, String pk) {
		List<Map<String, AttributeValue>> seen = new ArrayList<>();
		seen.add(c.getItem((r) -> r.tableName(NAME).key(key(pk)).consistentRead(true)).item());
		c.putItem((r) -> r.tableName(NAME).item(item(pk, "PROJECT#5", "of " + pk + "/PROJECT#5")));
		seen.add(c.updateItem((r) -> r.tableName(NAME).key(key(pk)).updateExpression("SET payload = :p")
			.returnValues(ReturnValue.ALL_NEW)
			.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("changed")))).attributes());
		seen.add(c.deleteItem((r) -> r.tableName(NAME).key(key(pk, "PROJECT#5")).returnValues(ReturnValue.ALL_OLD))
			.attributes());
		seen.addAll(c.query((r) -> r.tableName(NAME).consistentRead(true).keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items());
		seen.addAll(c.batchGetItem((r) -> r.requestItems(Map.of(NAME, KeysAndAttributes.builder()
			.keys(key(pk), key(pk, "PROJECT#5")).consistentRead(true).build()))).responses().get(NAME));
		c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(put(item(pk, "PROJECT#6", "batch")),
				put(item(pk, "PROJECT#7", "batch"))))));
		c.transactGetItems((r) -> r.transactItems(
				TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(pk))).build(),
				TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(pk, "PROJECT#6"))).build()))
			.responses()
			.stream()
			.map(ItemResponse::item)
			.forEach(seen::add);
		c.transactWriteItems((r) -> r.transactItems(
				TransactWriteItem.builder().conditionCheck((k) -> k.tableName(NAME).key(key(pk, "PROJECT#7"))
					.conditionExpression("attribute_exists(pk)")).build(),
				TransactWriteItem.builder().delete((d) -> d.tableName(NAME).key(key(pk, "PROJECT#6"))).build()));
		return seen;
	}

	// Running and judging

	private static TenancyTestKit kitFor(Layer layer) {
		return (layer == Layer.GUARD_ALONE) ? permissive : enforcing;
	}

	private static void run(Layer layer, TenantId tenant, Grant grant, Consumer<DynamoDbClient> call) {
		call(layer, tenant, grant, (client) -> {
			call.accept(client);
			return null;
		});
	}

	private static <T> T call(Layer layer, TenantId tenant, Grant grant, Function<DynamoDbClient, T> call) {
		return switch (layer) {
			// No tenant scope, no guard: only the STS session's policies stand between the call and the data.
			case GATEWAY_ALONE -> call.apply(plainClient(grant, tenant));
			case GUARD_ALONE -> TenantContext.callAs(tenant, () -> call.apply(guardedPermissive.get(grant).client()));
			case BOTH -> TenantContext.callAs(tenant, () -> call.apply(guardedEnforcing.get(grant).client()));
		};
	}

	private static DynamoDbClient plainClient(Grant grant, TenantId tenant) {
		return plainClients.computeIfAbsent(grant + "/" + tenant,
				(key) -> enforcing.dynamoDbClientFor(tenant, POLICIES.get(grant).sessionPolicyJson(tenant)));
	}

	private static void assertDeniedByGuard(Throwable thrown, Attack attack) {
		assertThat(thrown).as("%s must be denied by the guard", attack)
			.isInstanceOf(TenantAccessDeniedException.class);
		TenantAccessDeniedException denied = (TenantAccessDeniedException) thrown;
		assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
		assertThat(denied.getTenant()).isEqualTo(attack.tenant().value());
		assertThat(denied.getAction()).isEqualTo(attack.guardAction());
		assertThat(denied.getResource()).isEqualTo(attack.guardResource());
		String prefix = "Tenant '" + attack.tenant() + "' was denied " + attack.guardAction() + " on "
				+ attack.guardResource() + " by the client-side guard (the request never left the JVM): ";
		assertThat(denied.getMessage()).startsWith(prefix);
		String reason = denied.getMessage().substring(prefix.length());
		if (attack.guardResource().equals("*")) {
			assertThat(reason).contains("is never allowed for tenant-scoped clients");
		}
		else {
			assertThat(reason).startsWith("User: arn:aws:sts::" + TenancyTestKit.ACCOUNT_ID
					+ ":assumed-role/tenancy-tenant/tenant-" + attack.tenant() + " is not authorized to perform: "
					+ attack.guardAction() + " on resource: " + attack.guardResource() + " ")
				.matches(IAM_REASON);
		}
	}

	private static void assertDeniedByIam(Throwable thrown, Attack attack) {
		assertThat(thrown).as("%s must be denied by IAM", attack).isInstanceOf(DynamoDbException.class);
		DynamoDbException denied = (DynamoDbException) thrown;
		assertThat(denied.statusCode()).isEqualTo(400);
		assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
		assertThat(denied.awsErrorDetails().errorMessage())
			.startsWith("User: arn:aws:sts::" + TenancyTestKit.ACCOUNT_ID + ":assumed-role/tenancy-tenant/tenant-"
					+ attack.tenant() + " is not authorized to perform: " + attack.iamAction() + " on resource: "
					+ attack.iamResource() + " ")
			.matches(IAM_REASON);
	}

	/**
	 * Everything the attacker got back (the exception chain and, for a server error, the raw response body) names no
	 * other tenant's item, and for a column-restricted role no hidden value.
	 */
	private static void assertNothingLeaked(Throwable thrown, TenantId tenant, Grant grant) {
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
		assertThat(seen.toString()).doesNotContain(AttackTable.foreignMarkers(tenant));
		if (grant == Grant.COLUMN_RESTRICTED) {
			assertThat(seen.toString()).doesNotContain(HIDDEN + " of");
		}
	}

	private static WriteRequest put(Map<String, AttributeValue> item) {
		return WriteRequest.builder().putRequest((p) -> p.item(item)).build();
	}

	private static WriteRequest delete(Map<String, AttributeValue> key) {
		return WriteRequest.builder().deleteRequest((d) -> d.key(key)).build();
	}

}
