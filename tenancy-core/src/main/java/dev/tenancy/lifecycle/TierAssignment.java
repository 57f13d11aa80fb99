package dev.tenancy.lifecycle;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;

/**
 * Switches a tenant's tier, the step of a move after which the tenant's requests address the target tier. The
 * implementation must make the tenant's next requests use the new tier, with sessions and compiled policies of the
 * new tier (evicting the cached ones), for example {@code TenantTierRegistry::assign}. It must be idempotent: a
 * resumed move may assign the same tier again.
 *
 * @author tenancy
 * @since 0.4
 */
@FunctionalInterface
public interface TierAssignment {

	/**
	 * @param tenant the tenant
	 * @param tier its new tier
	 */
	void assign(TenantId tenant, TenantTier tier);

}
