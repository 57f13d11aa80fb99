package dev.tenancy.test.attacks;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import dev.tenancy.iam.policy.SessionPolicyTooLargeException;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.IssuedSession;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.tenancy.test.attacks.AttackTable.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TH-16, a session policy too large for STS, against the kit's STS. The generator's startup check itself
 * (a clear {@link SessionPolicyTooLargeException} naming the limit and the size) is covered in tenancy-core
 * ({@code TenancyPoliciesTests}); here: the largest configuration the check lets through is one STS accepts, the
 * first one it refuses fails at startup, and a policy that bypasses the generator is refused by STS, so the tenant's
 * call fails closed without reaching DynamoDB.
 */
@TenancyTest
class SessionPolicySizeAttackTests {

	private static final TenantId LONGEST = TenantId.of("w".repeat(TenantId.MAX_LENGTH));

	private static TenancyTestKit kit;

	@BeforeAll
	static void createTable(TenancyTestKit testKit) {
		kit = testKit;
		AttackTable.create(kit);
	}

	@Test
	@DisplayName("TH-16 the largest configuration the startup check accepts is accepted by STS; one table more fails "
			+ "at startup naming the limit and the size")
	void startupCheckMatchesSts() {
		int tables = 1;
		TenancyPolicies largest = policiesWithTables(tables);
		while (true) {
			try {
				largest = policiesWithTables(tables + 1);
				tables++;
			}
			catch (SessionPolicyTooLargeException ex) {
				assertThat(ex.limit()).isEqualTo(TenancyPolicies.SESSION_POLICY_MAX_LENGTH);
				assertThat(ex.size()).isGreaterThan(TenancyPolicies.SESSION_POLICY_MAX_LENGTH);
				assertThat(ex.getMessage()).startsWith("The session policy for a tenant id of the maximum length (48 "
						+ "characters) is " + String.format("%,d", ex.size()) + " characters, over the STS limit of "
						+ "2,048 characters for an inline session policy. It lists " + (2 * (tables + 1))
						+ " table and index ARNs");
				break;
			}
		}
		String json = largest.sessionPolicyJson(LONGEST);
		assertThat(json.length()).isLessThanOrEqualTo(TenancyPolicies.SESSION_POLICY_MAX_LENGTH)
			.isGreaterThan(TenancyPolicies.SESSION_POLICY_MAX_LENGTH - 200);

		AwsSessionCredentials session = kit.assumeTenantRole(LONGEST, json);

		IssuedSession issued = kit.sts().lookup(session.accessKeyId()).orElseThrow();
		assertThat(issued.sessionPolicy()).isEqualTo(json);
		DynamoDbClient client = kit.dynamoDbClient(StaticCredentialsProvider.create(session));
		client.putItem((r) -> r.tableName(NAME).item(AttackTable.item("TENANT#" + LONGEST, "PROJECT#1", "largest")));
		assertThat(client.getItem((r) -> r.tableName(NAME).key(AttackTable.key("TENANT#" + LONGEST))).item())
			.containsEntry("payload", AttributeValue.fromS("payload largest"));
	}

