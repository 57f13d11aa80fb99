package dev.tenancy.test.attacks;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.TenantId;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import static dev.tenancy.test.attacks.AttackTable.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TH-6, hostile tenant ids from the principal, against the kit. The library's wall is {@link TenantId}: every
 * id outside {@code [A-Za-z0-9._-]{1,48}} is rejected before any STS or DynamoDB call (the full list is in
 * tenancy-core's {@code TenantIdTests}; the resolver's handling of principals in
 * {@code SecurityContextTenantResolverTests}).
 * Here, in addition: with {@link TenantId} bypassed (a raw AssumeRole with the session name {@code tenant-<id>} and
 * the tag {@code tenant=<id>}, as a hand-written token vending machine would send), STS refuses every hostile id except
 * a merely too long one, whose session the IAM wall still confines to its own (nobody's) partition.
 */
@TenancyTest
class HostileTenantIdAttackTests {

	private static TenancyTestKit kit;

	@BeforeAll
	static void createTable(TenancyTestKit testKit) {
		kit = testKit;
		AttackTable.create(kit);
	}

	static Stream<Arguments> hostileIds() {
		String invalidName = "ValidationError";
		return Stream.of(Arguments.of("wildcard", "*", invalidName), Arguments.of("prefix wildcard", "a*", invalidName),
				Arguments.of("single-character wildcard", "?", invalidName),
				Arguments.of("policy variable", "${aws:username}", invalidName),
				Arguments.of("key prefix injection", "TENANT#b", invalidName),
				Arguments.of("composite key injection", "acme#x", invalidName),
				Arguments.of("path traversal", "../b", invalidName),
				Arguments.of("empty", "", "AccessDenied"),
				Arguments.of("49 characters", "a".repeat(49), null),
				Arguments.of("Cyrillic look-alike", "\u0430cme", invalidName),
				Arguments.of("leading space", " acme", invalidName),
				Arguments.of("trailing space", "acme ", invalidName));
	}

	@ParameterizedTest(name = "TH-6 hostile tenant id ({0}) is rejected before any STS or DynamoDB call")
	@MethodSource("hostileIds")
	void rejectedBeforeAnyCall(String description, String hostile, @Nullable String stsError) {
		long stsRequests = kit.sts().requestCount();
		long forwarded = kit.gateway().forwardedCount();
		long rejected = kit.gateway().rejectedCount();

		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> TenantId.of(hostile))
			.withMessageStartingWith("Invalid tenant id '")
			.withMessageEndingWith("a tenant id is " + TenantId.ALLOWED + ".");

		assertThat(kit.sts().requestCount()).as("STS requests").isEqualTo(stsRequests);
		assertThat(kit.gateway().forwardedCount() + kit.gateway().rejectedCount()).as("DynamoDB requests")
			.isEqualTo(forwarded + rejected);
	}

	@ParameterizedTest(name = "TH-6 with TenantId bypassed, STS refuses the hostile tenant id ({0}) or IAM confines it")
	@MethodSource("hostileIds")
	void stsRefusesHostileSessionNamesAndTags(String description, String hostile, @Nullable String stsError) {
		if (stsError != null) {
			assertThatExceptionOfType(StsException.class).as("AssumeRole for '%s'", hostile)
				.isThrownBy(() -> assumeRaw(hostile))
				.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(stsError));
			assertThat(kit.sts().sessions("tenant-" + hostile)).isEmpty();
			return;
		}
		// Accepted by STS (only the length is wrong): the session still reaches only its own partition.
		Credentials session = assumeRaw(hostile).credentials();
		DynamoDbClient client = kit.dynamoDbClient(StaticCredentialsProvider.create(AwsSessionCredentials
			.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())));
		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> client.getItem((r) -> r.tableName(NAME).key(AttackTable.key("TENANT#acme"))))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
	}

	private static AssumeRoleResponse assumeRaw(String tenant) {
		return kit.stsClient().assumeRole((r) -> r.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
			.roleSessionName("tenant-" + tenant)
			.tags(Tag.builder().key(TenancyTestKit.TENANT_TAG).value(tenant).build())
			.policy(AttackTable.policies(null).sessionPolicy(TenantId.of("acme")).toJson()
				.replace("TENANT#acme", "TENANT#" + tenant.replace("\\", "\\\\").replace("\"", "\\\"")))
			.durationSeconds(900));
	}

}
