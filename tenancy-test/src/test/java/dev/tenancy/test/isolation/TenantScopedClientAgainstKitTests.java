package dev.tenancy.test.isolation;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import dev.tenancy.test.sts.StsOutage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine end to end against the test kit: the shared tenant-scoped client in {@link IsolationMode#IAM} obtains
 * each tenant's STS session from the kit's local STS (token vending with the generated session policy and the
 * {@code tenant} tag), is checked by the guard, and is enforced again by the IAM gateway. Also the STS faults of
 * TH-10 as the credential layer observes them.
 */
@TenancyTest
class TenantScopedClientAgainstKitTests {

	private static final String TABLE = "ScopedClientItems";

	private static TenancyTestKit kit;

	private static StsTenantCredentialsProvider credentials;

	private static TenantScopedDynamoDbClientFactory factory;

	private static DynamoDbClient client;

	@BeforeAll
	static void setUp(TenancyTestKit testKit) {
		kit = testKit;
		kit.createTable(TABLE, TestItem.SCHEMA);
		ResourceArns arns = ResourceArns.of("aws", kit.region().id(), kit.accountId());
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.table(TABLE, "pk", "sk")
			.index(TABLE, "byStatus", "gsiPk", "gsiSk")
			.build();
		TenancyPolicies policies = TenancyPolicies.builder().arns(arns).keySchema(schema).build();
		credentials = StsTenantCredentialsProvider.builder()
			.stsClient(kit.stsClient())
			.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
			.sessionPolicy(policies::sessionPolicyJson)
			.sessionDuration(Duration.ofHours(1))
			.build();
		factory = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.IAM)
			.httpClient(kit.httpClient())
			.region(kit.region())
			.endpointOverride(kit.dynamoDbEndpoint())
			.tenantCredentials(credentials)
			.guard(new TenantRequestGuard(new DynamoDbRequestContextExtractor(arns, schema), PolicyEvaluator.create(),
					new TenantSessionPolicies(policies, TenancyTestKit.TENANT_ROLE_ARN, "tenant", 1_000),
					(tenant, operation, decision) -> {
					}))
			.build();
		client = factory.client();
		kit.adminDynamoDbClient().putItem((r) -> r.tableName(TABLE).item(item("TENANT#globex", "PROJECT#1")));
	}

	@AfterAll
	static void tearDown() {
		factory.close();
		credentials.close();
	}

	@AfterEach
	void resetFaults() {
		kit.sts().faults().reset();
	}

	private static Map<String, AttributeValue> item(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk), "payload",
				AttributeValue.fromS("payload of " + pk));
	}

	private static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	@Test
	void eachTenantWorksInItsOwnPartitionWithItsOwnStsSession() {
		TenantContext.runAs(TenantId.of("acme"), () -> client.putItem((r) -> r.tableName(TABLE).item(item("TENANT#acme", "PROJECT#1"))));
		TenantContext.runAs(TenantId.of("initech"), () -> client.putItem((r) -> r.tableName(TABLE).item(item("TENANT#initech", "PROJECT#1"))));
		String read = TenantContext.callAs(TenantId.of("acme"), () -> client
			.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))).item().get("payload").s());
		assertThat(read).isEqualTo("payload of TENANT#acme");
		assertThat(kit.sts().sessions("tenant-acme")).isNotEmpty().allSatisfy((session) -> {
			assertThat(session.tags()).containsEntry("tenant", "acme");
			assertThat(session.sessionPolicy()).contains("\"TENANT#acme\",\"TENANT#acme#*\"");
		});
		assertThat(kit.sts().sessions("tenant-initech")).isNotEmpty();
	}

	@Test
	@DisplayName("TH-1 another tenant's key is refused by the guard before it reaches the gateway")
	void guardRefusesBeforeTheGateway() {
		long rejectedBefore = kit.gateway().rejectedCount();
		long forwardedBefore = kit.gateway().forwardedCount();
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> TenantContext.runAs(TenantId.of("acme"),
					() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#globex", "PROJECT#1")))))
			.satisfies((ex) -> assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.GUARD));
		assertThat(kit.gateway().rejectedCount()).isEqualTo(rejectedBefore);
		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwardedBefore);
	}

	@Test
	@DisplayName("TH-7 without a tenant nothing is sent and no STS session is requested")
	void noTenantNoRequest() {
		long stsBefore = kit.sts().requestCount();
		long forwardedBefore = kit.gateway().forwardedCount();
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))));
		assertThat(kit.sts().requestCount()).isEqualTo(stsBefore);
		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwardedBefore);
	}

	@Test
	@DisplayName("TH-10 STS outage: a new tenant fails closed, a tenant with a valid session keeps working, recovery after")
	void stsOutage() {
		TenantContext.runAs(TenantId.of("hooli"), () -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#hooli", "PROJECT#1"))));
		kit.sts().faults().outage(StsOutage.CONNECTION_REFUSED);
		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> TenantContext.runAs(TenantId.of("umbrella"),
					() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#umbrella", "PROJECT#1")))))
			.withMessageContaining("umbrella")
			.withMessageContaining(TenancyTestKit.TENANT_ROLE_ARN)
			.satisfies((ex) -> assertThat(ex.getTenant()).isEqualTo(TenantId.of("umbrella")));
		TenantContext.runAs(TenantId.of("hooli"), () -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#hooli", "PROJECT#1"))));
		kit.sts().faults().endOutage();
		TenantContext.runAs(TenantId.of("umbrella"), () -> client.putItem((r) -> r.tableName(TABLE).item(item("TENANT#umbrella", "PROJECT#1"))));
	}

	@Test
	@DisplayName("TH-10 STS throttling is retried with backoff")
	void stsThrottlingIsRetried() {
		long before = kit.sts().requestCount("AssumeRole");
		kit.sts().faults().throttleNext(2);
		TenantContext.runAs(TenantId.of("throttled"), () -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#throttled", "PROJECT#1"))));
		assertThat(kit.sts().requestCount("AssumeRole") - before).isEqualTo(3);
	}

	@Test
	@DisplayName("TH-10 malformed STS responses fail closed")
	void malformedStsResponses() {
		kit.sts().faults().malformNext(10);
		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> TenantContext.runAs(TenantId.of("garbled"),
					() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#garbled", "PROJECT#1")))))
			.withMessageContaining("garbled");
	}

	@Test
	@DisplayName("TH-10 high STS latency delays only the first request of a tenant")
	void stsLatency() {
		kit.sts().faults().latency(Duration.ofMillis(300));
		long before = kit.sts().requestCount("AssumeRole");
		TenantContext.runAs(TenantId.of("slow"), () -> {
			client.putItem((r) -> r.tableName(TABLE).item(item("TENANT#slow", "PROJECT#1")));
			client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#slow", "PROJECT#1")));
		});
		assertThat(kit.sts().requestCount("AssumeRole") - before).isEqualTo(1);
	}

}
