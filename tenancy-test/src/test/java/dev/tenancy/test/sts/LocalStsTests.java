package dev.tenancy.test.sts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.tenancy.test.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LocalSts} through the real AWS SDK {@link StsClient}.
 */
class LocalStsTests {

	private static final String APP = "arn:aws:iam::123456789012:user/app";

	private static final String ROLE = "arn:aws:iam::123456789012:role/tenancy/tenant-role";

	private static final String NO_TAG_ROLE = "arn:aws:iam::123456789012:role/no-tag-session";

	private static final String SHORT_ROLE = "arn:aws:iam::123456789012:role/short-sessions";

	private static final String EXTERNAL_ID_ROLE = "arn:aws:iam::123456789012:role/external-id";

	private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
			+ "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}";

	/** An identity policy for the calling user that allows every STS action: the trust policies decide. */
	static final String STS_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
			+ "\"Action\":\"sts:*\",\"Resource\":\"*\"}]}";

	private static SdkHttpClient http;

	private static LocalSts sts;

	private static IssuedSession app;

	private static StsClient client;

	@BeforeAll
	static void start() {
		http = ApacheHttpClient.create();
		sts = LocalSts.builder()
			.threadName("local-sts-tests")
			.role(role(ROLE, trust("[\"" + APP + "\",\"arn:aws:iam::123456789012:root\"]",
					"[\"sts:AssumeRole\",\"sts:TagSession\"]", ""), Duration.ofHours(12)))
			.role(role(NO_TAG_ROLE, trust("\"" + APP + "\"", "\"sts:AssumeRole\"", ""), Duration.ofHours(1)))
			.role(role(SHORT_ROLE, trust("\"" + APP + "\"", "\"sts:*\"", ""), Duration.ofHours(1)))
			.role(role(EXTERNAL_ID_ROLE, trust("\"" + APP + "\"", "\"sts:AssumeRole\"",
					",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"expected-id\"}}"), Duration.ofHours(1)))
			.start();
		app = sts.registerBaseIdentity(APP, STS_POLICY);
		client = client(sts, app.credentials());
	}

	@AfterAll
	static void stop() {
		client.close();
		sts.close();
		http.close();
	}

	@Test
	void assumeRoleIssuesDistinctCredentialsThatExpireAfterTheDuration() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		AssumeRoleResponse first = client.assumeRole(request("s1").durationSeconds(1800).build());
		AssumeRoleResponse second = client.assumeRole(request("s1").durationSeconds(1800).build());
		Instant after = Instant.now();

		assertThat(first.credentials().accessKeyId()).startsWith("ASIA").hasSize(20)
			.isNotEqualTo(second.credentials().accessKeyId());
		assertThat(first.credentials().secretAccessKey()).hasSize(40)
			.isNotEqualTo(second.credentials().secretAccessKey());
		assertThat(first.credentials().sessionToken()).isNotEqualTo(second.credentials().sessionToken());
		assertThat(first.credentials().expiration()).isBetween(before.plusSeconds(1800), after.plusSeconds(1800));
		assertThat(first.assumedRoleUser().arn())
			.isEqualTo("arn:aws:sts::123456789012:assumed-role/tenant-role/s1");
		assertThat(first.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:s1");
		assertThat(first.packedPolicySize()).isNull();
	}

