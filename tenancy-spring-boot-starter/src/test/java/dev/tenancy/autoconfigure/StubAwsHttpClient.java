package dev.tenancy.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that answers STS {@code AssumeRole} and DynamoDB calls in-process, for auto-configuration
 * tests that exercise the configured clients without a network. It counts the calls it receives and can be switched
 * to refuse STS calls or to answer DynamoDB with IAM's {@code AccessDeniedException}.
 */
public final class StubAwsHttpClient implements SdkHttpClient {

	private final AtomicInteger stsCalls = new AtomicInteger();

	private final AtomicInteger dynamoDbCalls = new AtomicInteger();

	private volatile boolean stsFailing;

	private volatile boolean dynamoDbDenying;

	/**
	 * @return the STS calls received
	 */
	public int stsCalls() {
		return this.stsCalls.get();
	}

	/**
	 * @return the DynamoDB calls received
	 */
	public int dynamoDbCalls() {
		return this.dynamoDbCalls.get();
	}

	/**
	 * @param failing whether STS answers {@code AccessDenied}
	 */
	public void stsFailing(boolean failing) {
		this.stsFailing = failing;
	}

	/**
	 * @param denying whether DynamoDB answers {@code AccessDeniedException}
	 */
	public void dynamoDbDenying(boolean denying) {
		this.dynamoDbDenying = denying;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		boolean sts = request.httpRequest().host().startsWith("sts.");
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() throws IOException {
				if (request.contentStreamProvider().isPresent()) {
					try (InputStream body = request.contentStreamProvider().get().newStream()) {
						body.readAllBytes();
					}
				}
				return sts ? sts() : dynamoDb();
			}

			@Override
			public void abort() {
			}

		};
	}

	private HttpExecuteResponse sts() {
		this.stsCalls.incrementAndGet();
		if (this.stsFailing) {
			return response(403, "text/xml", """
					<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
					  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized</Message></Error>
					  <RequestId>stub</RequestId>
					</ErrorResponse>""");
		}
		String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		return response(200, "text/xml", """
				<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
				  <AssumeRoleResult>
				    <Credentials>
				      <AccessKeyId>ASIASTUB%d</AccessKeyId>
				      <SecretAccessKey>secret</SecretAccessKey>
				      <SessionToken>token</SessionToken>
				      <Expiration>%s</Expiration>
				    </Credentials>
				    <AssumedRoleUser>
				      <Arn>arn:aws:sts::123456789012:assumed-role/tenant-data/tenant</Arn>
				      <AssumedRoleId>AROASTUB:tenant</AssumedRoleId>
				    </AssumedRoleUser>
				    <PackedPolicySize>10</PackedPolicySize>
				  </AssumeRoleResult>
				  <ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata>
				</AssumeRoleResponse>""".formatted(this.stsCalls.get(), expiration));
	}

	private HttpExecuteResponse dynamoDb() {
		this.dynamoDbCalls.incrementAndGet();
		if (this.dynamoDbDenying) {
			return response(400, "application/x-amz-json-1.0", """
					{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: \
					arn:aws:sts::123456789012:assumed-role/tenant-data/tenant-acme is not authorized to perform: \
					dynamodb:GetItem on resource: arn:aws:dynamodb:eu-central-1:123456789012:table/items because no \
					session policy allows the dynamodb:GetItem action"}""");
		}
		return response(200, "application/x-amz-json-1.0", "{}");
	}

	private static HttpExecuteResponse response(int status, String contentType, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return HttpExecuteResponse.builder()
			.response(SdkHttpResponse.builder()
				.statusCode(status)
				.putHeader("Content-Type", contentType)
				.putHeader("Content-Length", String.valueOf(bytes.length))
				.putHeader("x-amzn-RequestId", "stub")
				.build())
			.responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
			.build();
	}

	@Override
	public void close() {
	}

}
