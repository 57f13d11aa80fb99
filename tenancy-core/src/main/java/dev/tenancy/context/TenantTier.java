package dev.tenancy.context;

/**
 * Where a tenant's items live. Both tiers use the same entities, keys and repositories; only the table differs.
 *
 * @author tenancy
 * @since 0.3
 * @see TenantTierResolver
 */
public enum TenantTier {

	/**
	 * The tenant shares the tables with the other pooled tenants; its session policy confines it to its own partition
	 * keys ({@code dynamodb:LeadingKeys}).
	 */
	POOL,

	/**
	 * The tenant has tables of its own, named by a silo table template (for example {@code app-acme}); its session
	 * policy grants only those tables, still confined to its own partition keys.
	 */
	SILO

}
