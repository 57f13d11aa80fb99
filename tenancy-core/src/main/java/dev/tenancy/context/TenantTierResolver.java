package dev.tenancy.context;

import java.util.Collection;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Decides the {@link TenantTier} of a tenant. It is asked when the tenant's session policy is generated, when the
 * guard compiles the tenant's policy and on every repository call (to address the tenant's table). The STS session
 * and the guard's compiled policy are cached per tenant, so an answer may change only through a
 * {@link TenantTierRegistry}, which tells those caches to drop the tenant's entries; any other implementation must
 * answer the same for a tenant while the application runs (one backed by a store must cache).
 * <p>
 * An implementation must fail closed: for a tenant it cannot place it throws (naming the tenant and what to
 * configure) rather than guess a tier.
 *
 * @author tenancy
 * @since 0.3
 */
@FunctionalInterface
public interface TenantTierResolver {

	/** Every tenant is pooled: the resolver of an application without silo tenants. */
	TenantTierResolver ALL_POOLED = (tenant) -> TenantTier.POOL;

	/**
	 * @param tenant the tenant; never {@literal null}
	 * @return the tenant's tier, never {@literal null}
	 */
	TenantTier tierOf(TenantId tenant);

	/**
	 * The silo tenants this resolver knows up front, for tooling that prepares their tables (for example the test
	 * kit); empty when tiers are decided only on request.
	 * @return the silo tenants known up front
	 */
	default Set<TenantId> knownSiloTenants() {
		return Set.of();
	}

	/**
	 * A resolver that puts the given tenants in {@link TenantTier#SILO} and every other tenant in
	 * {@link TenantTier#POOL}.
	 * @param siloTenants the silo tenants; must not be {@literal null}
	 * @return the resolver
	 */
	static TenantTierResolver silo(Collection<TenantId> siloTenants) {
		Assert.notNull(siloTenants, "Silo tenants must not be null");
		Assert.noNullElements(siloTenants, "Silo tenants must not contain null");
		Set<TenantId> silo = Set.copyOf(siloTenants);
		return new TenantTierResolver() {

			@Override
			public TenantTier tierOf(TenantId tenant) {
				return silo.contains(tenant) ? TenantTier.SILO : TenantTier.POOL;
			}

			@Override
			public Set<TenantId> knownSiloTenants() {
				return silo;
			}

			@Override
			public String toString() {
				return "TenantTierResolver[silo=" + silo + "]";
			}

		};
	}

}