	@Test
	void recordsRoleSessionNamePolicyTagsAndExpiry() {
		AssumeRoleResponse response = client.assumeRole(request("tenant-acme").policy(POLICY)
			.tags(tag("tenant", "acme"), tag("tier", "gold"))
			.transitiveTagKeys("tenant")
			.build());

		IssuedSession session = sts.lookup(response.credentials().accessKeyId()).orElseThrow();
		assertThat(session.roleArn()).isEqualTo(ROLE);
		assertThat(session.roleName()).isEqualTo("tenant-role");
		assertThat(session.roleSessionName()).isEqualTo("tenant-acme");
		assertThat(session.sessionPolicy()).isEqualTo(POLICY);
		assertThat(session.tags()).containsExactly(Map.entry("tenant", "acme"), Map.entry("tier", "gold"));
		assertThat(session.transitiveTagKeys()).containsExactly("tenant");
		assertThat(session.expiration()).isEqualTo(response.credentials().expiration());
		assertThat(session.callerArn()).isEqualTo(APP);
		assertThat(session.account()).isEqualTo("123456789012");
		assertThat(session.secretAccessKey()).isEqualTo(response.credentials().secretAccessKey());
		assertThat(sts.sessions("tenant-acme")).contains(session);
		assertThat(response.packedPolicySize()).isBetween(1, 100);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void rejectsInvalidRequestsLikeSts(String description, Consumer<AssumeRoleRequest.Builder> change, String code,
			int status, String message) {
		AssumeRoleRequest.Builder request = request("valid-name");
		change.accept(request);

		assertThatExceptionOfType(StsException.class).isThrownBy(() -> client.assumeRole(request.build()))
			.satisfies((ex) -> {
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(code);
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(message);
			});
	}

	static Stream<Arguments> invalidRequests() {
		String longPolicy = policyOfLength(2049);
		List<Tag> tooMany = IntStream.rangeClosed(1, 51).mapToObj((i) -> tag("k" + i, "v")).toList();
		return Stream.of(
				invalid("session name too short", (r) -> r.roleSessionName("a"), "ValidationError", 400,
						"1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: "
								+ "Member must have length greater than or equal to 2"),
				invalid("session name too long", (r) -> r.roleSessionName("s".repeat(65)), "ValidationError", 400,
						"1 validation error detected: Value '" + "s".repeat(65) + "' at 'roleSessionName' failed to "
								+ "satisfy constraint: Member must have length less than or equal to 64"),
				invalid("session name with a space", (r) -> r.roleSessionName("tenant acme"), "ValidationError", 400,
						"1 validation error detected: Value 'tenant acme' at 'roleSessionName' failed to satisfy "
								+ "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"),
				invalid("session name with '#'", (r) -> r.roleSessionName("TENANT#1"), "ValidationError", 400,
						"1 validation error detected: Value 'TENANT#1' at 'roleSessionName' failed to satisfy "
								+ "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"),
				invalid("duration below 900", (r) -> r.durationSeconds(899), "ValidationError", 400,
						"1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
								+ "Member must have value greater than or equal to 900"),
				invalid("duration above 43200", (r) -> r.durationSeconds(43201), "ValidationError", 400,
						"1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: "
								+ "Member must have value less than or equal to 43200"),
				invalid("two violations", (r) -> r.roleSessionName("a").durationSeconds(1), "ValidationError", 400,
						"2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: "
								+ "Member must have length greater than or equal to 2; Value '1' at 'durationSeconds' "
								+ "failed to satisfy constraint: Member must have value greater than or equal to 900"),
				invalid("duration above the role's maximum", (r) -> r.roleArn(SHORT_ROLE).durationSeconds(3601),
						"ValidationError", 400,
						"The requested DurationSeconds exceeds the MaxSessionDuration set for this role."),
				invalid("policy of 2,049 characters", (r) -> r.policy(longPolicy), "ValidationError", 400,
						"1 validation error detected: Value '" + longPolicy + "' at 'policy' failed to satisfy "
								+ "constraint: Member must have length less than or equal to 2048"),
				invalid("policy with a character above U+00FF", (r) -> r.policy(POLICY.replace("*", "\u0100")),
						"ValidationError", 400,
						"1 validation error detected: Value '" + POLICY.replace("*", "\u0100") + "' at 'policy' failed "
								+ "to satisfy constraint: Member must satisfy regular expression pattern: "
								+ "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"),
				invalid("policy that is not JSON", (r) -> r.policy("{\"Statement\":[}"), "MalformedPolicyDocument",
						400, "The policy is not in the valid JSON format."),
				invalid("policy without statements", (r) -> r.policy("{\"Version\":\"2012-10-17\"}"),
						"MalformedPolicyDocument", 400, "Syntax errors in policy."),
				invalid("51 tags", (r) -> r.tags(tooMany), "ValidationError", 400,
						"1 validation error detected: Value '" + tooMany.stream().map(Tag::key).toList()
								+ "' at 'tags' failed to satisfy constraint: Member must have length less than or "
								+ "equal to 50"),
				invalid("tag value with '#'", (r) -> r.tags(tag("tenant", "TENANT#1")), "ValidationError", 400,
						"1 validation error detected: Value 'TENANT#1' at 'tags.1.member.value' failed to satisfy "
								+ "constraint: Member must satisfy regular expression pattern: "
								+ "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"),
				invalid("tag key of 129 characters", (r) -> r.tags(tag("k".repeat(129), "v")), "ValidationError", 400,
						"1 validation error detected: Value '" + "k".repeat(129) + "' at 'tags.1.member.key' failed "
								+ "to satisfy constraint: Member must have length less than or equal to 128"),
				invalid("tag key with the reserved 'aws:' prefix", (r) -> r.tags(tag("aws:tenant", "acme")),
						"ValidationError", 400, "Tag 'aws:tenant' is invalid: tag keys and values cannot begin with "
								+ "'aws:', which is reserved for AWS use."),
				invalid("tag keys that differ only in case", (r) -> r.tags(tag("Tenant", "a"), tag("tenant", "b")),
						"ValidationError", 400,
						"Duplicate tag keys found. Please note that Tag keys are case insensitive."),
				invalid("transitive key that is not a tag", (r) -> r.tags(tag("tenant", "a")).transitiveTagKeys("tier"),
						"ValidationError", 400,
						"Transitive tag key 'tier' is not one of the session tags passed in this request."),
				invalid("tags without sts:TagSession in the trust policy",
						(r) -> r.roleArn(NO_TAG_ROLE).tags(tag("tenant", "acme")), "AccessDenied", 403,
						"User: " + APP + " is not authorized to perform: sts:TagSession on resource: " + NO_TAG_ROLE),
				invalid("unknown role", (r) -> r.roleArn("arn:aws:iam::123456789012:role/unknown"), "AccessDenied",
						403, "User: " + APP + " is not authorized to perform: sts:AssumeRole on resource: "
								+ "arn:aws:iam::123456789012:role/unknown"),
				invalid("wrong external id", (r) -> r.roleArn(EXTERNAL_ID_ROLE).externalId("other-id"),
						"AccessDenied", 403, "User: " + APP + " is not authorized to perform: sts:AssumeRole on "
								+ "resource: " + EXTERNAL_ID_ROLE));
	}

	@Test
	@DisplayName("TH-18 a base identity whose own policy does not allow sts:AssumeRole cannot assume a role that trusts it")
	void th18BaseIdentityNeedsItsOwnPolicyToAssumeARole() {
		IssuedSession withoutPolicy = sts.registerBaseIdentity("arn:aws:iam::123456789012:user/no-policy");
		IssuedSession otherRoleOnly = sts.registerBaseIdentity("arn:aws:iam::123456789012:user/other-role-only",
				"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
						+ "\"Resource\":\"" + NO_TAG_ROLE + "\"}]}");
		String trustsEveryone = trust("\"*\"", "[\"sts:AssumeRole\",\"sts:TagSession\"]", "");
		sts.registerRole(role(ROLE + "-open", trustsEveryone, Duration.ofHours(1)));
		int issued = sts.sessions().size();

		for (IssuedSession caller : List.of(withoutPolicy, otherRoleOnly)) {
			try (StsClient denied = client(sts, caller.credentials())) {
				assertStsError(() -> denied.assumeRole(request("denied").roleArn(ROLE + "-open").build()),
						"AccessDenied", 403, "User: " + caller.principalArn() + " is not authorized to perform: "
								+ "sts:AssumeRole on resource: " + ROLE + "-open because no identity-based policy "
								+ "allows the sts:AssumeRole action");
			}
		}
		assertThat(sts.sessions()).hasSize(issued);
		assertThat(sts.identityPolicies(withoutPolicy.principalArn())).isEmpty();
	}

	@Test
	@DisplayName("TH-18 a base identity whose own policy allows sts:AssumeRole but not sts:TagSession cannot pass tags")
	void th18BaseIdentityNeedsItsOwnPolicyToTagTheSession() {
		IssuedSession assumeOnly = sts.registerBaseIdentity("arn:aws:iam::123456789012:user/assume-only",
				"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
						+ "\"Resource\":\"*\"}]}");
		String trustsEveryone = trust("\"*\"", "[\"sts:AssumeRole\",\"sts:TagSession\"]", "");
		sts.registerRole(role(ROLE + "-tags", trustsEveryone, Duration.ofHours(1)));
		int issued = sts.sessions().size();

		try (StsClient caller = client(sts, assumeOnly.credentials())) {
			assertStsError(
					() -> caller.assumeRole(request("tagged").roleArn(ROLE + "-tags").tags(tag("tenant", "acme")).build()),
					"AccessDenied", 403, "User: " + assumeOnly.principalArn() + " is not authorized to perform: "
							+ "sts:TagSession on resource: " + ROLE + "-tags because no identity-based policy allows "
							+ "the sts:TagSession action");
			assertThat(sts.sessions()).hasSize(issued);
			assertThat(caller.assumeRole(request("untagged").roleArn(ROLE + "-tags").build()).credentials())
				.isNotNull();
		}
	}

	@Test
	void packedPolicyTooLargeReportsThePercentage() {
		List<Tag> tags = IntStream.rangeClosed(1, 50).mapToObj((i) -> tag("key-" + i, randomTagValue(i))).toList();

		assertThatExceptionOfType(StsException.class)
			.isThrownBy(() -> client.assumeRole(request("big-tags").tags(tags).build()))
			.satisfies((ex) -> {
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("PackedPolicyTooLarge");
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.awsErrorDetails().errorMessage())
					.matches("Packed policy consumes \\d{3,}% of allotted space, please use smaller policy\\.");
			});
	}

