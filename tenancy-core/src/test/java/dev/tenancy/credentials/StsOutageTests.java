package dev.tenancy.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import dev.tenancy.context.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TH-10: STS outage, throttling, high latency and error answers. Fail closed with
 * {@link TenantCredentialsUnavailableException} when no valid session exists; keep using a valid cached session while
 * STS fails; throttling is retried with backoff by the {@link StsClient}'s own retry strategy; recover once STS
 * answers again.
 */
class StsOutageTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final String ROLE_ARN = StsTenantCredentialsProviderTests.ROLE_ARN;

	private static final String THROTTLING = StubHttpClient.errorXml("Sender", "Throttling", "Rate exceeded");

	private final StubHttpClient stsHttp = new StubHttpClient();

	private final RecordingListener listener = new RecordingListener();

	private final FakeStsClient fakeSts = new FakeStsClient();

	private StsClient realSts = stsClient((builder) -> {
	});

	private StsTenantCredentialsProvider provider = provider(this.fakeSts, StsTenantCredentialsProvider.builder());

	/** A real STS client whose HTTP layer is the stub, so that the SDK's protocol, retries and errors apply. */
	private StsClient stsClient(Consumer<ClientOverrideConfiguration.Builder> override) {
		return StsClient.builder()
			.region(Region.US_EAST_1)
			.httpClient(this.stsHttp)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "base")))
			.overrideConfiguration(override)
			.build();
	}

	private StsTenantCredentialsProvider provider(StsClient sts, StsTenantCredentialsProvider.Builder builder) {
		return builder.stsClient(sts)
			.roleArn(ROLE_ARN)
			.sessionPolicy(StsTenantCredentialsProviderTests::policyFor)
			.listener(this.listener)
			.build();
	}

	private StsTenantCredentialsProvider useRealSts() {
		this.provider.close();
		this.provider = provider(this.realSts, StsTenantCredentialsProvider.builder());
		return this.provider;
	}

	@AfterEach
	void close() {
		this.provider.close();
		this.realSts.close();
	}

	@Test
	@DisplayName("TH-10: Throttling is retried with backoff by the StsClient's default retry strategy")
	void th10ThrottlingIsRetriedByTheStsClient() {
		useRealSts();
		this.stsHttp.thenXml(400, THROTTLING)
			.thenXml(400, THROTTLING)
			.thenXml(200, StubHttpClient.assumeRoleXml("ASIAAFTERTHROTTLING", Instant.now().plusSeconds(3600)));

		String accessKey = this.provider.forTenant(ACME).resolveCredentials().accessKeyId();

		assertThat(accessKey).isEqualTo("ASIAAFTERTHROTTLING");
		assertThat(this.stsHttp.requests).hasSize(3);
		assertThat(this.stsHttp.requests).allSatisfy((recorded) -> assertThat(recorded.body())
			.contains("Action=AssumeRole", "RoleSessionName=tenant-acme", "Tags.member.1.Key=tenant",
					"Tags.member.1.Value=acme", "DurationSeconds=3600"));
		// The retries happen inside one AssumeRole call of the SDK client.
		assertThat(this.listener.successes()).isEqualTo(1);
		assertThat(this.listener.failures()).isZero();
	}

	@Test
	@DisplayName("TH-10: persistent Throttling fails closed naming tenant, role, error code and remedy")
	void th10PersistentThrottlingFailsClosed() {
		this.realSts.close();
		this.realSts = stsClient((override) -> override.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.maxAttempts(3)
			.backoffStrategy(BackoffStrategy.retryImmediately())
			.throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
			.build()));
		useRealSts();
		this.stsHttp.thenXml(400, THROTTLING);

		TenantCredentialsUnavailableException ex = catchThrowableOfType(TenantCredentialsUnavailableException.class,
				() -> this.provider.forTenant(ACME).resolveCredentials());

		assertThat(this.stsHttp.requests).hasSize(3);
		assertThat(ex.getTenant()).isEqualTo(ACME);
		assertThat(ex.getRoleArn()).isEqualTo(ROLE_ARN);
		assertThat(ex.getErrorCode()).isEqualTo("Throttling");
		assertThat(ex).hasMessage("No AWS credentials for tenant 'acme': AssumeRole of role '" + ROLE_ARN
				+ "' failed and the tenant has no valid cached session; STS answered 'Throttling' (HTTP 400, request "
				+ "id 'req-Throttling'): Rate exceeded. STS kept throttling after the StsClient's retries (by default "
				+ "600 requests per second per account and Region are shared by all STS calls); lower the AssumeRole "
				+ "rate (longer sessionDuration, larger maximumTenants), raise the StsClient's retry budget or request "
				+ "a quota increase.");
		assertThat(ex).cause().isInstanceOf(StsException.class);
	}

	static Stream<Arguments> stsErrorAnswers() {
		return Stream.of(
				Arguments.of(403, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/app/i-1 is not "
						+ "authorized to perform: sts:TagSession", "allows the application's principal both "
						+ "sts:AssumeRole and sts:TagSession"),
				Arguments.of(400, "MalformedPolicyDocument", "Syntax errors in policy.",
						"not a valid IAM policy"),
				Arguments.of(400, "PackedPolicyTooLarge",
						"Packed policy consumes 118% of allotted space, please use smaller policy.",
						"exceed STS's packed size limit"),
				Arguments.of(403, "RegionDisabledException", "STS is not activated in this region",
						"Activate STS in this Region"),
				Arguments.of(400, "ValidationError",
						"The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role "
								+ "chaining.",
						"at most 1 hour when the application itself runs as a role session"),
				Arguments.of(403, "ExpiredToken", "The security token included in the request is expired",
						"base credentials of the StsClient are expired or invalid"),
				Arguments.of(500, "InternalFailure", "An internal error occurred", "Check STS availability"));
	}

	@ParameterizedTest(name = "TH-10: {1} (HTTP {0}) with no cached session fails closed")
	@MethodSource("stsErrorAnswers")
	void th10StsErrorWithoutCachedSessionFailsClosed(int status, String code, String message, String remedy) {
		this.realSts.close();
		this.realSts = stsClient((override) -> override.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.backoffStrategy(BackoffStrategy.retryImmediately())
			.throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
			.build()));
		useRealSts();
		this.stsHttp.thenXml(status, StubHttpClient.errorXml((status >= 500) ? "Receiver" : "Sender", code, message));

		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> this.provider.forTenant(ACME).resolveCredentials())
			.withMessageStartingWith("No AWS credentials for tenant 'acme': AssumeRole of role '" + ROLE_ARN + "'")
			.withMessageContaining("STS answered '" + code + "' (HTTP " + status + ", request id 'req-" + code
					+ "'): " + message + ".")
			.withMessageContaining(remedy)
			.withCauseInstanceOf(StsException.class)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(code))
			.satisfies((ex) -> assertThat(ex.getTenant()).isEqualTo(ACME));
	}

	@Test
	@DisplayName("TH-10: an STS timeout with no cached session fails closed, naming the timeout")
	void th10TimeoutWithoutCachedSessionFailsClosed() {
		this.fakeSts.fail(ApiCallTimeoutException.create(2000));

		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> this.provider.forTenant(ACME).resolveCredentials())
			.withMessageContaining("tenant 'acme'")
			.withMessageContaining("the call to STS timed out: Client execution did not complete before the "
					+ "specified timeout configuration: 2000 millis")
			.withMessageContaining("Check network access to the STS endpoint and the StsClient's timeouts")
			.withCauseInstanceOf(ApiCallTimeoutException.class)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isNull());
	}

	@Test
	@DisplayName("TH-10: STS unreachable with no cached session fails closed")
	void th10UnreachableWithoutCachedSessionFailsClosed() {
		this.fakeSts.fail(SdkClientException.create("Unable to execute HTTP request: Connect to "
				+ "sts.us-east-1.amazonaws.com:443 failed: Connection refused"));

		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> this.provider.forTenant(ACME).resolveCredentials())
			.withMessageContaining("tenant 'acme'")
			.withMessageContaining("the call to STS failed before STS answered: Unable to execute HTTP request")
			.withCauseInstanceOf(SdkClientException.class);
	}

	@Test
	@DisplayName("TH-10: a valid cached session keeps serving while its background refresh fails, then recovers")
	void th10ValidCachedSessionKeepsServingWhileStsFails() {
		// Refresh 2 minutes ahead, stale 1 minute before expiry: a session expiring in 90 seconds is due for a
		// background refresh at once but valid for another 30 seconds.
		this.provider.close();
		this.provider = provider(this.fakeSts, StsTenantCredentialsProvider.builder()
			.refreshAhead(Duration.ofMinutes(2))
			.staleTime(Duration.ofMinutes(1)));
		this.fakeSts.respondValidFor(Duration.ofSeconds(90));
		AwsCredentialsProvider acme = this.provider.forTenant(ACME);
		String cached = acme.resolveCredentials().accessKeyId();
		this.fakeSts.fail(FakeStsClient.stsError("Throttling", 400, "Rate exceeded"));

		Eventually.await("a failed background refresh", () -> {
			assertThat(acme.resolveCredentials().accessKeyId()).isEqualTo(cached);
			return this.listener.failures() > 0;
		});
		assertThat(acme.resolveCredentials().accessKeyId()).isEqualTo(cached);
		assertThat(this.listener.events.get(0).failure()).isNull();
		assertThat(this.listener.events.get(1).failure()).isInstanceOf(StsException.class);

		this.fakeSts.respondValidFor(Duration.ofHours(1));
		// Wait for what callers observe (new credentials served), not for the listener: the listener hears of a
		// successful AssumeRole before the SDK's cache has stored its credentials.
		Eventually.await("a successful background refresh",
				() -> !acme.resolveCredentials().accessKeyId().equals(cached));
		String refreshed = acme.resolveCredentials().accessKeyId();
		assertThat(refreshed).isNotEqualTo(cached).startsWith("ASIA-tenant-acme-");
		assertThat(this.listener.successes()).isGreaterThan(1);
	}

	@Test
	@DisplayName("TH-10: once a cached session goes stale and STS still fails, requests fail closed")
	void th10StaleSessionFailsClosedWhileStsFails() {
		this.provider.close();
		this.provider = provider(this.fakeSts, StsTenantCredentialsProvider.builder()
			.refreshAhead(Duration.ofMinutes(2))
			.staleTime(Duration.ofMinutes(1)));
		// Goes stale (expiry minus 1 minute) two seconds after it is issued.
		this.fakeSts.respondValidFor(Duration.ofSeconds(62));
		AwsCredentialsProvider acme = this.provider.forTenant(ACME);
		String cached = acme.resolveCredentials().accessKeyId();
		this.fakeSts.fail(FakeStsClient.stsError("Throttling", 400, "Rate exceeded"));

		AtomicReference<TenantCredentialsUnavailableException> failure = new AtomicReference<>();
		Eventually.await("the cached session to go stale", () -> {
			try {
				assertThat(acme.resolveCredentials().accessKeyId()).isEqualTo(cached);
				return false;
			}
			catch (TenantCredentialsUnavailableException ex) {
				failure.set(ex);
				return true;
			}
		});

		assertThat(failure.get()).hasMessageContaining("tenant 'acme'")
			.hasMessageContaining("no valid cached session")
			.hasMessageContaining("STS answered 'Throttling'");
		assertThat(failure.get().getErrorCode()).isEqualTo("Throttling");
	}

	@Test
	@DisplayName("TH-10: after an outage without cached session, the next request recovers once STS answers")
	void th10RecoversOnceStsAnswersAgain() {
		useRealSts();
		this.stsHttp.thenXml(503, StubHttpClient.errorXml("Receiver", "ServiceUnavailable", "Service unavailable"));
		AwsCredentialsProvider acme = this.provider.forTenant(ACME);
		assertThatExceptionOfType(TenantCredentialsUnavailableException.class).isThrownBy(acme::resolveCredentials)
			.withMessageContaining("'ServiceUnavailable' (HTTP 503");

		this.stsHttp.thenXml(200, StubHttpClient.assumeRoleXml("ASIARECOVERED", Instant.now().plusSeconds(3600)));

		assertThat(acme.resolveCredentials().accessKeyId()).isEqualTo("ASIARECOVERED");
		assertThat(this.provider.forTenant(ACME).resolveCredentials().accessKeyId()).isEqualTo("ASIARECOVERED");
	}

}
