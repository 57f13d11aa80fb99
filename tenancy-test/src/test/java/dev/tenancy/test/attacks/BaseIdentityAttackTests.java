package dev.tenancy.test.attacks;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static dev.tenancy.test.attacks.AttackTable.ARN;
import static dev.tenancy.test.attacks.AttackTable.INDEX;
import static dev.tenancy.test.attacks.AttackTable.INDEX_ARN;
import static dev.tenancy.test.attacks.AttackTable.NAME;
import static dev.tenancy.test.attacks.AttackTable.item;
import static dev.tenancy.test.attacks.AttackTable.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * TH-18 (#11 finding 2): the application's own identity may not sign DynamoDB requests. In production, in isolation
 * mode {@code iam}, that identity needs {@code sts:AssumeRole} and {@code sts:TagSession} on the tenant role and
 * nothing on the tables; the kit's base identity has exactly that policy
 * ({@link TenancyPolicies#applicationIdentityPolicy}), so a regression that signs DynamoDB requests with the base
 * credentials instead of the tenant's session fails here as it would on AWS: the gateway answers with IAM's
 * identity-policy implicit deny, nothing is forwarded to DynamoDB and nothing is written.
 */
@TenancyTest
class BaseIdentityAttackTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final String OWN = "TENANT#acme";

	private static final String FOREIGN = "TENANT#globex";

	private static final String NEW_TABLE = "BaseIdentityMayNotCreate";

	private static final String NEW_TABLE_ARN = "arn:aws:dynamodb:us-east-1:" + TenancyTestKit.ACCOUNT_ID + ":table/"
			+ NEW_TABLE;

	private static final TenancyPolicies POLICIES = AttackTable.policies(null);

	private static TenancyTestKit kit;

	@BeforeAll
	static void createTable(TenancyTestKit testKit) {
		kit = testKit;
		AttackTable.create(kit);
	}

	/**
	 * DynamoDB calls the base identity might make, each with the action and resource IAM reports in its denial.
	 */
	enum Call {

		GET_ITEM("dynamodb:GetItem", ARN, (c) -> c.getItem((r) -> r.tableName(NAME).key(key(FOREIGN)))),

		PUT_ITEM("dynamodb:PutItem", ARN,
				(c) -> c.putItem((r) -> r.tableName(NAME).item(item(FOREIGN, "PROJECT#9", "pwned by base")))),

		UPDATE_ITEM("dynamodb:UpdateItem", ARN,
				(c) -> c.updateItem((r) -> r.tableName(NAME).key(key(FOREIGN)).updateExpression("SET payload = :p")
					.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("pwned by base"))))),

		DELETE_ITEM("dynamodb:DeleteItem", ARN, (c) -> c.deleteItem((r) -> r.tableName(NAME).key(key(FOREIGN)))),

		QUERY("dynamodb:Query", ARN, (c) -> c.query((r) -> r.tableName(NAME).keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(FOREIGN))))),

		QUERY_INDEX("dynamodb:Query", INDEX_ARN,
				(c) -> c.query((r) -> r.tableName(NAME).indexName(INDEX).keyConditionExpression("gsiPk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(FOREIGN + "#STATUS#OPEN"))))),

		SCAN("dynamodb:Scan", ARN, (c) -> c.scan((r) -> r.tableName(NAME))),

		BATCH_GET_ITEM("dynamodb:BatchGetItem", ARN, (c) -> c.batchGetItem(
				(r) -> r.requestItems(Map.of(NAME, KeysAndAttributes.builder().keys(key(FOREIGN)).build())))),

		BATCH_WRITE_ITEM("dynamodb:BatchWriteItem", ARN,
				(c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(WriteRequest.builder()
					.putRequest((p) -> p.item(item(FOREIGN, "PROJECT#9", "pwned by base")))
					.build()))))),

		TRANSACT_GET_ITEMS("dynamodb:GetItem", ARN, (c) -> c.transactGetItems((r) -> r
			.transactItems(TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(FOREIGN))).build()))),

		TRANSACT_WRITE_ITEMS("dynamodb:PutItem", ARN, (c) -> c.transactWriteItems((r) -> r.transactItems(
				TransactWriteItem.builder().put((p) -> p.tableName(NAME).item(item(FOREIGN, "PROJECT#9", "pwned")))
					.build()))),

		EXECUTE_STATEMENT("dynamodb:PartiQLSelect", ARN,
				(c) -> c.executeStatement(
						(r) -> r.statement("SELECT * FROM \"" + NAME + "\" WHERE pk = 'TENANT#globex'"))),

		DESCRIBE_TABLE("dynamodb:DescribeTable", ARN, (c) -> c.describeTable((r) -> r.tableName(NAME))),

		DELETE_TABLE("dynamodb:DeleteTable", ARN, (c) -> c.deleteTable((r) -> r.tableName(NAME))),

		CREATE_TABLE("dynamodb:CreateTable", NEW_TABLE_ARN, (c) -> c.createTable((r) -> r.tableName(NEW_TABLE)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S)
				.build())
			.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()))),

		LIST_TABLES("dynamodb:ListTables", null, (c) -> c.listTables());

		private final String action;

		private final @Nullable String resource;

		private final Consumer<DynamoDbClient> call;

		Call(String action, @Nullable String resource, Consumer<DynamoDbClient> call) {
			this.action = action;
			this.resource = resource;
			this.call = call;
		}

		String message() {
			return "User: " + TenancyTestKit.BASE_USER_ARN + " is not authorized to perform: " + this.action
					+ " on resource: " + this.resource + " because no identity-based policy allows the " + this.action
					+ " action";
		}

	}

	@ParameterizedTest(name = "TH-18 a {0} signed with the base credentials is denied by the gateway")
	@EnumSource(Call.class)
	void th18BaseSignedDynamoDbRequestIsDenied(Call call) {
		AttackTable.reset(kit);
		long forwarded = kit.gateway().forwardedCount();
		long rejected = kit.gateway().rejectedCount();

		Throwable thrown;
		try (DynamoDbClient base = noRetries(kit.dynamoDbClientBuilder().credentialsProvider(
				kit.baseCredentialsProvider())).build()) {
			thrown = catchThrowable(() -> call.call.accept(base));
		}

		assertAccessDenied(thrown, call, call.toString());
		assertThat(kit.gateway().forwardedCount()).as("forwarded to DynamoDB").isEqualTo(forwarded);
		assertThat(kit.gateway().rejectedCount()).as("rejected by the gateway").isEqualTo(rejected + 1);
		AttackTable.assertUnchanged(kit, call);
		assertThat(kit.dynamoDbLocalClient().listTables().tableNames()).contains(NAME).doesNotContain(NEW_TABLE);
	}

	/**
	 * The IAM-mode regression itself: a tenant-scoped client whose tenant credentials are the application's base
	 * credentials. The guard passes each request (it is for the tenant's own keys), the gateway denies it.
	 */
	@ParameterizedTest(name = "TH-18 a tenant-scoped client that signs {0} with the base credentials fails")
	@EnumSource(value = Call.class, names = { "GET_ITEM", "PUT_ITEM", "UPDATE_ITEM", "DELETE_ITEM", "QUERY",
			"BATCH_GET_ITEM", "BATCH_WRITE_ITEM", "TRANSACT_GET_ITEMS", "TRANSACT_WRITE_ITEMS" })
	void th18TenantScopedClientSigningWithBaseCredentialsFails(Call call) {
		AttackTable.reset(kit);
		Consumer<DynamoDbClient> ownPartition = ownPartition(call);
		long forwarded = kit.gateway().forwardedCount();
		TenantCredentialsProvider broken = new BaseCredentialsForEveryTenant(kit.baseCredentialsProvider());

		Throwable thrown;
		try (GuardedClient guarded = GuardedClient.create(kit, POLICIES, broken, kit.httpClient(),
				BaseIdentityAttackTests::noRetries)) {
			thrown = catchThrowable(() -> TenantContext.runAs(ACME, () -> ownPartition.accept(guarded.client())));
		}

		assertAccessDenied(thrown, call, "tenant-scoped " + call);
		assertThat(kit.gateway().forwardedCount()).as("forwarded to DynamoDB").isEqualTo(forwarded);
		AttackTable.assertUnchanged(kit, "tenant-scoped " + call);
	}

	@Test
	@DisplayName("TH-18 control: the base identity still assumes the tenant role, and the session reads its own item")
	void th18BaseIdentityStillAssumesTheTenantRole() {
		AttackTable.reset(kit);
		AwsSessionCredentials session = kit.assumeTenantRole(ACME, POLICIES.sessionPolicyJson(ACME));

		try (DynamoDbClient acme = noRetries(kit.dynamoDbClientBuilder()
			.credentialsProvider(StaticCredentialsProvider.create(session))).build()) {
			Map<String, AttributeValue> item = acme.getItem((r) -> r.tableName(NAME).key(key(OWN))).item();
			assertThat(item).containsEntry("pk", AttributeValue.fromS(OWN));
		}
		assertThat(kit.sts().lookup(session.accessKeyId()).orElseThrow().callerArn())
			.isEqualTo(TenancyTestKit.BASE_USER_ARN);
	}

	private static void assertAccessDenied(Throwable thrown, Call call, String what) {
		assertThat(thrown).as(what).isInstanceOf(DynamoDbException.class);
		DynamoDbException ex = (DynamoDbException) thrown;
		assertThat(ex.statusCode()).isEqualTo(400);
		assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
		if (call.resource != null) {
			assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(call.message());
		}
		else {
			assertThat(ex.awsErrorDetails().errorMessage())
				.startsWith("User: " + TenancyTestKit.BASE_USER_ARN + " is not authorized to perform: " + call.action
						+ " on resource: ")
				.endsWith(" because no identity-based policy allows the " + call.action + " action");
		}
		for (String pk : AttackTable.PARTITIONS) {
			assertThat(ex.getMessage()).as("no seeded value in the error").doesNotContain(AttackTable.marker(pk));
		}
	}

	/**
	 * The same kind of call on acme's own partition, which acme's genuine session may make.
	 */
	private static Consumer<DynamoDbClient> ownPartition(Call call) {
		return switch (call) {
			case GET_ITEM -> (c) -> c.getItem((r) -> r.tableName(NAME).key(key(OWN)));
			case PUT_ITEM -> (c) -> c.putItem((r) -> r.tableName(NAME).item(item(OWN, "PROJECT#9", "by base")));
			case UPDATE_ITEM -> (c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN))
				.updateExpression("SET payload = :p")
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("by base"))));
			case DELETE_ITEM -> (c) -> c.deleteItem((r) -> r.tableName(NAME).key(key(OWN)));
			case QUERY -> (c) -> c.query((r) -> r.tableName(NAME).keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(OWN))));
			case BATCH_GET_ITEM -> (c) -> c.batchGetItem(
					(r) -> r.requestItems(Map.of(NAME, KeysAndAttributes.builder().keys(key(OWN)).build())));
			case BATCH_WRITE_ITEM -> (c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(
					WriteRequest.builder().putRequest((p) -> p.item(item(OWN, "PROJECT#9", "by base"))).build()))));
			case TRANSACT_GET_ITEMS -> (c) -> c.transactGetItems((r) -> r
				.transactItems(TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(OWN))).build()));
			case TRANSACT_WRITE_ITEMS -> (c) -> c.transactWriteItems((r) -> r.transactItems(TransactWriteItem.builder()
				.put((p) -> p.tableName(NAME).item(item(OWN, "PROJECT#9", "by base")))
				.build()));
			default -> throw new IllegalArgumentException("No own-partition variant of " + call);
		};
	}

	private static DynamoDbClientBuilder noRetries(DynamoDbClientBuilder builder) {
		builder.overrideConfiguration(builder.overrideConfiguration()
			.toBuilder()
			.retryStrategy(AwsRetryStrategy.doNotRetry())
			.build());
		return builder;
	}

	/**
	 * The IAM-mode regression: tenant credentials that are the application's base credentials for every tenant.
	 */
	private static final class BaseCredentialsForEveryTenant implements TenantCredentialsProvider {

		private final AwsCredentialsProvider base;

		BaseCredentialsForEveryTenant(AwsCredentialsProvider base) {
			this.base = base;
		}

		@Override
		public AwsCredentialsProvider forTenant(TenantId tenant) {
			return this.base;
		}

		@Override
		public void evict(TenantId tenant) {
		}

		@Override
		public void close() {
		}

	}

}
