package dev.tenancy.credentials;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;

/**
 * An {@link AwsCredentialsProvider} that resolves, on every call, the credentials of the tenant bound to the calling
 * thread by {@link TenantContext}. One SDK client configured with it (one HTTP connection pool) serves every tenant,
 * each request signed with its own tenant's STS session:
 *
 * <pre>{@code
 * DynamoDbClient dynamoDb = DynamoDbClient.builder()
 *         .credentialsProvider(TenantRoutingCredentialsProvider.create(tenantCredentials))
 *         .build();
 * }</pre>
 *
 * The SDK resolves credentials per request on the caller's thread, before anything is sent. Without a tenant scope
 * the call fails with {@link MissingTenantException} before any connection is made; there is no fallback to the
 * application's base credentials. When the tenant has no valid session and none can be obtained, the
 * call fails with {@link TenantCredentialsUnavailableException}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantRoutingCredentialsProvider implements AwsCredentialsProvider {

	private static final String OPERATION = "resolving the AWS credentials of a tenant-scoped AWS call";

	private final TenantCredentialsProvider tenantCredentials;

	private TenantRoutingCredentialsProvider(TenantCredentialsProvider tenantCredentials) {
		this.tenantCredentials = tenantCredentials;
	}

	/**
	 * Create a provider routing to the sessions of the given tenant credentials provider.
	 * @param tenantCredentials the per-tenant sessions, must not be {@literal null}; not closed by this provider
	 * @return the routing provider
	 */
	public static TenantRoutingCredentialsProvider create(TenantCredentialsProvider tenantCredentials) {
		if (tenantCredentials == null) {
			throw new IllegalArgumentException("TenantCredentialsProvider must not be null");
		}
		return new TenantRoutingCredentialsProvider(tenantCredentials);
	}

	@Override
	public AwsCredentials resolveCredentials() {
		TenantId tenant = TenantContext.require(OPERATION);
		return this.tenantCredentials.forTenant(tenant).resolveCredentials();
	}

	/**
	 * Drop the tenant's cached sessions in the provider this one routes to
	 * ({@link TenantCredentialsProvider#evict(TenantId)}).
	 * @param tenant the tenant, must not be {@literal null}
	 */
	public void evict(TenantId tenant) {
		this.tenantCredentials.evict(tenant);
	}

	@Override
	public String toString() {
		return "TenantRoutingCredentialsProvider[" + this.tenantCredentials + "]";
	}

}
