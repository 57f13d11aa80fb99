package dev.tenancy.test;

import java.util.Map;

import dev.tenancy.context.TenantId;
import dev.tenancy.test.fixtures.TestItem;
import dev.tenancy.test.sts.IssuedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static org.assertj.core.api.Assertions.assertThat;

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
		DynamoDbTable<TestItem> viaGateway = table(kit.dynamoDbClient());
		DynamoDbTable<TestItem> direct = table(kit.dynamoDbLocalClient());

		viaGateway.putItem(TestItem.of("TENANT#kit", "ITEM#1", "written through the gateway"));
		direct.putItem(TestItem.of("TENANT#kit", "ITEM#2", "written directly"));

		assertThat(direct.getItem(key("TENANT#kit", "ITEM#1")).payload()).isEqualTo("written through the gateway");
		assertThat(viaGateway.getItem(key("TENANT#kit", "ITEM#2")).payload()).isEqualTo("written directly");
		assertThat(kit.gateway().forwardedCount()).isPositive();
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
		GetItemResponse stored = kit.dynamoDbLocalClient().getItem((request) -> request.tableName(TABLE)
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

	private static DynamoDbTable<TestItem> table(DynamoDbClient client) {
		return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(TABLE, TestItem.SCHEMA);
	}

	private static Key key(String pk, String sk) {
		return Key.builder().partitionValue(pk).sortValue(sk).build();
	}

}
