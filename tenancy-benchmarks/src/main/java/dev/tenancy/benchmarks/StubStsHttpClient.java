package dev.tenancy.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * An {@link SdkHttpClient} that plays STS for a real {@link StsClient}: it answers every {@code AssumeRole} with the
 * canned XML STS sends, with fresh credentials that expire a configurable time after the call, after an optional
 * simulated latency. It counts the calls and can record, for each, the role session name and the thread that made
 * it (the SDK's synchronous client calls the HTTP client on the thread that asked for credentials).
 *
 * @author tenancy
 * @since 0.1
 */
final class StubStsHttpClient implements SdkHttpClient {

	/**
	 * Length of the issued session tokens. STS does not fix it; tokens of role sessions with an inline session policy
	 * and session tags are typically around a kilobyte, and they are the largest part of a cached session.
	 */
	static final int SESSION_TOKEN_LENGTH = 1024;

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	/** One recorded {@code AssumeRole} call. */
	record Call(String roleSessionName, Thread thread) {
	}

	private final Duration validity;

	private final Duration latency;

	private final boolean record;

	private final AtomicLong calls = new AtomicLong();

	private final List<Call> recorded = new CopyOnWriteArrayList<>();

	/**
	 * @param validity how long each issued session is valid
	 * @param latency how long each call takes
	 * @param record whether to record each call's session name and thread (off for heap measurements)
	 */
	StubStsHttpClient(Duration validity, Duration latency, boolean record) {
		this.validity = validity;
		this.latency = latency;
		this.record = record;
	}

	/**
	 * @return a real STS client (one connection pool: this stub) with static base credentials
	 */
	StsClient stsClient() {
		return StsClient.builder()
			.httpClient(this)
			.region(Workload.REGION)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCHMARKBASE", "base-secret")))
			.build();
	}

	long calls() {
		return this.calls.get();
	}

	List<Call> recorded() {
		return new ArrayList<>(this.recorded);
	}

	void clearRecorded() {
		this.recorded.clear();
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() {
				long number = StubStsHttpClient.this.calls.incrementAndGet();
				String sessionName = StubStsHttpClient.this.record ? roleSessionName(request) : "";
				if (StubStsHttpClient.this.record) {
					StubStsHttpClient.this.recorded.add(new Call(sessionName, Thread.currentThread()));
				}
				pause(StubStsHttpClient.this.latency);
				Instant expiration = Instant.now().plus(StubStsHttpClient.this.validity).truncatedTo(ChronoUnit.MILLIS);
				byte[] body = assumeRoleXml(number, sessionName, expiration).getBytes(StandardCharsets.UTF_8);
				return HttpExecuteResponse.builder()
					.response(SdkHttpFullResponse.builder()
						.statusCode(200)
						.putHeader("Content-Type", "text/xml")
						.putHeader("Content-Length", Integer.toString(body.length))
						.putHeader("x-amzn-RequestId", "stub-" + number)
						.build())
					.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
					.build();
			}

			@Override
			public void abort() {
			}

		};
	}

	@Override
	public String clientName() {
		return "StubStsHttpClient";
	}

	@Override
	public void close() {
	}

	private static void pause(Duration latency) {
		if (latency.isZero()) {
			return;
		}
		try {
			Thread.sleep(latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while simulating STS latency", ex);
		}
	}

	private static String roleSessionName(HttpExecuteRequest request) {
		String form = request.contentStreamProvider().map((provider) -> {
			try (InputStream in = provider.newStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).orElse("");
		for (String pair : form.split("&")) {
			if (pair.startsWith("RoleSessionName=")) {
				return URLDecoder.decode(pair.substring("RoleSessionName=".length()), StandardCharsets.UTF_8);
			}
		}
		return "";
	}

	private static String assumeRoleXml(long number, String sessionName, Instant expiration) {
		return """
				<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
				  <AssumeRoleResult>
				    <SourceIdentity/>
				    <Credentials>
				      <AccessKeyId>ASIA%016d</AccessKeyId>
				      <SecretAccessKey>%s</SecretAccessKey>
				      <SessionToken>%s</SessionToken>
				      <Expiration>%s</Expiration>
				    </Credentials>
				    <AssumedRoleUser>
				      <Arn>arn:aws:sts::123456789012:assumed-role/tenancy-tenant/%s</Arn>
				      <AssumedRoleId>AROABENCHMARK:%s</AssumedRoleId>
				    </AssumedRoleUser>
				    <PackedPolicySize>9</PackedPolicySize>
				  </AssumeRoleResult>
				  <ResponseMetadata>
				    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
				  </ResponseMetadata>
				</AssumeRoleResponse>
				""".formatted(number, secret(number, 40), secret(number, SESSION_TOKEN_LENGTH), expiration, sessionName,
						sessionName);
	}

	/** A deterministic base64-alphabet string of the given length, distinct per call. */
	private static String secret(long number, int length) {
		StringBuilder secret = new StringBuilder(length);
		long state = number * 0x9E3779B97F4A7C15L + length;
		while (secret.length() < length) {
			state ^= (state << 13);
			state ^= (state >>> 7);
			state ^= (state << 17);
			secret.append(BASE64.charAt((int) Math.floorMod(state, (long) BASE64.length())));
		}
		return secret.toString();
	}

}
