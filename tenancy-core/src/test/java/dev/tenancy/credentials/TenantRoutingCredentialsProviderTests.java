package dev.tenancy.credentials;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * TH-7: without a tenant scope no credentials are resolved and no request is sent; there is no fallback to
 * the application's base credentials. Also shows how the routing provider behaves inside a {@link DynamoDbClient}.
 */
class TenantRoutingCredentialsProviderTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private static final GetItemRequest GET_ITEM = GetItemRequest.builder()
		.tableName("app")
		.key(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#p-1")))
		.build();

	private final FakeStsClient sts = new FakeStsClient();

	private final StsTenantCredentialsProvider tenantCredentials = StsTenantCredentialsProvider.builder()
		.stsClient(this.sts)
		.roleArn(StsTenantCredentialsProviderTests.ROLE_ARN)
		.sessionPolicy(StsTenantCredentialsProviderTests::policyFor)
		.build();

	private final TenantRoutingCredentialsProvider routing = TenantRoutingCredentialsProvider
		.create(this.tenantCredentials);

	private final StubHttpClient dynamoDbHttp = new StubHttpClient().then(200, "application/x-amz-json-1.0", "{}");

	// The endpoint is never reached: the stub HTTP client answers, and records whatever would have been sent.
	private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
		.region(Region.US_EAST_1)
		.endpointOverride(URI.create("http://127.0.0.1:9"))
		.httpClient(this.dynamoDbHttp)
		.credentialsProvider(this.routing)
		.build();

	@AfterEach
	void close() {
		this.dynamoDb.close();
		this.tenantCredentials.close();
	}

	@Test
	@DisplayName("TH-7: no tenant scope -> MissingTenantException, no STS call")
	void th7NoScopeFailsClosed() {
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(this.routing::resolveCredentials)
			.withMessageContaining("No tenant is bound to thread '" + Thread.currentThread().getName() + "'")
			.withMessageContaining("resolving the AWS credentials of a tenant-scoped AWS call");
		assertThat(this.sts.calls()).isZero();
		assertThat(this.tenantCredentials.cachedTenants()).isZero();
	}

	@Test
	void resolvesTheCredentialsOfTheCurrentTenant() {
		String acme = TenantContext.callAs(ACME, () -> this.routing.resolveCredentials().accessKeyId());
		String globex = TenantContext.callAs(GLOBEX, () -> this.routing.resolveCredentials().accessKeyId());
		String acmeAgain = TenantContext.callAs(ACME, () -> this.routing.resolveCredentials().accessKeyId());

		assertThat(acme).isEqualTo("ASIA-tenant-acme-1");
		assertThat(globex).isEqualTo("ASIA-tenant-globex-2");
		assertThat(acmeAgain).isEqualTo(acme);
		assertThat(this.sts.requests).extracting(AssumeRoleRequest::roleSessionName)
			.containsExactly("tenant-acme", "tenant-globex");
	}

	@Test
	@DisplayName("TH-7: a DynamoDbClient call without tenant scope throws MissingTenantException itself, before any "
			+ "HTTP request")
	void th7DynamoDbCallWithoutScopeFailsBeforeAnyHttpRequest() {
		// The SDK resolves credentials in DynamoDbAuthSchemeInterceptor.beforeExecution, on the caller's thread,
		// and rethrows the provider's RuntimeException unwrapped.
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> this.dynamoDb.getItem(GET_ITEM))
			.withMessageContaining("resolving the AWS credentials of a tenant-scoped AWS call")
			.withNoCause();
		assertThat(this.dynamoDbHttp.requests).isEmpty();
		assertThat(this.sts.calls()).isZero();
	}

	@Test
	void oneDynamoDbClientSignsEachRequestWithItsTenantsSession() {
		try (TenantScope ignored = TenantContext.open(ACME)) {
			this.dynamoDb.getItem(GET_ITEM);
		}
		try (TenantScope ignored = TenantContext.open(GLOBEX)) {
			this.dynamoDb.getItem(GET_ITEM);
		}

		assertThat(this.dynamoDbHttp.requests).hasSize(2);
		assertThat(this.dynamoDbHttp.requests.get(0).request().firstMatchingHeader("Authorization"))
			.hasValueSatisfying((value) -> assertThat(value).contains("Credential=ASIA-tenant-acme-1/"));
		assertThat(this.dynamoDbHttp.requests.get(0).request().firstMatchingHeader("X-Amz-Security-Token"))
			.hasValue("token-tenant-acme-1");
		assertThat(this.dynamoDbHttp.requests.get(1).request().firstMatchingHeader("Authorization"))
			.hasValueSatisfying((value) -> assertThat(value).contains("Credential=ASIA-tenant-globex-2/"));
		assertThat(this.dynamoDbHttp.requests.get(1).request().firstMatchingHeader("X-Amz-Security-Token"))
			.hasValue("token-tenant-globex-2");
	}

	@Test
	@DisplayName("TH-10: a DynamoDbClient call whose tenant has no session throws TenantCredentialsUnavailableException "
			+ "itself, before any HTTP request")
	void th10DynamoDbCallWithoutSessionFailsBeforeAnyHttpRequest() {
		this.sts.fail(FakeStsClient.stsError("AccessDenied", 403, "not authorized to perform: sts:AssumeRole"));

		try (TenantScope ignored = TenantContext.open(ACME)) {
			assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
				.isThrownBy(() -> this.dynamoDb.getItem(GET_ITEM))
				.withMessageContaining("tenant 'acme'")
				.withMessageContaining("STS answered 'AccessDenied'")
				.satisfies((ex) -> assertThat(ex.getTenant()).isEqualTo(ACME));
		}
		assertThat(this.dynamoDbHttp.requests).isEmpty();
	}

	@Test
	void requiresATenantCredentialsProvider() {
		assertThatIllegalArgumentException().isThrownBy(() -> TenantRoutingCredentialsProvider.create(null))
			.withMessage("TenantCredentialsProvider must not be null");
	}

}
