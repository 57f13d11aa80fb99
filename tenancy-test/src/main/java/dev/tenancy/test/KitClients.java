package dev.tenancy.test;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.RoleSessionRules;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * The AWS SDK clients of a {@link TenancyTestKit}: clients of the gateway and of the STS on the kit's shared HTTP
 * client, the base identity's own clients, tenant sessions assumed as a token vending machine does, and the start-up
 * check of the signing chain.
 *
 * @author tenancy
 * @since 0.2
 */
final class KitClients {

	private final KitProcesses processes;

	private final KitResources resources;

	private final DynamoDbClient baseDynamoDbClient;

	private final StsClient baseStsClient;

	KitClients(KitProcesses processes, KitResources resources) {
		this.processes = processes;
		this.resources = resources;
		StaticCredentialsProvider base = StaticCredentialsProvider.create(processes.baseIdentity().credentials());
		this.baseDynamoDbClient = dynamoDbClient(base);
		this.baseStsClient = stsClient(base);
	}

	/**
	 * Warm up the chain and fail fast if it is broken: DynamoDB Local directly, then SigV4 through the gateway with
	 * the base credentials, which must be authenticated and then either allowed or denied by the base identity's
	 * policy (the default policy denies every DynamoDB action).
	 * @param kitName the kit's name, for the failure message
	 */
	void warmUp(String kitName) {
		this.processes.adminClient().listTables();
		try {
			this.baseDynamoDbClient.listTables();
		}
		catch (DynamoDbException ex) {
			String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : null;
			String denial = "User: " + TenancyTestKit.BASE_USER_ARN
					+ " is not authorized to perform: dynamodb:ListTables";
			boolean baseIdentityDenied = ex.statusCode() == 400 && message != null && message.startsWith(denial);
			if (!baseIdentityDenied) {
				throw new IllegalStateException(String.format("Tenancy test kit '%s' did not start: a ListTables "
						+ "request signed with the base credentials through the gateway failed with %s instead of "
						+ "being allowed or denied by the base identity's policy.", kitName, ex), ex);
			}
		}
	}

	DynamoDbClient baseDynamoDbClient() {
		return this.baseDynamoDbClient;
	}

	StsClient baseStsClient() {
		return this.baseStsClient;
	}

	DynamoDbClientBuilder dynamoDbClientBuilder() {
		return DynamoDbClient.builder()
			.endpointOverride(this.processes.gateway().endpoint())
			.region(TenancyTestKit.REGION)
			.httpClient(this.processes.httpClient());
	}

	StsClientBuilder stsClientBuilder() {
		return StsClient.builder()
			.endpointOverride(this.processes.sts().endpoint())
			.region(TenancyTestKit.REGION)
			.httpClient(this.processes.httpClient());
	}

	DynamoDbClient dynamoDbClient(AwsCredentialsProvider credentials) {
		return this.resources.track(dynamoDbClientBuilder().credentialsProvider(credentials).build());
	}

	StsClient stsClient(AwsCredentialsProvider credentials) {
		return this.resources.track(stsClientBuilder().credentialsProvider(credentials).build());
	}

	/**
	 * AssumeRole the tenant role with the base credentials: role session name {@code tenant-<id>}, session tag
	 * {@code tenant=<id>}, the given session policy, one hour.
	 * @param tenant the tenant
	 * @param sessionPolicy the inline session policy JSON, or {@literal null} for none
	 * @return the session's credentials
	 */
	AwsSessionCredentials assumeTenantRole(TenantId tenant, @Nullable String sessionPolicy) {
		AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
			.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
			.roleSessionName(RoleSessionRules.roleSessionName(tenant))
			.tags(Tag.builder().key(TenancyTestKit.TENANT_TAG).value(tenant.value()).build())
			.durationSeconds(3600);
		if (sessionPolicy != null) {
			request.policy(sessionPolicy);
		}
		AssumeRoleResponse response = this.baseStsClient.assumeRole(request.build());
		return AwsSessionCredentials.builder()
			.accessKeyId(response.credentials().accessKeyId())
			.secretAccessKey(response.credentials().secretAccessKey())
			.sessionToken(response.credentials().sessionToken())
			.expirationTime(response.credentials().expiration())
			.accountId(TenancyTestKit.ACCOUNT_ID)
			.build();
	}

}
