package dev.tenancy.test;

import java.util.List;

import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.dynamodb.LocalDynamoDb;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import dev.tenancy.test.gateway.IamGateway;
import dev.tenancy.test.gateway.IamPolicyAuthorizer;
import dev.tenancy.test.sts.IssuedSession;
import dev.tenancy.test.sts.LocalSts;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local processes of a {@link TenancyTestKit} and what wires them: DynamoDB Local, the local STS with the base
 * identity and the roles, the shared HTTP client, the admin client of DynamoDB Local and the IAM-enforcing gateway in
 * front of it. Everything started is registered with the kit's {@link KitResources}.
 *
 * @author tenancy
 * @since 0.2
 */
final class KitProcesses {

	private final LocalDynamoDb dynamoDb;

	private final long dynamoDbReadyNanos;

	private final IssuedSession baseIdentity;

	private final List<String> baseIdentityPolicies;

	private final LocalSts sts;

	private final SdkHttpClient httpClient;

	private final DynamoDbClient adminClient;

	private final IamGateway gateway;

	private KitProcesses(String name, KitOptions options, KitResources resources) {
		this.dynamoDb = resources.register(options.dynamoDb().apply(name + "-dynamodb-local"));
		this.dynamoDbReadyNanos = System.nanoTime();
		this.baseIdentity = IssuedSession.baseIdentity(options.baseCredentials().accessKeyId(),
				options.baseCredentials().secretAccessKey(), TenancyTestKit.BASE_USER_ARN, options.clock().instant());
		this.baseIdentityPolicies = List.copyOf(options.baseIdentityPolicies());
		LocalSts.Builder stsBuilder = LocalSts.builder()
			.accountId(TenancyTestKit.ACCOUNT_ID)
			.clock(options.clock())
			.port(options.stsPort())
			.threadName(name + "-sts")
			.baseIdentity(this.baseIdentity, this.baseIdentityPolicies.toArray(String[]::new))
			.role(KitPolicies.tenantRole());
		options.roles().forEach(stsBuilder::role);
		this.sts = resources.register(stsBuilder.start());
		this.httpClient = resources.register(ApacheHttpClient.builder().maxConnections(128).build());
		this.adminClient = resources.track(DynamoDbClient.builder()
			.endpointOverride(this.dynamoDb.endpoint())
			.region(TenancyTestKit.REGION)
			.credentialsProvider(StaticCredentialsProvider.create(options.baseCredentials()))
			.httpClient(this.httpClient)
			.build());
		GatewayAuthorizer authorizer = (options.authorizer() != null) ? options.authorizer()
				: new IamPolicyAuthorizer(this.sts, this.adminClient,
						ResourceArns.of("aws", TenancyTestKit.REGION.id(), TenancyTestKit.ACCOUNT_ID));
		this.gateway = resources.register(IamGateway.builder()
			.upstream(this.dynamoDb.endpoint())
			.sts(this.sts)
			.authorizer(authorizer)
			.port(options.gatewayPort())
			.threadName(name + "-gateway")
			.start());
	}

	/**
	 * Start the processes in order; on failure, what was started stays registered with {@code resources} for the
	 * caller to close.
	 * @param name the kit's name, the prefix of the processes' thread names
	 * @param options the kit's settings
	 * @param resources where to register what is started
	 * @return the started processes
	 */
	static KitProcesses start(String name, KitOptions options, KitResources resources) {
		return new KitProcesses(name, options, resources);
	}

	LocalDynamoDb dynamoDb() {
		return this.dynamoDb;
	}

	/**
	 * @return the {@link System#nanoTime()} at which DynamoDB Local was ready
	 */
	long dynamoDbReadyNanos() {
		return this.dynamoDbReadyNanos;
	}

	IssuedSession baseIdentity() {
		return this.baseIdentity;
	}

	List<String> baseIdentityPolicies() {
		return this.baseIdentityPolicies;
	}

	LocalSts sts() {
		return this.sts;
	}

	SdkHttpClient httpClient() {
		return this.httpClient;
	}

	/**
	 * @return the unscoped client of DynamoDB Local, bypassing the gateway
	 */
	DynamoDbClient adminClient() {
		return this.adminClient;
	}

	IamGateway gateway() {
		return this.gateway;
	}

}
