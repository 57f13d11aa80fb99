package dev.tenancy.keys;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one place that decides which physical table a tenant's request addresses: the pooled table for a
 * {@link TenantTier#POOL} tenant, the tenant's silo table ({@link SiloTableTemplate}) for a {@link TenantTier#SILO}
 * tenant. The template, the policies and the guard all ask it, so a tenant's requests, its session policy and the
 * guard's verdict always agree on the table.
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.3
 */
public final class TenantTables {

	private static final TenantTables POOLED = new TenantTables(TenantTierResolver.ALL_POOLED, null);

	private final TenantTierResolver resolver;

	private final @Nullable SiloTableTemplate siloTables;

	private TenantTables(TenantTierResolver resolver, @Nullable SiloTableTemplate siloTables) {
		this.resolver = resolver;
		this.siloTables = siloTables;
	}

	/**
	 * @return tables where every tenant is pooled
	 */
	public static TenantTables pooled() {
		return POOLED;
	}

	/**
	 * @param resolver decides each tenant's tier; must not be {@literal null}
	 * @param siloTables names the silo tenants' tables; must not be {@literal null}
	 * @return the tables
	 */
	public static TenantTables tiered(TenantTierResolver resolver, SiloTableTemplate siloTables) {
		Assert.notNull(resolver, "TenantTierResolver must not be null");
		Assert.notNull(siloTables, "SiloTableTemplate must not be null");
		return new TenantTables(resolver, siloTables);
	}

	/**
	 * @param tenant the tenant
	 * @return the tenant's tier
	 * @throws IllegalStateException if the resolver gives no tier
	 */
	public TenantTier tierOf(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		TenantTier tier = this.resolver.tierOf(tenant);
		Assert.state(tier != null, () -> "The TenantTierResolver gave no tier for tenant '" + tenant + "'; it must "
				+ "answer POOL or SILO for every tenant (or throw), never null.");
		return tier;
	}

	/**
	 * The physical table of a tenant.
	 * @param pooledTable the pooled table's name (the entity's table)
	 * @param tenant the tenant
	 * @return {@code pooledTable} for a pooled tenant, the tenant's silo table for a silo tenant
	 */
	public String tableName(String pooledTable, TenantId tenant) {
		if (this.siloTables == null || tierOf(tenant) == TenantTier.POOL) {
			return pooledTable;
		}
		return this.siloTables.tableName(pooledTable, tenant);
	}

	/**
	 * @return how silo tables are named, or {@literal null} if every tenant is pooled
	 */
	public @Nullable SiloTableTemplate siloTables() {
		return this.siloTables;
	}

	/**
	 * @return the resolver deciding each tenant's tier
	 */
	public TenantTierResolver resolver() {
		return this.resolver;
	}

	@Override
	public String toString() {
		return (this.siloTables != null) ? "TenantTables[" + this.resolver + ", silo " + this.siloTables + "]"
				: "TenantTables[pooled]";
	}

}