	@Test
	void externalIdThatTheTrustPolicyRequiresIsAccepted() {
		AssumeRoleResponse response = client
			.assumeRole(request("with-external-id").roleArn(EXTERNAL_ID_ROLE).externalId("expected-id").build());

		assertThat(sts.lookup(response.credentials().accessKeyId()).orElseThrow().externalId())
			.isEqualTo("expected-id");
	}

	@Test
	void getCallerIdentityOfTheBaseIdentityAndOfASession() {
		GetCallerIdentityResponse base = client.getCallerIdentity();
		assertThat(base.arn()).isEqualTo(APP);
		assertThat(base.account()).isEqualTo("123456789012");
		assertThat(base.userId()).matches("AIDA[A-Z2-7]{17}");

		AssumeRoleResponse assumed = client.assumeRole(request("whoami").build());
		try (StsClient session = client(sts, sessionCredentials(assumed))) {
			GetCallerIdentityResponse identity = session.getCallerIdentity();
			assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/tenant-role/whoami");
			assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
			assertThat(identity.account()).isEqualTo("123456789012");
		}
	}

	@Test
	void roleChainingIsLimitedToOneHour() {
		AssumeRoleResponse first = client.assumeRole(request("first-hop").build());
		try (StsClient session = client(sts, sessionCredentials(first))) {
			assertThatExceptionOfType(StsException.class)
				.isThrownBy(() -> session.assumeRole(request("second-hop").durationSeconds(3601).build()))
				.satisfies((ex) -> {
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
					assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("The requested DurationSeconds exceeds "
							+ "the 1 hour session limit for roles assumed by role chaining.");
				});
			AssumeRoleResponse chained = session.assumeRole(request("second-hop").durationSeconds(3600).build());
			assertThat(sts.lookup(chained.credentials().accessKeyId()).orElseThrow().callerArn())
				.isEqualTo("arn:aws:sts::123456789012:assumed-role/tenant-role/first-hop");
		}
	}

