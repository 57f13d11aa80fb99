package dev.tenancy.test.attacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static dev.tenancy.test.attacks.AttackTable.NAME;
import static dev.tenancy.test.attacks.AttackTable.item;
import static dev.tenancy.test.attacks.AttackTable.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * TH-11, expired or forged credentials, over all nine item operations. Each operation targets acme's own
 * partition, which acme's genuine session may use, so a rejection can only come from authentication.
 * <p>
 * Only the IAM wall authenticates: the client-side guard evaluates the request, not the credentials it is signed
 * with, so it allows these requests (they are for the tenant's own keys) and there is no {@link Layer#GUARD_ALONE}
 * case; even the kit's permissive gateway authenticates. {@link Layer#GATEWAY_ALONE} is a plain SDK client signed with
 * the forged credentials; {@link Layer#BOTH} is the guarded client whose tenant credentials (or HTTP client, for
 * tampering) are forged: the guard passes the request and the gateway rejects it exactly as DynamoDB does. Nothing is
 * forwarded to DynamoDB and nothing is written.
 */
@TenancyTest
class CredentialAttackTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private static final String OWN = "TENANT#acme";

	private static final String INVALID_SIGNATURE = "The request signature we calculated does not match the "
			+ "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
			+ "documentation for details.";

	private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

	private static final TenancyPolicies POLICIES = AttackTable.policies(null);

	private static TenancyTestKit kit;

	@BeforeAll
	static void createTable(TenancyTestKit testKit) {
		kit = testKit;
		AttackTable.create(kit);
	}

	/**
	 * How the attacker's credentials or request are forged, and how DynamoDB answers.
	 */
	enum Forgery {

		/** The right access key and session token, a wrong secret. */
		WRONG_SECRET("InvalidSignatureException", INVALID_SIGNATURE),

		/** An access key STS never issued. */
		UNKNOWN_ACCESS_KEY("UnrecognizedClientException", INVALID_TOKEN),

		/** acme's access key and secret with the session token of globex's session. */
		FOREIGN_SESSION_TOKEN("UnrecognizedClientException", INVALID_TOKEN),

		/** acme's genuine credentials after the session expired. */
		EXPIRED_SESSION("ExpiredTokenException", "The security token included in the request is expired"),

		/** acme's genuine credentials, the body changed on the wire after signing to target tenant emca. */
		BODY_TAMPERED_AFTER_SIGNING("InvalidSignatureException", INVALID_SIGNATURE);

		private final String errorCode;

		private final String errorMessage;

		Forgery(String errorCode, String errorMessage) {
			this.errorCode = errorCode;
			this.errorMessage = errorMessage;
		}

		AwsCredentials credentials() {
			AwsSessionCredentials issued = kit.assumeTenantRole(ACME, POLICIES.sessionPolicyJson(ACME));
			return switch (this) {
				case WRONG_SECRET -> AwsSessionCredentials.create(issued.accessKeyId(),
						"forged" + issued.secretAccessKey().substring(6), issued.sessionToken());
				case UNKNOWN_ACCESS_KEY -> AwsSessionCredentials.create("ASIA" + "Z".repeat(16),
						issued.secretAccessKey(), issued.sessionToken());
				case FOREIGN_SESSION_TOKEN -> AwsSessionCredentials.create(issued.accessKeyId(),
						issued.secretAccessKey(),
						kit.assumeTenantRole(GLOBEX, POLICIES.sessionPolicyJson(GLOBEX)).sessionToken());
				case EXPIRED_SESSION -> {
					kit.sts().expire(issued.accessKeyId());
					yield issued;
				}
				case BODY_TAMPERED_AFTER_SIGNING -> issued;
			};
		}

		SdkHttpClient httpClient() {
			return (this == BODY_TAMPERED_AFTER_SIGNING) ? new TamperingHttpClient(kit.httpClient(), OWN, "TENANT#emca")
					: kit.httpClient();
		}

	}

	/**
	 * The nine item operations on acme's own partition.
	 */
	enum Operation {

		GET_ITEM((c) -> c.getItem((r) -> r.tableName(NAME).key(key(OWN)))),

		PUT_ITEM((c) -> c.putItem((r) -> r.tableName(NAME).item(item(OWN, "PROJECT#9", "forged")))),

		UPDATE_ITEM((c) -> c.updateItem((r) -> r.tableName(NAME).key(key(OWN)).updateExpression("SET payload = :p")
			.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("forged"))))),

		DELETE_ITEM((c) -> c.deleteItem((r) -> r.tableName(NAME).key(key(OWN)))),

		QUERY((c) -> c.query((r) -> r.tableName(NAME).keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(OWN))))),

		BATCH_GET_ITEM((c) -> c.batchGetItem((r) -> r
			.requestItems(Map.of(NAME, KeysAndAttributes.builder().keys(key(OWN)).build())))),

		BATCH_WRITE_ITEM((c) -> c.batchWriteItem((r) -> r.requestItems(Map.of(NAME, List.of(WriteRequest.builder()
			.putRequest((p) -> p.item(item(OWN, "PROJECT#9", "forged"))).build()))))),

		TRANSACT_GET_ITEMS((c) -> c.transactGetItems((r) -> r
			.transactItems(TransactGetItem.builder().get((g) -> g.tableName(NAME).key(key(OWN))).build()))),

		TRANSACT_WRITE_ITEMS((c) -> c.transactWriteItems((r) -> r.transactItems(
				TransactWriteItem.builder().conditionCheck((k) -> k.tableName(NAME).key(key(OWN))
					.conditionExpression("attribute_exists(pk)")).build(),
				TransactWriteItem.builder().put((p) -> p.tableName(NAME).item(item(OWN, "PROJECT#9", "forged")))
					.build())));

		private final Consumer<DynamoDbClient> call;

		Operation(Consumer<DynamoDbClient> call) {
			this.call = call;
		}

	}

	static Stream<Arguments> forgeriesAndOperations() {
		return Stream.of(Forgery.values())
			.flatMap((forgery) -> Stream.of(Operation.values())
				.flatMap((operation) -> Stream.of(Layer.GATEWAY_ALONE, Layer.BOTH)
					.map((layer) -> Arguments.of(forgery, operation, layer))));
	}

	@ParameterizedTest(name = "TH-11 {0} on {1} is rejected by the gateway [{2}]")
	@MethodSource("forgeriesAndOperations")
	void forgedCredentialsAreRejected(Forgery forgery, Operation operation, Layer layer) {
		AttackTable.reset(kit);
		AwsCredentials credentials = forgery.credentials();
		long forwarded = kit.gateway().forwardedCount();
		long rejected = kit.gateway().rejectedCount();

		Throwable thrown = catchThrowable(
				() -> runWith(layer, StaticCredentialsProvider.create(credentials), forgery.httpClient(), operation));

		assertThat(thrown).isInstanceOf(DynamoDbException.class);
		DynamoDbException ex = (DynamoDbException) thrown;
		assertThat(ex.statusCode()).isEqualTo(400);
		assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(forgery.errorCode);
		assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo(forgery.errorMessage);
		assertThat(kit.gateway().forwardedCount()).as("forwarded to DynamoDB").isEqualTo(forwarded);
		assertThat(kit.gateway().rejectedCount()).as("rejected by the gateway").isEqualTo(rejected + 1);
		AttackTable.assertUnchanged(kit, forgery + " " + operation);
	}

	@ParameterizedTest(name = "TH-11 control: genuine session credentials pass {0} [{1}]")
	@MethodSource("operationsAtBothLayers")
	void genuineCredentialsPass(Operation operation, Layer layer) {
		AttackTable.reset(kit);
		AwsSessionCredentials genuine = kit.assumeTenantRole(ACME, POLICIES.sessionPolicyJson(ACME));
		long forwarded = kit.gateway().forwardedCount();

		runWith(layer, StaticCredentialsProvider.create(genuine), kit.httpClient(), operation);

		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwarded + 1);
	}

	static Stream<Arguments> operationsAtBothLayers() {
		return Stream.of(Operation.values())
			.flatMap((operation) -> Stream.of(Layer.GATEWAY_ALONE, Layer.BOTH)
				.map((layer) -> Arguments.of(operation, layer)));
	}

	private static void runWith(Layer layer, AwsCredentialsProvider credentials, SdkHttpClient http,
			Operation operation) {
		Consumer<DynamoDbClientBuilder> noRetries = (builder) -> builder.overrideConfiguration(builder
			.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
		if (layer == Layer.GATEWAY_ALONE) {
			DynamoDbClientBuilder builder = kit.dynamoDbClientBuilder()
				.httpClient(http)
				.credentialsProvider(credentials);
			noRetries.accept(builder);
			try (DynamoDbClient plain = builder.build()) {
				operation.call.accept(plain);
			}
			return;
		}
		try (GuardedClient guarded = GuardedClient.create(kit, POLICIES, new FixedTenantCredentials(credentials), http,
				noRetries)) {
			TenantContext.runAs(ACME, () -> operation.call.accept(guarded.client()));
		}
	}

	/**
	 * Tenant credentials that are always the given ones, as a compromised or buggy credential source would supply.
	 */
	private static final class FixedTenantCredentials implements TenantCredentialsProvider {

		private final AwsCredentialsProvider credentials;

		FixedTenantCredentials(AwsCredentialsProvider credentials) {
			this.credentials = credentials;
		}

		@Override
		public AwsCredentialsProvider forTenant(TenantId tenant) {
			return this.credentials;
		}

		@Override
		public void evict(TenantId tenant) {
		}

		@Override
		public void close() {
		}

	}

	/**
	 * Replaces text in the request body after the SDK signed the request, as an attacker on the wire would; the
	 * length stays the same because {@code Content-Length} is signed.
	 */
	private static final class TamperingHttpClient implements SdkHttpClient {

		private final SdkHttpClient delegate;

		private final String search;

		private final String replacement;

		TamperingHttpClient(SdkHttpClient delegate, String search, String replacement) {
			if (search.length() != replacement.length()) {
				throw new IllegalArgumentException("Keep the length, the Content-Length header is signed");
			}
			this.delegate = delegate;
			this.search = search;
			this.replacement = replacement;
		}

		@Override
		public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
			String body = request.contentStreamProvider()
				.map(TamperingHttpClient::read)
				.map((bytes) -> new String(bytes, StandardCharsets.UTF_8))
				.orElse("");
			String changed = body.replace(this.search, this.replacement);
			assertThat(changed).as("tampered body").isNotEqualTo(body);
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
