package dev.tenancy.test.isolation;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.IssuedSession;
import dev.tenancy.test.sts.RoleDefinition;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The generated, tier-aware role ceiling ({@link TenancyPolicies#ceilingPolicy()}) enforced by the kit's gateway on
 * its own: a role is registered with exactly the generated ceiling and trust policies, and tenant sessions of it are
 * assumed <em>without</em> a session policy, so only the ceiling stands between the tiers. The silo-table resource
 * {@code table/<pooled>-${aws:PrincipalTag/tenant}} keeps each session on its own silo table, and the LeadingKeys
 * condition keeps it on its own keys, in either tier.
 */
@TenancyTest
class TieredCeilingGatewayTests {

	private static final String TABLE = "TieredCeiling";

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tenancy-tenant-generated-ceiling";

	private static final String APP_ARN = "arn:aws:iam::123456789012:user/tiered-ceiling-app";

	private static TenancyTestKit kit;

	private static StsClient appSts;

	@BeforeAll
	static void setUp(TenancyTestKit testKit) {
		kit = testKit;
		TenancyPolicies policies = TieredTables.create(kit, TABLE, APP_ARN);
		kit.sts()
			.registerRole(RoleDefinition.builder()
				.arn(ROLE_ARN)
				.identityPolicy(policies.ceilingPolicy().toJson())
				.trustPolicy(policies.trustPolicy().toJson())
				.build());
		IssuedSession app = kit.sts()
			.registerBaseIdentity(APP_ARN,
					TenancyPolicies.applicationIdentityPolicy(ROLE_ARN, TenancyTestKit.TENANT_TAG).toJson());
		appSts = kit.stsClient(StaticCredentialsProvider.create(app.credentials()));
	}

	/** A session of the generated role for the tenant, with no session policy: the ceiling is all it has. */
	private static DynamoDbClient ceilingOnly(String tenant) {
		Credentials credentials = appSts
			.assumeRole((r) -> r.roleArn(ROLE_ARN)
				.roleSessionName("tenant-" + tenant)
				.tags((tag) -> tag.key(TenancyTestKit.TENANT_TAG).value(tenant)))
			.credentials();
		return kit.dynamoDbClient(StaticCredentialsProvider.create(AwsSessionCredentials
			.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())));
	}

	private static void assertDenied(String tenant, String table, String partitionKey) {
		DynamoDbClient client = ceilingOnly(tenant);
		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> client.putItem((r) -> r.tableName(table).item(TieredTables.item(partitionKey, "PROJECT#denied"))))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage())
				.startsWith("User: arn:aws:sts::123456789012:assumed-role/tenancy-tenant-generated-ceiling/tenant-"
						+ tenant + " is not authorized to perform: dynamodb:PutItem on resource: "
						+ "arn:aws:dynamodb:us-east-1:123456789012:table/" + table + " "));
		assertThat(kit.dynamoDbLocalClient()
			.getItem((r) -> r.tableName(table)
				.key(Map.of("pk", AttributeValue.fromS(partitionKey), "sk", AttributeValue.fromS("PROJECT#denied")))
				.consistentRead(true))
			.item()).as("nothing written").isEmpty();
	}

	@Test
	void theCeilingLetsASiloTenantUseItsOwnSiloTableAndItsIndex() {
		DynamoDbClient acme = ceilingOnly("acme");
		acme.putItem((r) -> r.tableName(TABLE + "-acme").item(TieredTables.item("TENANT#acme", "PROJECT#own")));
		assertThat(acme.query((r) -> r.tableName(TABLE + "-acme")
			.indexName("byStatus")
			.keyConditionExpression("gsiPk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme#STATUS#OPEN"))))
			.items()).hasSize(1);
	}

	@Test
	void theCeilingKeepsASiloTenantOffAnotherSiloTenantsTable() {
		assertDenied("acme", TABLE + "-globex", "TENANT#acme");
		assertDenied("acme", TABLE + "-globex", "TENANT#globex");
	}

	@Test
	void theCeilingKeepsAPooledTenantOffEverySiloTable() {
		assertDenied("initech", TABLE + "-acme", "TENANT#initech");
		assertDenied("initech", TABLE + "-acme", "TENANT#acme");
	}

	@Test
	void theCeilingKeepsEverySessionOnItsOwnKeysInBothTiers() {
		assertDenied("acme", TABLE + "-acme", "TENANT#globex");
		assertDenied("acme", TABLE, "TENANT#initech");
		assertDenied("initech", TABLE, "TENANT#acme");
	}

	@Test
	void theCeilingDeniesScanOnASessionsOwnSiloTable() {
		DynamoDbClient acme = ceilingOnly("acme");
		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> acme.scan((r) -> r.tableName(TABLE + "-acme")))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
	}

}
