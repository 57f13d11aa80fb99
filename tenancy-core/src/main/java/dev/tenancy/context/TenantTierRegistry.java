package dev.tenancy.context;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.util.Assert;

/**
 * A {@link TenantTierResolver} whose answers can change while the application runs: it answers as the initial
 * resolver until a tenant is {@link #assign(TenantId, TenantTier) assigned} a tier, then with that tier, and tells
 * its {@link TenantTierListener listeners} of every change (which is how the tenant's cached sessions and compiled
 * policies are dropped, see {@code dev.tenancy.dynamodb.TierChangeEviction}). This is the only way a tenant's tier
 * may change at runtime.
 * <p>
 * Assignments are kept in memory: the application assigns again on startup what its initial resolver does not
 * already answer (for example by giving it a resolver backed by the store that records moves). Thread-safe; changes
 * are made, and listeners told, one at a time.
 *
 * @author tenancy
 * @since 0.4
 */
public final class TenantTierRegistry implements TenantTierResolver {

	private final TenantTierResolver initial;

	private final boolean siloAllowed;

	private final Map<TenantId, TenantTier> assigned = new ConcurrentHashMap<>();

	private final List<TenantTierListener> listeners = new CopyOnWriteArrayList<>();

	private final Object changes = new Object();

	private TenantTierRegistry(TenantTierResolver initial, boolean siloAllowed) {
		this.initial = initial;
		this.siloAllowed = siloAllowed;
	}

	/**
	 * @param initial answers for every tenant not assigned a tier, must not be {@literal null}; a registry is
	 * returned as it is
	 * @return a registry starting from the initial resolver's answers
	 */
	public static TenantTierRegistry of(TenantTierResolver initial) {
		Assert.notNull(initial, "Initial TenantTierResolver must not be null");
		return (initial instanceof TenantTierRegistry registry) ? registry
				: new TenantTierRegistry(initial, true);
	}

	/**
	 * A registry for an application without silo tables (no silo table template): every tenant is pooled, and
	 * assigning {@link TenantTier#SILO} fails, since there would be no table to move the tenant to.
	 * @return a registry of pooled tenants
	 */
	public static TenantTierRegistry pooled() {
		return new TenantTierRegistry(TenantTierResolver.ALL_POOLED, false);
	}

	/**
	 * @return whether tenants may be assigned {@link TenantTier#SILO}: {@code false} only for {@link #pooled()}
	 */
	public boolean allowsSilo() {
		return this.siloAllowed;
	}

	@Override
	public TenantTier tierOf(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		TenantTier tier = this.assigned.get(tenant);
		return (tier != null) ? tier : initialTierOf(tenant);
	}

	private TenantTier initialTierOf(TenantId tenant) {
		TenantTier tier = this.initial.tierOf(tenant);
		Assert.state(tier != null, () -> "The TenantTierResolver " + this.initial + " gave no tier for tenant '"
				+ tenant + "'; it must answer POOL or SILO for every tenant (or throw), never null.");
		return tier;
	}

	/**
	 * @return the silo tenants the initial resolver knows up front and those assigned {@link TenantTier#SILO}, without
	 * those assigned {@link TenantTier#POOL} since; a snapshot
	 */
	@Override
	public Set<TenantId> knownSiloTenants() {
		synchronized (this.changes) {
			Set<TenantId> silo = new HashSet<>(this.initial.knownSiloTenants());
			this.assigned.forEach((tenant, tier) -> {
				if (tier == TenantTier.SILO) {
					silo.add(tenant);
				}
				else {
					silo.remove(tenant);
				}
			});
			return Set.copyOf(silo);
		}
	}

	/**
	 * Put the tenant in the given tier from now on and tell the listeners, before returning, if that changes its
	 * tier; a no-op otherwise. Requests already under way finish on the tier they started with; a caller moving a
	 * tenant's items makes sure none is (see {@link TenantContext#openScopes(TenantId)}).
	 * @param tenant the tenant, must not be {@literal null}
	 * @param tier its new tier, must not be {@literal null}
	 * @throws IllegalStateException if the tenant is to become {@link TenantTier#SILO} in a registry without silo
	 * tables ({@link #pooled()})
	 * @throws RuntimeException what the initial resolver throws for a tenant it cannot place, or the first exception
	 * of a listener (the change is made and every listener is told even so)
	 */
	public void assign(TenantId tenant, TenantTier tier) {
		Assert.notNull(tenant, "Tenant must not be null");
		Assert.notNull(tier, "Tier must not be null");
		Assert.state(tier != TenantTier.SILO || this.siloAllowed, () -> String.format("Tenant '%s' cannot be assigned "
				+ "tier SILO: no silo table template is configured, so it would have no table of its own. Configure "
				+ "tiers (TenantTables.tiered(...) with a TenantTierRegistry; with the starter "
				+ "'tenancy.tiers.enabled=true') before moving tenants into silo tables.", tenant));
		synchronized (this.changes) {
			TenantTier from = tierOf(tenant);
			if (from == tier) {
				return;
			}
			this.assigned.put(tenant, tier);
			notifyListeners(tenant, from, tier);
		}
	}

	private void notifyListeners(TenantId tenant, TenantTier from, TenantTier to) {
		RuntimeException failure = null;
		for (TenantTierListener listener : this.listeners) {
			try {
				listener.tierChanged(tenant, from, to);
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

	/**
	 * Tell the listener of every later tier change.
	 * @param listener the listener, must not be {@literal null}
	 */
	public void addListener(TenantTierListener listener) {
		Assert.notNull(listener, "Listener must not be null");
		this.listeners.add(listener);
	}

	@Override
	public String toString() {
		return "TenantTierRegistry[initial=" + this.initial + ", assigned=" + this.assigned + "]";
	}

}
