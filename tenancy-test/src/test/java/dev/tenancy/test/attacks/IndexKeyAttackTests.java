package dev.tenancy.test.attacks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static dev.tenancy.test.attacks.AttackTable.ARN;
import static dev.tenancy.test.attacks.AttackTable.INDEX;
import static dev.tenancy.test.attacks.AttackTable.NAME;
import static dev.tenancy.test.attacks.AttackTable.SK;
import static dev.tenancy.test.attacks.AttackTable.item;
import static dev.tenancy.test.attacks.AttackTable.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * TH-23: a tenant writes its <em>own</em> item but gives the index partition key ({@code gsiPk} of {@code byStatus})
 * a value in another tenant's namespace. IAM's {@code dynamodb:LeadingKeys} sees only the table's partition key, which
 * is the attacker's, so the IAM-enforcing gateway lets the write through; the item then sits in globex's index
 * partition, where globex's index Query returns it and a {@code Select COUNT} counts it. This is the first rule of the
 * guard that IAM cannot express: only the guard ({@link Layer#GUARD_ALONE}, {@link Layer#BOTH}) denies, and nothing
 * is written; {@link Layer#GATEWAY_ALONE} is shown to let every such write through.
 */
@TenancyTest
class IndexKeyAttackTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private static final String OWN = "TENANT#acme";

	private static final String GLOBEX_OPEN = "TENANT#globex#STATUS#OPEN";

	private static final TenancyPolicies POLICIES = AttackTable.policies(null);

	private static TenancyTestKit enforcing;

	private static TenancyTestKit permissive;

	private static GuardedClient guardedEnforcing;

	private static GuardedClient guardedPermissive;

	@BeforeAll
	static void startWalls(TenancyTestKit kit) {
		enforcing = kit;
		permissive = TenancyTestKit.builder().authorizer(GatewayAuthorizer.allowAll()).start();
		for (TenancyTestKit each : List.of(enforcing, permissive)) {
			AttackTable.create(each);
		}
		guardedEnforcing = GuardedClient.create(enforcing, POLICIES);
		guardedPermissive = GuardedClient.create(permissive, POLICIES);
	}

	@AfterAll
	static void stopWalls() {
		guardedEnforcing.close();
		guardedPermissive.close();
		permissive.close();
	}

	static Stream<Arguments> attacks() {
		return Stream.of(
				attack("UpdateItem of acme's item setting globex's index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).updateExpression("SET gsiPk = :v")
							.expressionAttributeValues(Map.of(":v", s(GLOBEX_OPEN))))),
				attack("UpdateItem setting globex's index key through a name placeholder", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN))
							.updateExpression("SET payload = :p, #g = :v")
							.expressionAttributeNames(Map.of("#g", "gsiPk"))
							.expressionAttributeValues(Map.of(":p", s("x"), ":v", s(GLOBEX_OPEN))))),
				attack("UpdateItem setting a prefix look-alike index key (acme2)", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).updateExpression("SET gsiPk = :v")
							.expressionAttributeValues(Map.of(":v", s("TENANT#acme2#STATUS#OPEN"))))),
				attack("UpdateItem SET if_not_exists with globex's index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN))
							.updateExpression("SET gsiPk = if_not_exists(gsiPk, :v)")
							.expressionAttributeValues(Map.of(":v", s(GLOBEX_OPEN))))),
				attack("UpdateItem SET list_append on the index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN))
							.updateExpression("SET gsiPk = list_append(:a, :b)")
							.expressionAttributeValues(Map.of(":a", AttributeValue.fromL(List.of()), ":b",
									AttributeValue.fromL(List.of(s(GLOBEX_OPEN))))))),
				attack("UpdateItem SET arithmetic on the index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN))
							.updateExpression("SET gsiPk = gsiPk + :n")
							.expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))))),
				attack("UpdateItem SET copying another attribute into the index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).updateExpression("SET gsiPk = payload"))),
				attack("UpdateItem ADD on the index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).updateExpression("ADD gsiPk :n")
							.expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))))),
				attack("UpdateItem legacy AttributeUpdates PUT of globex's index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).attributeUpdates(Map.of("gsiPk",
								AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s(GLOBEX_OPEN))
									.build())))),
				attack("UpdateItem legacy AttributeUpdates ADD on the index key", "dynamodb:UpdateItem",
						(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).attributeUpdates(Map.of("gsiPk",
								AttributeValueUpdate.builder().action(AttributeAction.ADD)
									.value(AttributeValue.fromN("1")).build())))),
				attack("PutItem of an acme item under globex's index key", "dynamodb:PutItem",
						(c) -> c.putItem((r) -> r.tableName(NAME).item(withIndexKey(s(GLOBEX_OPEN))))),
				attack("PutItem of an acme item under a prefix look-alike index key (acmeX#...)", "dynamodb:PutItem",
						(c) -> c.putItem((r) -> r.tableName(NAME).item(withIndexKey(s("TENANT#acmeX#STATUS#OPEN"))))),
				attack("PutItem of an acme item with a number index key", "dynamodb:PutItem",
						(c) -> c.putItem((r) -> r.tableName(NAME).item(withIndexKey(AttributeValue.fromN("7"))))),
				attack("BatchWriteItem of an own item and one under globex's index key", "dynamodb:BatchWriteItem",
						(c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(
								put(item(OWN, "PROJECT#8", "by acme")), put(withIndexKey(s(GLOBEX_OPEN)))))))),
				attack("TransactWriteItems Put under globex's index key", "dynamodb:PutItem",
						(c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
							.put((p) -> p.tableName(NAME).item(withIndexKey(s(GLOBEX_OPEN)))).build()))),
				attack("TransactWriteItems Update setting globex's index key after an own Put", "dynamodb:UpdateItem",
						(c) -> c.transactWriteItems((r) -> r.transactItems(
								TransactWriteItem.builder()
									.put((p) -> p.tableName(NAME).item(item(OWN, "PROJECT#8", "by acme")))
									.build(),
								TransactWriteItem.builder()
									.update((u) -> u.tableName(NAME).key(key(OWN)).updateExpression("SET gsiPk = :v")
										.expressionAttributeValues(Map.of(":v", s(GLOBEX_OPEN))))
									.build()))));
	}

	static Stream<Arguments> attacksAtTheGuardsLayers() {
		return attacks().flatMap((attack) -> Stream.of(Layer.GUARD_ALONE, Layer.BOTH)
			.map((layer) -> arguments(attack.get()[0], attack.get()[1], attack.get()[2], layer)));
	}

	@ParameterizedTest(name = "TH-23 {0} [{3}]")
	@MethodSource("attacksAtTheGuardsLayers")
	void th23GuardDeniesIndexKeysOutsideTheTenantsNamespace(String description, String action,
			Consumer<DynamoDbClient> call, Layer layer) {
		TenancyTestKit kit = (layer == Layer.GUARD_ALONE) ? permissive : enforcing;
		GuardedClient client = (layer == Layer.GUARD_ALONE) ? guardedPermissive : guardedEnforcing;
		AttackTable.reset(kit);
		long forwarded = kit.gateway().forwardedCount();
		long rejected = kit.gateway().rejectedCount();

		Throwable thrown = catchThrowable(() -> TenantContext.runAs(ACME, () -> call.accept(client.client())));

		assertThat(thrown).as("%s must be denied by the guard", description)
			.isInstanceOf(TenantAccessDeniedException.class);
		TenantAccessDeniedException denied = (TenantAccessDeniedException) thrown;
		assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
		assertThat(denied.getTenant()).isEqualTo(ACME.value());
		assertThat(denied.getAction()).isEqualTo(action);
		assertThat(denied.getResource()).isEqualTo(ARN);
		assertThat(denied.getMessage())
			.startsWith("Tenant 'acme' was denied " + action + " on " + ARN
					+ " by the client-side guard (the request never left the JVM): ")
			.contains("'gsiPk', the partition key of index '" + INDEX + "' of table '" + NAME + "',")
			.contains("('TENANT#acme' or 'TENANT#acme#...')")
			.contains("IAM's dynamodb:LeadingKeys constrains only the table's partition key")
			.doesNotContain(AttackTable.foreignMarkers(ACME));
		assertThat(kit.gateway().forwardedCount()).as("requests that left the JVM").isEqualTo(forwarded);
		assertThat(kit.gateway().rejectedCount()).as("requests that left the JVM").isEqualTo(rejected);
		AttackTable.assertUnchanged(kit, description);
	}

	@Test
	@DisplayName("TH-23 the IAM-enforcing gateway alone lets acme write into globex's index partition: globex's index "
			+ "Query returns acme's item and its Select COUNT counts it (IAM cannot express this rule)")
	void th23GatewayAloneDoesNotDenyTheFinding() {
		AttackTable.reset(enforcing);
		DynamoDbClient acme = enforcing.dynamoDbClientFor(ACME, POLICIES.sessionPolicyJson(ACME));
		DynamoDbClient globex = enforcing.dynamoDbClientFor(GLOBEX, POLICIES.sessionPolicyJson(GLOBEX));
		try {
			acme.updateItem((r) -> r.tableName(NAME).key(key(OWN)).updateExpression("SET gsiPk = :v")
				.expressionAttributeValues(Map.of(":v", s(GLOBEX_OPEN))));
			acme.putItem((r) -> r.tableName(NAME).item(withIndexKey(s(GLOBEX_OPEN))));

			assertThat(AttackTable.contents(enforcing).get(OWN + "|" + SK).get("gsiPk")).isEqualTo(s(GLOBEX_OPEN));
			List<Map<String, AttributeValue>> seenByGlobex = globex.query((r) -> r.tableName(NAME).indexName(INDEX)
				.keyConditionExpression("gsiPk = :k").expressionAttributeValues(Map.of(":k", s(GLOBEX_OPEN))))
				.items();
			assertThat(seenByGlobex).extracting((item) -> item.get("pk").s())
				.containsExactlyInAnyOrder("TENANT#globex", OWN, OWN);
			assertThat(globex.query((r) -> r.tableName(NAME).indexName(INDEX).select(Select.COUNT)
				.keyConditionExpression("gsiPk = :k").expressionAttributeValues(Map.of(":k", s(GLOBEX_OPEN))))
				.count()).isEqualTo(3);
		}
		finally {
			// The kit closes the two clients
			AttackTable.reset(enforcing);
		}
	}

	@ParameterizedTest(name = "TH-23 control: acme's own index keys, REMOVE and non-index attributes pass [{0}]")
	@EnumSource(value = Layer.class, names = { "GUARD_ALONE", "BOTH" })
	void th23OwnIndexKeysPass(Layer layer) {
		TenancyTestKit kit = (layer == Layer.GUARD_ALONE) ? permissive : enforcing;
		GuardedClient client = (layer == Layer.GUARD_ALONE) ? guardedPermissive : guardedEnforcing;
		AttackTable.reset(kit);

		TenantContext.runAs(ACME, () -> {
			DynamoDbClient c = client.client();
			c.updateItem((r) -> r.tableName(NAME).key(key(OWN))
				.updateExpression("SET gsiPk = if_not_exists(gsiPk, :v), payload = :p")
				.expressionAttributeValues(Map.of(":v", s("TENANT#acme#STATUS#CLOSED"), ":p", s(GLOBEX_OPEN))));
			c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).updateExpression("SET gsiPk = :v")
				.expressionAttributeValues(Map.of(":v", s("TENANT#acme#STATUS#CLOSED"))));
			c.putItem((r) -> r.tableName(NAME).item(item(OWN, "PROJECT#8", "by acme")));
			c.updateItem((r) -> r.tableName(NAME).key(key(OWN, "PROJECT#8")).updateExpression("REMOVE gsiPk"));
		});

		Map<String, Map<String, AttributeValue>> stored = AttackTable.contents(kit);
		assertThat(stored.get(OWN + "|" + SK)).containsEntry("gsiPk", s("TENANT#acme#STATUS#CLOSED"))
			.containsEntry("payload", s(GLOBEX_OPEN));
		assertThat(stored.get(OWN + "|PROJECT#8")).doesNotContainKey("gsiPk");
		AttackTable.reset(kit);
	}

	private static Arguments attack(String description, String action, Consumer<DynamoDbClient> call) {
		return arguments(description, action, call);
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	/**
	 * @return an item of acme's own partition (a new sort key) with the given index key
	 */
	private static Map<String, AttributeValue> withIndexKey(AttributeValue indexKey) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(item(OWN, "PROJECT#9", "by acme"));
		item.put("gsiPk", indexKey);
		return item;
	}

	private static WriteRequest put(Map<String, AttributeValue> item) {
		return WriteRequest.builder().putRequest((p) -> p.item(item)).build();
	}

}
