package dev.tenancy.test;

import java.util.Map;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.fixtures.TestItem;
import dev.tenancy.test.sts.IssuedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the shared {@link TenancyTestKit} as test classes use it through {@link TenancyTest}.
 */
@TenancyTest
class TenancyTestKitTests {

	private static final Log logger = LogFactory.getLog(TenancyTestKitTests.class);

	private static final String TABLE = "KitItems";

	@BeforeAll
	static void createTable(TenancyTestKit kit) {
		kit.createTable(TABLE, TestItem.SCHEMA);
	}

	@Test
	void startupTimeIsMeasuredAndLogged(TenancyTestKit kit) {
		logger.info(String.format("Shared tenancy test kit '%s' start-up took %d ms", kit.name(),
				kit.startupTime().toMillis()));
		assertThat(kit.startupTime()).isPositive();
		assertThat(kit.isRunning()).isTrue();
	}

	@Test
	void isOneKitPerJvm(TenancyTestKit kit) {
		assertThat(TenancyTestKit.shared()).isSameAs(kit);
	}

	@Test
	void createsTableWithIndexesFromSchemaOnDemandAndIdempotently(TenancyTestKit kit) {
		TableDescription again = kit.createTable(TABLE, TestItem.SCHEMA);

		assertThat(again.tableName()).isEqualTo(TABLE);
		assertThat(again.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
		assertThat(again.keySchema()).extracting((key) -> key.attributeName() + ":" + key.keyTypeAsString())
			.containsExactly("pk:HASH", "sk:RANGE");
		assertThat(again.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
			.containsExactly("byStatus");
		assertThat(again.globalSecondaryIndexes().get(0).keySchema())
			.extracting((key) -> key.attributeName() + ":" + key.keyTypeAsString())
			.containsExactly("gsiPk:HASH", "gsiSk:RANGE");
	}

	@Test
	void putAndGetThroughTheGatewayAndDirectly(TenancyTestKit kit) {
		long forwarded = kit.gateway().forwardedCount();
		DynamoDbTable<TestItem> viaGateway = table(kit.dynamoDbClientFor(TenantId.of("kit"), null));
		DynamoDbTable<TestItem> direct = table(kit.adminDynamoDbClient());

		viaGateway.putItem(TestItem.of("TENANT#kit", "ITEM#1", "written through the gateway"));
		direct.putItem(TestItem.of("TENANT#kit", "ITEM#2", "written directly"));

		assertThat(direct.getItem(key("TENANT#kit", "ITEM#1")).payload()).isEqualTo("written through the gateway");
		assertThat(viaGateway.getItem(key("TENANT#kit", "ITEM#2")).payload()).isEqualTo("written directly");
		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwarded + 2);
		assertThat(kit.dynamoDbLocalClient()).isSameAs(kit.adminDynamoDbClient());
	}

	@Test
	@DisplayName("TH-18 the base identity has the production policy of the application's identity: no DynamoDB")
	void th18BaseIdentityClientIsDeniedByDefault(TenancyTestKit kit) {
		assertThat(kit.baseIdentityPolicies()).containsExactly(TenancyTestKit.BASE_IDENTITY_POLICY);
		assertThat(TenancyTestKit.BASE_IDENTITY_POLICY).isEqualTo(TenancyPolicies
			.applicationIdentityPolicy(TenancyTestKit.TENANT_ROLE_ARN, TenancyTestKit.TENANT_TAG)
			.toJson());
		table(kit.adminDynamoDbClient()).putItem(TestItem.of("TENANT#base", "ITEM#1", "seeded"));
		long forwarded = kit.gateway().forwardedCount();

		assertAccessDenied(() -> table(kit.baseIdentityDynamoDbClient()).getItem(key("TENANT#base", "ITEM#1")),
				"User: " + TenancyTestKit.BASE_USER_ARN + " is not authorized to perform: dynamodb:GetItem on "
						+ "resource: arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE
						+ " because no identity-based policy allows the dynamodb:GetItem action");
		assertAccessDenied(
				() -> table(baseIdentityClient(kit)).putItem(TestItem.of("TENANT#base", "ITEM#1", "overwritten")),
				"User: " + TenancyTestKit.BASE_USER_ARN + " is not authorized to perform: dynamodb:PutItem on "
						+ "resource: arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE
						+ " because no identity-based policy allows the dynamodb:PutItem action");
		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwarded);
		assertThat(table(kit.adminDynamoDbClient()).getItem(key("TENANT#base", "ITEM#1")).payload())
			.isEqualTo("seeded");
	}

