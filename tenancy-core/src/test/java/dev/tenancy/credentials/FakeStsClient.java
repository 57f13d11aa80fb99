package dev.tenancy.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * An {@link StsClient} that records every {@code AssumeRole} request and answers with programmable credentials or
 * failures. Credentials are named after the session and a call counter ({@code ASIA-tenant-acme-1}) so tests can
 * tell tenants and refreshes apart.
 */
final class FakeStsClient implements StsClient {

	final List<AssumeRoleRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger calls = new AtomicInteger();

	volatile boolean closed;

	private volatile Function<AssumeRoleRequest, AssumeRoleResponse> behaviour = validFor(Duration.ofHours(1));

	/** Answer every following call with credentials expiring the given time after the call. */
	FakeStsClient respondValidFor(Duration validity) {
		this.behaviour = validFor(validity);
		return this;
	}

	/** Answer every following call with the given exception. */
	FakeStsClient fail(RuntimeException failure) {
		this.behaviour = (request) -> {
			throw failure;
		};
		return this;
	}

	/** Answer every following call with the given behaviour. */
	FakeStsClient behave(Function<AssumeRoleRequest, AssumeRoleResponse> behaviour) {
		this.behaviour = behaviour;
		return this;
	}

	int calls() {
		return this.calls.get();
	}

	@Override
	public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
		this.requests.add(request);
		this.calls.incrementAndGet();
		return this.behaviour.apply(request);
	}

	@Override
	public String serviceName() {
		return SERVICE_NAME;
	}

	@Override
	public void close() {
		this.closed = true;
	}

	private Function<AssumeRoleRequest, AssumeRoleResponse> validFor(Duration validity) {
		return (request) -> response(request, Instant.now().plus(validity));
	}

	AssumeRoleResponse response(AssumeRoleRequest request, Instant expiration) {
		String id = request.roleSessionName() + "-" + this.calls.get();
		return AssumeRoleResponse.builder()
			.credentials(Credentials.builder()
				.accessKeyId("ASIA-" + id)
				.secretAccessKey("secret-" + id)
				.sessionToken("token-" + id)
				.expiration(expiration)
				.build())
			.assumedRoleUser(AssumedRoleUser.builder()
				.arn("arn:aws:sts::123456789012:assumed-role/tenant-data/" + request.roleSessionName())
				.assumedRoleId("AROAEXAMPLE:" + request.roleSessionName())
				.build())
			.packedPolicySize(12)
			.build();
	}

	/** An STS service error as the SDK would raise it. */
	static StsException stsError(String code, int status, String message) {
		return (StsException) StsException.builder()
			.statusCode(status)
			.requestId("req-" + code)
			.message(message + " (Service: Sts, Status Code: " + status + ")")
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode(code)
				.errorMessage(message)
				.serviceName("Sts")
				.build())
			.build();
	}

}
