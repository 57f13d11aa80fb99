package dev.tenancy.test.attacks;

import java.util.function.Consumer;

import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The application's side of the walls: the shared tenant-scoped client of {@link TenantScopedDynamoDbClientFactory}
 * in {@link IsolationMode#IAM}, with the client-side guard evaluating the generated policies and each tenant's STS
 * session vended by the kit's local STS with the generated session policy, talking to a kit's gateway.
 *
 * @author tenancy
 * @since 0.1
 */
final class GuardedClient implements AutoCloseable {

	private final TenantCredentialsProvider credentials;

	private final TenantScopedDynamoDbClientFactory factory;

	private GuardedClient(TenantCredentialsProvider credentials, TenantScopedDynamoDbClientFactory factory) {
		this.credentials = credentials;
		this.factory = factory;
	}

	/**
	 * A guarded client whose tenant sessions come from the kit's STS with the policies' session policy.
	 * @param kit the kit (its gateway decides whether the IAM wall is enforcing or permissive)
	 * @param policies the generated policies
	 * @return the client; close it
	 */
	static GuardedClient create(TenancyTestKit kit, TenancyPolicies policies) {
		StsTenantCredentialsProvider credentials = StsTenantCredentialsProvider.builder()
			.stsClient(kit.stsClient())
			.ownsStsClient(false)
			.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
			.tenantTagKey(TenancyTestKit.TENANT_TAG)
			.sessionPolicy(policies::sessionPolicyJson)
			.build();
		return create(kit, policies, credentials, kit.httpClient(), (builder) -> {
		});
	}

	/**
	 * A guarded client with the given tenant credentials and HTTP client (for forged credentials and tampering).
	 * @param kit the kit
	 * @param policies the generated policies the guard evaluates
	 * @param credentials the tenant credentials; closed with this client
	 * @param httpClient the HTTP client
	 * @param customizer further customization of the SDK client
	 * @return the client; close it
	 */
	static GuardedClient create(TenancyTestKit kit, TenancyPolicies policies, TenantCredentialsProvider credentials,
			SdkHttpClient httpClient, Consumer<DynamoDbClientBuilder> customizer) {
		TenantRequestGuard guard = new TenantRequestGuard(
				new DynamoDbRequestContextExtractor(policies.arns(), policies.keySchema()), PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, TenancyTestKit.TENANT_ROLE_ARN, TenancyTestKit.TENANT_TAG, 100),
				(tenant, operation, decision) -> {
				}, policies.keyTemplate());
		TenantScopedDynamoDbClientFactory factory = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.IAM)
			.httpClient(httpClient)
			.region(kit.region())
			.endpointOverride(kit.dynamoDbEndpoint())
			.tenantCredentials(credentials)
			.guard(guard)
			.customizer(customizer)
			.build();
		return new GuardedClient(credentials, factory);
	}

	/**
	 * @return the tenant-scoped client; use it inside a tenant scope
	 */
	DynamoDbClient client() {
		return this.factory.client();
	}

	@Override
	public void close() {
		this.factory.close();
		this.credentials.close();
	}

}