	@Test
	@DisplayName("TH-18 the base identity's policy lets it tag a session with the tenant tag only")
	void th18DefaultBaseIdentityPolicyAllowsOnlyTheTenantTag(TenancyTestKit kit) {
		int issued = kit.sts().sessions().size();

		assertThatExceptionOfType(StsException.class)
			.isThrownBy(() -> kit.stsClient().assumeRole((request) -> request.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
				.roleSessionName("tenant-acme")
				.tags(tag(TenancyTestKit.TENANT_TAG, "acme"), tag("tier", "gold"))))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(403);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
				assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("User: " + TenancyTestKit.BASE_USER_ARN
						+ " is not authorized to perform: sts:TagSession on resource: "
						+ TenancyTestKit.TENANT_ROLE_ARN + " because no identity-based policy allows the "
						+ "sts:TagSession action");
			});
		assertThat(kit.sts().sessions()).hasSize(issued);
	}

	@Test
	@DisplayName("TH-18 with the application-mode policy the base identity may use the data plane, no Scan, no STS")
	void th18ApplicationModeBaseIdentityPolicy() {
		try (TenancyTestKit own = TenancyTestKit.builder()
			.baseIdentityPolicy(TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY)
			.start()) {
			own.createTable(TABLE, TestItem.SCHEMA);
			DynamoDbTable<TestItem> base = table(own.baseIdentityDynamoDbClient());

			base.putItem(TestItem.of("TENANT#app", "ITEM#1", "application mode"));

			assertThat(base.getItem(key("TENANT#app", "ITEM#1")).payload()).isEqualTo("application mode");
			assertAccessDenied(() -> own.baseIdentityDynamoDbClient().scan((request) -> request.tableName(TABLE)),
					"User: " + TenancyTestKit.BASE_USER_ARN + " is not authorized to perform: dynamodb:Scan on "
							+ "resource: arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE
							+ " with an explicit deny in an identity-based policy");
			assertAccessDenied(() -> own.baseIdentityDynamoDbClient().listTables(), null);
			assertThatExceptionOfType(StsException.class)
				.isThrownBy(() -> own.assumeTenantRole(TenantId.of("app"), null))
				.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("User: "
						+ TenancyTestKit.BASE_USER_ARN + " is not authorized to perform: sts:AssumeRole on resource: "
						+ TenancyTestKit.TENANT_ROLE_ARN + " because no identity-based policy allows the "
						+ "sts:AssumeRole action"));
		}
	}

	@Test
	void baseIdentityPoliciesCombineApplicationModeWithTenantSessions() {
		try (TenancyTestKit own = TenancyTestKit.builder()
			.baseIdentityPolicy(TenancyTestKit.BASE_IDENTITY_POLICY,
					TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY)
			.start()) {
			own.createTable(TABLE, TestItem.SCHEMA);

			table(own.baseIdentityDynamoDbClient()).putItem(TestItem.of("TENANT#both", "ITEM#1", "by the application"));

			assertThat(table(own.dynamoDbClientFor(TenantId.of("both"), null)).getItem(key("TENANT#both", "ITEM#1"))
				.payload()).isEqualTo("by the application");
			assertThat(own.baseIdentityPolicies()).hasSize(2);
		}
	}

	@Test
	void anInvalidBaseIdentityPolicyFailsTheStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenancyTestKit.builder().baseIdentityPolicy("{\"Statement\":[}").start());
		assertThatIllegalArgumentException().isThrownBy(() -> TenancyTestKit.builder().baseIdentityPolicy(" "));
	}

	@Test
	void tenantClientUsesAnAssumedRoleSessionWithPolicyAndTag(TenancyTestKit kit) {
		String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
				+ "\"Action\":\"dynamodb:*Item\",\"Resource\":\"*\"}]}";
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("acme"), policy);

		IssuedSession session = kit.sts().lookup(credentials.accessKeyId()).orElseThrow();
		assertThat(session.roleArn()).isEqualTo(TenancyTestKit.TENANT_ROLE_ARN);
		assertThat(session.roleSessionName()).isEqualTo("tenant-acme");
		assertThat(session.sessionPolicy()).isEqualTo(policy);
		assertThat(session.tags()).containsExactly(Map.entry("tenant", "acme"));
		assertThat(session.principalArn())
			.isEqualTo("arn:aws:sts::123456789012:assumed-role/tenancy-tenant/tenant-acme");

		DynamoDbClient acme = kit.dynamoDbClientFor(TenantId.of("acme"), policy);
		table(acme).putItem(TestItem.of("TENANT#acme", "ITEM#1", "acme's"));
		GetItemResponse stored = kit.adminDynamoDbClient().getItem((request) -> request.tableName(TABLE)
			.key(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("ITEM#1"))));
		assertThat(stored.item()).containsEntry("payload", AttributeValue.fromS("acme's"));
	}

	@Test
	void baseStsClientIsTheBaseIdentity(TenancyTestKit kit) {
		GetCallerIdentityResponse identity = kit.stsClient().getCallerIdentity();

		assertThat(identity.arn()).isEqualTo(TenancyTestKit.BASE_USER_ARN);
		assertThat(identity.account()).isEqualTo("123456789012");
		assertThat(kit.baseCredentials().accessKeyId()).startsWith("AKIA");
	}

	private static DynamoDbClient baseIdentityClient(TenancyTestKit kit) {
		return kit.dynamoDbClient(kit.baseCredentialsProvider());
	}

	private static void assertAccessDenied(ThrowingCallable call, @Nullable String message) {
		assertThatExceptionOfType(DynamoDbException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
			if (message != null) {
				assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(message);
			}
		});
	}

	private static Tag tag(String key, String value) {
		return Tag.builder().key(key).value(value).build();
	}

	private static DynamoDbTable<TestItem> table(DynamoDbClient client) {
		return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(TABLE, TestItem.SCHEMA);
	}

	private static Key key(String pk, String sk) {
		return Key.builder().partitionValue(pk).sortValue(sk).build();
	}

}
