package dev.tenancy.dynamodb;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierListener;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.credentials.TenantCredentialsProvider;

import org.springframework.util.Assert;

/**
 * Makes a tier change take effect for the tenant's next request: on {@link #tierChanged} it drops the tenant's cached
 * STS sessions (every access variant) and the guard's compiled session policies, so that both are built again with
 * the session policy of the new tier. The tenant's table needs nothing: it is decided per request from the
 * {@link TenantTierRegistry}. Register it with {@link TenantTierRegistry#addListener(TenantTierListener)}; the
 * starter does.
 * <p>
 * A request that obtained its session or its table before the change finishes with them; IAM and the guard deny it
 * what the policy it carries does not allow.
 *
 * @author tenancy
 * @since 0.4
 */
public final class TierChangeEviction implements TenantTierListener {

	private static final Log logger = LogFactory.getLog(TierChangeEviction.class);

	private final TenantRequestGuard guard;

	private final List<TenantCredentialsProvider> credentials;

	/**
	 * @param guard the guard of the tenant-scoped client, must not be {@literal null}
	 * @param credentials the tenant sessions the client signs with, or {@literal null} without them (isolation mode
	 * {@link IsolationMode#APPLICATION})
	 */
	public TierChangeEviction(TenantRequestGuard guard, @Nullable TenantCredentialsProvider credentials) {
		this(guard, (credentials != null) ? List.of(credentials) : List.of());
	}

	/**
	 * @param guard the guard of the tenant-scoped client, must not be {@literal null}
	 * @param credentials every provider of tenant sessions to evict from, empty without them
	 */
	public TierChangeEviction(TenantRequestGuard guard, List<? extends TenantCredentialsProvider> credentials) {
		Assert.notNull(guard, "Guard must not be null");
		Assert.noNullElements(credentials, "Credentials must not contain null");
		this.guard = guard;
		this.credentials = List.copyOf(credentials);
	}

	/**
	 * Drop the tenant's cached sessions and compiled policies.
	 * @param tenant the tenant
	 * @param from its previous tier
	 * @param to its new tier
	 */
	@Override
	public void tierChanged(TenantId tenant, TenantTier from, TenantTier to) {
		this.guard.evict(tenant);
		this.credentials.forEach((provider) -> provider.evict(tenant));
		if (logger.isInfoEnabled()) {
			logger.info(String.format("Tenant '%s' moved from tier %s to %s; its cached STS sessions and compiled "
					+ "session policies were dropped.", tenant, from, to));
		}
	}

	@Override
	public String toString() {
		return "TierChangeEviction[" + this.credentials + "]";
	}

}
