package dev.tenancy.context;

/**
 * Told by a {@link TenantTierRegistry} that a tenant changed tier, synchronously on the thread that made the change,
 * after the registry answers with the new tier. Caches of the tenant's table, session or policy use it to drop what
 * they hold for the tenant.
 *
 * @author tenancy
 * @since 0.4
 */
@FunctionalInterface
public interface TenantTierListener {

	/**
	 * @param tenant the tenant
	 * @param from its tier before the change
	 * @param to its tier now, never the same as {@code from}
	 */
	void tierChanged(TenantId tenant, TenantTier from, TenantTier to);

}
