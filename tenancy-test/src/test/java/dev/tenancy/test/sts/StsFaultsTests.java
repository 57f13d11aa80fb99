package dev.tenancy.test.sts;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.util.Throwables.getRootCause;

/**
 * Tests for {@link StsFaults}: STS being throttled, down, slow or broken, as seen by the AWS SDK (TH-10).
 */
class StsFaultsTests {

	private static final String APP = "arn:aws:iam::123456789012:user/app";

	private static final String ROLE = "arn:aws:iam::123456789012:role/tenant-role";

	private static SdkHttpClient http;

	private static LocalSts sts;

	private static StsClient client;

	@BeforeAll
	static void start() {
		http = ApacheHttpClient.create();
		sts = LocalSts.builder()
			.threadName("sts-faults-tests")
			.role(LocalStsTests.role(ROLE, LocalStsTests.trust("\"" + APP + "\"", "\"sts:AssumeRole\"", ""),
					Duration.ofHours(1)))
			.start();
		IssuedSession app = sts.registerBaseIdentity(APP, LocalStsTests.STS_POLICY);
		client = StsClient.builder()
			.endpointOverride(sts.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(app.credentials()))
			.httpClient(http)
			.overrideConfiguration((o) -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
				.apiCallAttemptTimeout(Duration.ofMillis(1500)))
			.build();
	}

	@AfterEach
	void clearFaults() {
		sts.faults().reset();
	}

	@AfterAll
	static void stop() {
		client.close();
		sts.close();
		http.close();
	}

	@Test // TH-10
	@DisplayName("TH-10: throttled calls fail with Throttling 'Rate exceeded' (HTTP 400), then STS recovers")
	void throttleNextCallsThenRecover() {
		sts.faults().throttleNext(2);

		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(StsException.class).isThrownBy(this::assumeRole).satisfies((ex) -> {
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("Throttling");
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
				assertThat(ex.isThrottlingException()).isTrue();
			});
		}
		assertThat(assumeRole()).startsWith("ASIA");
	}

	@Test // TH-10
	@DisplayName("TH-10: calls above a per-second quota are throttled")
	void throttleAboveQuota() {
		sts.faults().throttleAbove(1);
		int throttled = 0;
		for (int i = 0; i < 5; i++) {
			try {
				client.getCallerIdentity();
			}
			catch (StsException ex) {
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("Throttling");
				throttled++;
			}
		}
		// At most one call per wall-clock second passes, and five calls span at most a few seconds.
		assertThat(throttled).isGreaterThanOrEqualTo(1);
	}

	@Test // TH-10
	@DisplayName("TH-10: an outage refuses connections until it ends, on the same port")
	void outageRefusesConnectionsUntilItEnds() {
		int port = sts.port();
		sts.faults().outage(StsOutage.CONNECTION_REFUSED);

		// A keep-alive connection that the outage closed fails first (NoHttpResponseException); new ones are refused.
		boolean refused = false;
		for (int attempt = 0; attempt < 5 && !refused; attempt++) {
			Throwable failure = catchThrowable(this::assumeRole);
			assertThat(failure).isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(IOException.class);
			refused = getRootCause(failure) instanceof ConnectException;
		}
		assertThat(refused).as("connection refused").isTrue();

		sts.faults().endOutage();
		assertThat(sts.port()).isEqualTo(port);
		assertThat(assumeRole()).startsWith("ASIA");
	}

	@Test // TH-10
	@DisplayName("TH-10: an outage can answer HTTP 503 ServiceUnavailable instead")
	void outageAnswersServiceUnavailable() {
		sts.faults().outage(StsOutage.SERVICE_UNAVAILABLE);

		assertThatExceptionOfType(StsException.class).isThrownBy(this::assumeRole).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(503);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
		});
		sts.faults().endOutage();
		assertThat(assumeRole()).startsWith("ASIA");
	}

	@Test // TH-10
	@DisplayName("TH-10: added latency beyond the client's attempt timeout fails the call")
	void latencyBeyondTheAttemptTimeout() {
		sts.faults().latency(Duration.ofSeconds(3));

		assertThatExceptionOfType(ApiCallAttemptTimeoutException.class).isThrownBy(this::assumeRole);
		sts.faults().latency(Duration.ZERO);
		assertThat(assumeRole()).startsWith("ASIA");
	}

	@Test // TH-10
	@DisplayName("TH-10: a malformed response cannot be parsed by the SDK")
	void malformedResponse() {
		sts.faults().malformNext(1);

		assertThatExceptionOfType(SdkClientException.class).isThrownBy(this::assumeRole)
			.satisfies((ex) -> assertThat(ex).isNotInstanceOf(StsException.class));
		assertThat(assumeRole()).startsWith("ASIA");
	}

	@Test // TH-10
	@DisplayName("TH-10: failed calls are counted like successful ones")
	void faultyCallsAreCounted() {
		long before = sts.requestCount("AssumeRole");
		sts.faults().throttleNext(1);

		assertThatExceptionOfType(StsException.class).isThrownBy(this::assumeRole);
		assumeRole();

		assertThat(sts.requestCount("AssumeRole")).isEqualTo(before + 2);
	}

	private String assumeRole() {
		return client.assumeRole(AssumeRoleRequest.builder().roleArn(ROLE).roleSessionName("faults").build())
			.credentials()
			.accessKeyId();
	}

}
