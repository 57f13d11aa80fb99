package dev.tenancy.credentials;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import dev.tenancy.context.TenantId;

/**
 * Supplies the AWS credentials of one tenant's STS session.
 * <p>
 * Implementations fail closed: credentials are those of the tenant's own session or none at all, never the
 * application's base credentials (TH-7, TH-10). Closing the provider releases every cached session.
 *
 * @author tenancy
 * @since 0.1
 * @see StsTenantCredentialsProvider
 * @see TenantRoutingCredentialsProvider
 */
public interface TenantCredentialsProvider extends SdkAutoCloseable {

	/**
	 * Return the credentials provider of the given tenant's session. Obtaining it is cheap and does not call STS;
	 * its {@link AwsCredentialsProvider#resolveCredentials()} returns the session's current credentials, fetching
	 * them on first use and throwing {@link TenantCredentialsUnavailableException} when no valid session can be
	 * obtained.
	 * @param tenant the tenant, must not be {@literal null}
	 * @return the tenant's credentials provider, never {@literal null}
	 * @throws TenantCredentialsUnavailableException if no session can be set up for the tenant (for example, the
	 * session policy cannot be built)
	 * @throws IllegalStateException if this provider has been closed
	 */
	AwsCredentialsProvider forTenant(TenantId tenant);

	/**
	 * Drop every cached session of the tenant and close it, so that the tenant's next request assumes a new session
	 * with the session policy of that moment (for example after the tenant changed tier). Requests already holding
	 * a session from {@link #forTenant(TenantId)} finish with it. Other tenants' sessions are untouched; a tenant
	 * without a cached session is a no-op.
	 * @param tenant the tenant, must not be {@literal null}
	 */
	void evict(TenantId tenant);

	/**
	 * @return the ARN of the role whose sessions this provider hands out, for health and diagnostics, or
	 * {@literal null} if it does not assume a role
	 */
	default @Nullable String roleArn() {
		return null;
	}

	/**
	 * @return the approximate number of cached tenant sessions, for metrics and health ({@code 0} if the provider
	 * caches none)
	 */
	default long cachedTenants() {
		return 0;
	}

}
