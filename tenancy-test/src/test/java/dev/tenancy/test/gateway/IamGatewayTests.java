package dev.tenancy.test.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tenancy.context.TenantId;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import dev.tenancy.test.sts.IssuedSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IamGateway}: requests with expired or forged credentials are rejected like DynamoDB rejects them
 * (TH-11), authorizer denials are answered like IAM denials, and allowed requests pass unchanged.
 */
@TenancyTest
class IamGatewayTests {

	private static final String TABLE = "GatewayItems";

	private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

	private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void createTable(TenancyTestKit kit) {
		kit.createTable(TABLE, TestItem.SCHEMA);
	}

	@Test // TH-11
	@DisplayName("TH-11: a request signed correctly with STS-issued session credentials passes")
	void correctlySignedRequestPasses(TenancyTestKit kit) {
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("gw-ok"), null);
		try (DynamoDbClient client = client(kit, credentials, kit.httpClient())) {
			client.putItem((request) -> request.tableName(TABLE).item(item("TENANT#gw-ok", "signed")));
		}

		assertThat(stored(kit, "TENANT#gw-ok")).containsEntry("payload", AttributeValue.fromS("signed"));
	}

	@Test // TH-11
	@DisplayName("TH-11: a body changed after signing is rejected with InvalidSignatureException and not written")
	void bodyTamperedAfterSigningIsRejected(TenancyTestKit kit) {
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("gw-tamper"), null);
		SdkHttpClient tampering = new TamperingHttpClient(kit.httpClient(), "original", "tampered");
		try (DynamoDbClient client = client(kit, credentials, tampering)) {
			assertDynamoDbError(() -> client.putItem((request) -> request.tableName(TABLE)
				.item(item("TENANT#gw-tamper", "original"))), "InvalidSignatureException",
					"The request signature we calculated does not match the signature you provided. Check your AWS "
							+ "Secret Access Key and signing method. Consult the service documentation for details.");
		}

		assertThat(stored(kit, "TENANT#gw-tamper")).isEmpty();
	}

	@Test // TH-11
	@DisplayName("TH-11: a request signed with the wrong secret is rejected with InvalidSignatureException")
	void wrongSecretIsRejected(TenancyTestKit kit) {
		AwsSessionCredentials issued = kit.assumeTenantRole(TenantId.of("gw-secret"), null);
		AwsSessionCredentials forged = AwsSessionCredentials.create(issued.accessKeyId(),
				"forged" + issued.secretAccessKey().substring(6), issued.sessionToken());
		try (DynamoDbClient client = client(kit, forged, kit.httpClient())) {
			assertDynamoDbError(() -> client.putItem((request) -> request.tableName(TABLE)
				.item(item("TENANT#gw-secret", "forged"))), "InvalidSignatureException",
					"The request signature we calculated does not match the signature you provided. Check your AWS "
							+ "Secret Access Key and signing method. Consult the service documentation for details.");
		}

		assertThat(stored(kit, "TENANT#gw-secret")).isEmpty();
	}

	@Test // TH-11
	@DisplayName("TH-11: an unknown access key is rejected with UnrecognizedClientException")
	void unknownAccessKeyIsRejected(TenancyTestKit kit) {
		try (DynamoDbClient client = client(kit, AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "secret"),
				kit.httpClient())) {
			assertDynamoDbError(() -> client.listTables(), "UnrecognizedClientException",
					"The security token included in the request is invalid.");
		}
	}

	@Test // TH-11
	@DisplayName("TH-11: a session token that does not belong to the access key is rejected")
	void foreignSessionTokenIsRejected(TenancyTestKit kit) {
		AwsSessionCredentials first = kit.assumeTenantRole(TenantId.of("gw-token-a"), null);
		AwsSessionCredentials second = kit.assumeTenantRole(TenantId.of("gw-token-b"), null);
		AwsSessionCredentials mixed = AwsSessionCredentials.create(first.accessKeyId(), first.secretAccessKey(),
				second.sessionToken());
		try (DynamoDbClient client = client(kit, mixed, kit.httpClient())) {
			assertDynamoDbError(() -> client.listTables(), "UnrecognizedClientException",
					"The security token included in the request is invalid.");
		}
	}

	@Test // TH-11
	@DisplayName("TH-11: expired session credentials are rejected with ExpiredTokenException")
	void expiredSessionIsRejected(TenancyTestKit kit) {
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("gw-expired"), null);
		kit.sts().expire(credentials.accessKeyId());

		try (DynamoDbClient client = client(kit, credentials, kit.httpClient())) {
			assertDynamoDbError(() -> client.putItem((request) -> request.tableName(TABLE)
				.item(item("TENANT#gw-expired", "late"))), "ExpiredTokenException",
					"The security token included in the request is expired");
		}

		assertThat(stored(kit, "TENANT#gw-expired")).isEmpty();
	}

	@Test // TH-11
	@DisplayName("TH-11: error bodies have DynamoDB's JSON shape (lower-case 'message' for ExpiredTokenException)")
	void errorBodiesHaveDynamoDbsShape(TenancyTestKit kit) {
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("gw-shape"), null);
		kit.sts().expire(credentials.accessKeyId());

		HttpResponse<String> expired = send(kit.dynamoDbEndpoint(), "ListTables", "{}", credentials, null);
		assertThat(expired.statusCode()).isEqualTo(400);
		assertThat(expired.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#ExpiredTokenException\","
				+ "\"message\":\"The security token included in the request is expired\"}");
		assertThat(expired.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
		assertThat(expired.headers().firstValue("x-amzn-RequestId")).isPresent();

		HttpResponse<String> anonymous = sendUnsigned(kit.dynamoDbEndpoint(), "ListTables", "{}");
		assertThat(anonymous.statusCode()).isEqualTo(400);
		assertThat(anonymous.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#"
				+ "MissingAuthenticationTokenException\",\"message\":\"Request is missing Authentication Token\"}");
	}

	@Test // TH-11
	@DisplayName("TH-11: a raw request whose body was altered after SigV4 signing is rejected")
	void rawRequestAlteredAfterSigningIsRejected(TenancyTestKit kit) {
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("gw-raw"), null);
		String body = "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"TENANT#gw-raw\"},"
				+ "\"sk\":{\"S\":\"ITEM#1\"},\"payload\":{\"S\":\"signed\"}}}";

		HttpResponse<String> altered = send(kit.dynamoDbEndpoint(), "PutItem", body, credentials,
				body.replace("TENANT#gw-raw", "TENANT#gw-wat"));
		assertThat(altered.statusCode()).isEqualTo(400);
		assertThat(altered.body()).contains("com.amazon.coral.service#InvalidSignatureException");
		assertThat(stored(kit, "TENANT#gw-wat")).isEmpty();

		HttpResponse<String> intact = send(kit.dynamoDbEndpoint(), "PutItem", body, credentials, null);
		assertThat(intact.statusCode()).isEqualTo(200);
		assertThat(stored(kit, "TENANT#gw-raw")).containsEntry("payload", AttributeValue.fromS("signed"));
	}

	@Test
	void deniedRequestsAreAnsweredLikeIamDenialsAndNotForwarded(TenancyTestKit kit) {
		List<String> seen = new CopyOnWriteArrayList<>();
		GatewayAuthorizer denyPutItem = (session, operation, body) -> {
			seen.add(session.roleSessionName() + " " + operation + " " + new String(body, StandardCharsets.UTF_8));
			if (!operation.equals("PutItem")) {
				return null;
			}
			return "User: " + session.principalArn() + " is not authorized to perform: dynamodb:PutItem on resource: "
					+ "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE
					+ " because no session policy allows the dynamodb:PutItem action";
		};
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("gw-denied"), null);
		try (IamGateway gateway = IamGateway.builder()
			.upstream(kit.dynamoDbLocalEndpoint())
			.sts(kit.sts())
			.authorizer(denyPutItem)
			.threadName("denying-gateway")
			.start();
				DynamoDbClient client = kit.dynamoDbClientBuilder()
					.endpointOverride(gateway.endpoint())
					.credentialsProvider(StaticCredentialsProvider.create(credentials))
					.overrideConfiguration((o) -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
					.build()) {
			assertThatExceptionOfType(DynamoDbException.class).isThrownBy(() -> client.putItem((request) -> request
				.tableName(TABLE).item(item("TENANT#gw-denied", "denied")))).satisfies((ex) -> {
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
					assertThat(ex.statusCode()).isEqualTo(400);
					assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::123456789012:"
							+ "assumed-role/tenancy-tenant/tenant-gw-denied is not authorized to perform: "
							+ "dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/"
							+ TABLE + " because no session policy allows the dynamodb:PutItem action");
				});
			assertThat(client.listTables().tableNames()).contains(TABLE);
			assertThat(gateway.rejectedCount()).isEqualTo(1);
			assertThat(gateway.forwardedCount()).isEqualTo(1);
		}

		assertThat(stored(kit, "TENANT#gw-denied")).isEmpty();
		assertThat(seen).hasSize(2);
		assertThat(seen.get(0)).startsWith("tenant-gw-denied PutItem {").contains("TENANT#gw-denied");
		assertThat(seen.get(1)).startsWith("tenant-gw-denied ListTables ");
	}

	@Test
	void denialBodyUsesCapitalMessage(TenancyTestKit kit) {
		AwsSessionCredentials credentials = kit.assumeTenantRole(TenantId.of("gw-deny-shape"), null);
		try (IamGateway gateway = IamGateway.builder()
			.upstream(kit.dynamoDbLocalEndpoint())
			.sts(kit.sts())
			.authorizer((session, operation, body) -> "denied \"" + operation + "\"")
			.threadName("denying-gateway-shape")
			.start()) {
			HttpResponse<String> response = send(gateway.endpoint(), "ListTables", "{}", credentials, null);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\","
					+ "\"Message\":\"denied \\\"ListTables\\\"\"}");
		}
	}

	@Test
	@DisplayName("TH-25 (#12 §3 item 4): an X-Amz-Target that is not exactly a DynamoDB operation is "
			+ "UnknownOperationException, for tenant sessions and the base identity alike, and is not forwarded")
	void th25UnknownOperationNamesAreRejectedLikeDynamoDb(TenancyTestKit kit) {
		kit.adminDynamoDbClient()
			.putItem((request) -> request.tableName(TABLE).item(item("TENANT#gw-case", "secret")));
		String get = "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"TENANT#gw-case\"},"
				+ "\"sk\":{\"S\":\"ITEM#1\"}}}";
		AwsSessionCredentials tenant = kit.assumeTenantRole(TenantId.of("gw-case"), null);
		IssuedSession base = kit.sts().lookup(kit.baseCredentials().accessKeyId()).orElseThrow();
		for (AwsCredentials credentials : List.of(tenant, base.credentials())) {
			for (String operation : List.of("getitem", "GETITEM", "getItem", "DescribeStream")) {
				HttpResponse<String> response = send(kit.dynamoDbEndpoint(), operation, get, credentials, null);
				assertThat(response.statusCode()).as(operation).isEqualTo(400);
				assertThat(response.body()).as(operation)
					.startsWith("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"")
					.doesNotContain("secret");
			}
		}
		HttpResponse<String> exact = send(kit.dynamoDbEndpoint(), "GetItem", get, tenant, null);
		assertThat(exact.statusCode()).isEqualTo(200);
		assertThat(exact.body()).contains("secret");
	}

	@Test
	void allowedResponsesAreReturnedUnchanged(TenancyTestKit kit) {
		AwsSessionCredentials session = kit.assumeTenantRole(TenantId.of("gw-same"), null);
		kit.adminDynamoDbClient().putItem((request) -> request.tableName(TABLE).item(item("TENANT#gw-same", "same")));
		String get = "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"TENANT#gw-same\"},"
				+ "\"sk\":{\"S\":\"ITEM#1\"}}}";

		HttpResponse<String> viaGateway = send(kit.dynamoDbEndpoint(), "GetItem", get, session, null);
		HttpResponse<String> direct = send(kit.dynamoDbLocalEndpoint(), "GetItem", get, session, null);

		assertThat(viaGateway.statusCode()).isEqualTo(direct.statusCode()).isEqualTo(200);
		assertThat(viaGateway.body()).isEqualTo(direct.body()).contains("\"payload\":{\"S\":\"same\"}");
		for (String header : List.of("Content-Type", "x-amz-crc32")) {
			assertThat(viaGateway.headers().firstValue(header)).as(header)
				.isPresent()
				.isEqualTo(direct.headers().firstValue(header));
		}
		assertThat(viaGateway.headers().firstValue("x-amzn-RequestId")).isPresent();
	}

	private static DynamoDbClient client(TenancyTestKit kit, AwsCredentials credentials, SdkHttpClient http) {
		return kit.dynamoDbClientBuilder()
			.httpClient(http)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.overrideConfiguration((o) -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	private static void assertDynamoDbError(Runnable call, String code, String message) {
		assertThatExceptionOfType(DynamoDbException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(code);
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(message);
		});
	}

	private static Map<String, AttributeValue> item(String pk, String payload) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ITEM#1"), "payload",
				AttributeValue.fromS(payload));
	}

	private static Map<String, AttributeValue> stored(TenancyTestKit kit, String pk) {
		return kit.adminDynamoDbClient()
			.getItem((request) -> request.tableName(TABLE)
				.consistentRead(true)
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ITEM#1"))))
			.item();
	}

	/**
	 * Sign a DynamoDB request with the SDK's SigV4 signer, then send it (optionally with a different body) as is.
	 */
	private static HttpResponse<String> send(URI endpoint, String operation, String body, AwsCredentials credentials,
			@Nullable String sentBody) {
		AwsCredentialsIdentity identity = (credentials instanceof AwsSessionCredentials session)
				? AwsSessionCredentialsIdentity.create(session.accessKeyId(), session.secretAccessKey(),
						session.sessionToken())
				: AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
		SdkHttpRequest unsigned = request(endpoint, operation);
		SignedRequest signed = AwsV4HttpSigner.create().sign((request) -> request.identity(identity)
			.request(unsigned)
			.payload(ContentStreamProvider.fromUtf8String(body))
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
			.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
		return exchange(endpoint, signed.request(), (sentBody != null) ? sentBody : body);
	}

	private static HttpResponse<String> sendUnsigned(URI endpoint, String operation, String body) {
		return exchange(endpoint, request(endpoint, operation), body);
	}

	private static SdkHttpRequest request(URI endpoint, String operation) {
		return SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(endpoint)
			.encodedPath("/")
			.putHeader("Content-Type", "application/x-amz-json-1.0")
			.putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
			.build();
	}

	private static HttpResponse<String> exchange(URI endpoint, SdkHttpRequest request, String body) {
		HttpRequest.Builder raw = HttpRequest.newBuilder(endpoint.resolve("/"))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		request.forEachHeader((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> raw.header(name, value));
			}
		});
		try {
			return RAW.send(raw.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Replaces bytes of the request body after the SDK signed the request, as an attacker on the wire would.
	 */
	private static final class TamperingHttpClient implements SdkHttpClient {

		private final SdkHttpClient delegate;

		private final byte[] search;

		private final byte[] replacement;

		TamperingHttpClient(SdkHttpClient delegate, String search, String replacement) {
			if (search.length() != replacement.length()) {
				throw new IllegalArgumentException("Keep the length, the Content-Length header is signed");
			}
			this.delegate = delegate;
			this.search = search.getBytes(StandardCharsets.UTF_8);
			this.replacement = replacement.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
			byte[] body = request.contentStreamProvider().map(TamperingHttpClient::read).orElse(new byte[0]);
			String text = new String(body, StandardCharsets.UTF_8);
			String changed = text.replace(new String(this.search, StandardCharsets.UTF_8),
					new String(this.replacement, StandardCharsets.UTF_8));
			assertThat(changed).as("tampered body").isNotEqualTo(text);
			return this.delegate.prepareRequest(HttpExecuteRequest.builder()
				.request(request.httpRequest())
				.contentStreamProvider(ContentStreamProvider.fromUtf8String(changed))
				.metricCollector(request.metricCollector().orElse(null))
				.build());
		}

		private static byte[] read(ContentStreamProvider provider) {
			try {
				return provider.newStream().readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() {
		}

	}

}