	@Test
	void unknownAccessKeyIsAnInvalidClientTokenId() {
		try (StsClient unknown = client(sts, AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "secret"))) {
			assertStsError(() -> unknown.getCallerIdentity(), "InvalidClientTokenId", 403,
					"The security token included in the request is invalid.");
		}
	}

	@Test
	void wrongSecretIsASignatureMismatch() {
		try (StsClient forged = client(sts, AwsBasicCredentials.create(app.accessKeyId(), "not-the-secret"))) {
			assertStsError(() -> forged.getCallerIdentity(), "SignatureDoesNotMatch", 403,
					"The request signature we calculated does not match the signature you provided. Check your AWS "
							+ "Secret Access Key and signing method. Consult the service documentation for details.");
		}
	}

	@Test
	void expiredSessionCredentialsAreRejected() {
		AssumeRoleResponse assumed = client.assumeRole(request("soon-expired").build());
		sts.expire(assumed.credentials().accessKeyId());

		try (StsClient session = client(sts, sessionCredentials(assumed))) {
			assertStsError(() -> session.getCallerIdentity(), "ExpiredToken", 403,
					"The security token included in the request is expired");
		}
	}

	@Test
	void sessionsExpireOnTheServersClock() {
		MutableClock clock = MutableClock.system();
		try (LocalSts own = LocalSts.builder().clock(clock).threadName("local-sts-clock")
			.role(role(ROLE, trust("\"" + APP + "\"", "\"sts:AssumeRole\"", ""), Duration.ofHours(1)))
			.start()) {
			IssuedSession caller = own.registerBaseIdentity(APP, STS_POLICY);
			try (StsClient base = client(own, caller.credentials())) {
				AssumeRoleResponse assumed = base.assumeRole(request("short").durationSeconds(900).build());
				try (StsClient session = client(own, sessionCredentials(assumed))) {
					assertThat(session.getCallerIdentity().arn()).endsWith("/short");
					clock.advance(Duration.ofSeconds(901));
					assertStsError(() -> session.getCallerIdentity(), "ExpiredToken", 403,
							"The security token included in the request is expired");
				}
			}
		}
	}

	@Test
	void countsRequestsPerAction() {
		long before = sts.requestCount("GetCallerIdentity");

		client.getCallerIdentity();
		client.getCallerIdentity();

		assertThat(sts.requestCount("GetCallerIdentity")).isEqualTo(before + 2);
	}

	static StsClient client(LocalSts target, AwsCredentials credentials) {
		return StsClient.builder()
			.endpointOverride(target.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.httpClient(http)
			.overrideConfiguration((o) -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	static RoleDefinition role(String arn, String trustPolicy, Duration maxSessionDuration) {
		return RoleDefinition.builder()
			.arn(arn)
			.identityPolicy(POLICY)
			.trustPolicy(trustPolicy)
			.maxSessionDuration(maxSessionDuration)
			.build();
	}

	static String trust(String principal, String action, String condition) {
		return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + principal
				+ "},\"Action\":" + action + condition + "}]}";
	}

	private static void assertStsError(Runnable call, String code, int status, String message) {
		assertThatExceptionOfType(StsException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(code);
			assertThat(ex.statusCode()).isEqualTo(status);
			assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(message);
		});
	}

	private static AssumeRoleRequest.Builder request(String sessionName) {
		return AssumeRoleRequest.builder().roleArn(ROLE).roleSessionName(sessionName);
	}

	private static Tag tag(String key, String value) {
		return Tag.builder().key(key).value(value).build();
	}

	private static AwsSessionCredentials sessionCredentials(AssumeRoleResponse response) {
		return AwsSessionCredentials.create(response.credentials().accessKeyId(),
				response.credentials().secretAccessKey(), response.credentials().sessionToken());
	}

	private static Arguments invalid(String description, Consumer<AssumeRoleRequest.Builder> change, String code,
			int status, String message) {
		return Arguments.of(description, change, code, status, message);
	}

	private static String policyOfLength(int length) {
		String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
				+ "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\",\"Sid\":\"";
		String tail = "\"}]}";
		return head + "S".repeat(length - head.length() - tail.length()) + tail;
	}

	private static String randomTagValue(int seed) {
		Random random = new Random(seed);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder value = new StringBuilder(256);
		while (value.length() < 256) {
			value.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return value.toString();
	}

}
