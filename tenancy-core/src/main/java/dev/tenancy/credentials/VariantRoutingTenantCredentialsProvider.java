package dev.tenancy.credentials;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.AccessVariantResolver;
import dev.tenancy.context.TenantId;

/**
 * Token vending per tenant <em>and</em> {@link AccessVariant}: each variant has its own sessions (its own session
 * policy and role session names), and each request is signed with the session of the variant the caller's principal
 * has, so that IAM itself refuses a column-restricted caller's request for an attribute its variant does not allow.
 * <p>
 * The variant is decided by the {@link AccessVariantResolver} when the SDK resolves the credentials of a request, on
 * the thread that sends it, where the tenant scope and the principal are bound. A variant without sessions fails
 * closed with {@link TenantCredentialsUnavailableException}; it never falls back to another variant's sessions.
 *
 * @author tenancy
 * @since 0.1
 */
public final class VariantRoutingTenantCredentialsProvider implements TenantCredentialsProvider {

	private final Map<AccessVariant, TenantCredentialsProvider> sessions;

	private final AccessVariantResolver resolver;

	/**
	 * @param sessions the sessions of each variant (closed with this provider), {@link AccessVariant#UNRESTRICTED}
	 * included if any caller may get it
	 * @param resolver decides the variant of the calling thread's principal
	 */
	public VariantRoutingTenantCredentialsProvider(Map<AccessVariant, ? extends TenantCredentialsProvider> sessions,
			AccessVariantResolver resolver) {
		Assert.notEmpty(sessions, "Sessions must not be empty");
		Assert.notNull(resolver, "Resolver must not be null");
		this.sessions = Map.copyOf(new LinkedHashMap<>(sessions));
		this.resolver = resolver;
	}

	@Override
	public AwsCredentialsProvider forTenant(TenantId tenant) {
		return sessions(tenant, this.resolver.resolve()).forTenant(tenant);
	}

	/**
	 * Drop the tenant's cached sessions of every variant.
	 * @param tenant the tenant, must not be {@literal null}
	 */
	@Override
	public void evict(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		this.sessions.values().forEach((provider) -> provider.evict(tenant));
	}

	/**
	 * @param variant a variant
	 * @return the sessions of that variant, or {@literal null} if it has none
	 */
	public @Nullable TenantCredentialsProvider sessions(AccessVariant variant) {
		return this.sessions.get(variant);
	}

	private TenantCredentialsProvider sessions(TenantId tenant, AccessVariant variant) {
		TenantCredentialsProvider provider = this.sessions.get(variant);
		if (provider == null) {
			throw new TenantCredentialsUnavailableException(tenant, String.valueOf(roleArn()), null,
					String.format("No STS sessions are configured for access variant '%s', which the caller of "
							+ "tenant '%s' has; no request is signed with another variant's credentials. Configure "
							+ "the variant's column restriction (variants: %s).", variant, tenant,
							this.sessions.keySet()),
					null);
		}
		return provider;
	}

	@Override
	public @Nullable String roleArn() {
		return this.sessions.values().iterator().next().roleArn();
	}

	/**
	 * @return the cached sessions of every variant
	 */
	@Override
	public long cachedTenants() {
		long sessions = 0;
		for (TenantCredentialsProvider provider : this.sessions.values()) {
			sessions += provider.cachedTenants();
		}
		return sessions;
	}

	@Override
	public void close() {
		RuntimeException failure = null;
		for (TenantCredentialsProvider provider : this.sessions.values()) {
			try {
				provider.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Override
	public String toString() {
		return "VariantRoutingTenantCredentialsProvider" + this.sessions;
	}

}