	@Test
	@DisplayName("TH-16 a session policy over 2,048 characters that bypasses the generator is refused before any STS "
			+ "call: the tenant's call fails closed")
	void oversizedPolicyIsRefusedBeforeSts() {
		TenancyPolicies policies = AttackTable.policies(null);
		TenantId tenant = TenantId.of("oversized");
		String oversized = paddedTo(policies.sessionPolicy(tenant).toJson(), 2100, false);
		long assumeRoles = kit.sts().requestCount("AssumeRole");
		long forwarded = kit.gateway().forwardedCount();

		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> getOwnItem(policies, tenant, oversized))
			.withMessageStartingWith("No AWS credentials for tenant 'oversized': the session policy for role '"
					+ TenancyTestKit.TENANT_ROLE_ARN + "' has 2100 characters, more than the 2048 STS accepts")
			.satisfies((ex) -> assertThat(ex.getTenant()).isEqualTo(tenant));
		assertThat(kit.sts().requestCount("AssumeRole")).as("AssumeRole calls").isEqualTo(assumeRoles);
		assertThat(kit.gateway().forwardedCount()).as("DynamoDB requests").isEqualTo(forwarded);
	}

	@Test
	@DisplayName("TH-16 STS itself refuses an oversized or over-packed session policy; a tenant whose policy packs too "
			+ "large fails closed on its first call and never reaches DynamoDB")
	void stsRefusesOversizedAndOverPackedPolicies() {
		TenancyPolicies policies = AttackTable.policies(null);
		TenantId tenant = TenantId.of("overpacked");
		String oversized = paddedTo(policies.sessionPolicy(tenant).toJson(), 2100, false);
		assertThatExceptionOfType(StsException.class)
			.isThrownBy(() -> kit.assumeTenantRole(tenant, oversized))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
				assertThat(ex.awsErrorDetails().errorMessage()).contains("policy")
					.contains("Member must have length less than or equal to 2048");
			});

		// Under 2,048 characters, but random text compresses badly: STS's separate packed-size limit refuses it.
		String overPacked = paddedTo(policies.sessionPolicy(tenant).toJson(), 2000, true);
		assertThat(overPacked).hasSizeLessThanOrEqualTo(TenancyPolicies.SESSION_POLICY_MAX_LENGTH);
		long assumeRoles = kit.sts().requestCount("AssumeRole");
		long forwarded = kit.gateway().forwardedCount();

		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> getOwnItem(policies, tenant, overPacked))
			.withMessageContaining("'overpacked'")
			.withMessageContaining(TenancyTestKit.TENANT_ROLE_ARN)
			.withMessageContaining("PackedPolicyTooLarge")
			.satisfies((ex) -> assertThat(ex.getTenant()).isEqualTo(tenant));
		assertThat(kit.sts().requestCount("AssumeRole")).as("AssumeRole calls").isGreaterThan(assumeRoles);
		assertThat(kit.sts().sessions("tenant-overpacked")).isEmpty();
		assertThat(kit.gateway().forwardedCount()).as("DynamoDB requests").isEqualTo(forwarded);
	}

	/**
	 * A GetItem of the tenant's own item through the guarded client whose STS sessions carry the given policy.
	 */
	private static void getOwnItem(TenancyPolicies policies, TenantId tenant, String sessionPolicy) {
		try (StsTenantCredentialsProvider credentials = StsTenantCredentialsProvider.builder()
			.stsClient(kit.stsClient())
			.ownsStsClient(false)
			.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
			.sessionPolicy((t) -> sessionPolicy)
			.sessionDuration(Duration.ofHours(1))
			.build();
				GuardedClient guarded = GuardedClient.create(kit, policies, credentials, kit.httpClient(), (b) -> {
				})) {
			TenantContext.runAs(tenant, () -> guarded.client()
				.getItem((r) -> r.tableName(NAME).key(AttackTable.key("TENANT#" + tenant))));
		}
	}

	/**
	 * Pad a policy to the given length by lengthening its statement id, with one letter repeated (compresses well) or
	 * with seeded random letters and digits (compress badly).
	 */
	private static String paddedTo(String policy, int length, boolean random) {
		int missing = length - policy.length();
		assertThat(missing).isPositive();
		StringBuilder padding = new StringBuilder(missing);
		Random letters = new Random(2048);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		for (int i = 0; i < missing; i++) {
			padding.append(random ? alphabet.charAt(letters.nextInt(alphabet.length())) : 'x');
		}
		String padded = policy.replace("\"Sid\":\"TenantItems\"", "\"Sid\":\"TenantItems" + padding + "\"");
		assertThat(padded).hasSize(length);
		return padded;
	}

	private static TenancyPolicies policiesWithTables(int count) {
		DynamoDbKeySchema.Builder schema = DynamoDbKeySchema.builder()
			.table(NAME, "pk", "sk")
			.index(NAME, AttackTable.INDEX, "gsiPk", "gsiSk");
		for (int i = 2; i <= count; i++) {
			schema.table("TenantTable" + i, "pk", "sk").index("TenantTable" + i, "byStatus", "gsiPk", "gsiSk");
		}
		return TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", TenancyTestKit.REGION.id(), TenancyTestKit.ACCOUNT_ID))
			.keySchema(schema.build())
			.build();
	}

}
