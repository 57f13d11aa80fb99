package dev.tenancy.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TenantTierRegistryTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private static final TenantId INITECH = TenantId.of("initech");

	private final TenantTierRegistry registry = TenantTierRegistry.of(TenantTierResolver.silo(List.of(ACME)));

	private final List<String> changes = new ArrayList<>();

	@Test
	void answersAsTheInitialResolverUntilAssigned() {
		assertThat(this.registry.tierOf(ACME)).isEqualTo(TenantTier.SILO);
		assertThat(this.registry.tierOf(GLOBEX)).isEqualTo(TenantTier.POOL);
		assertThat(this.registry.knownSiloTenants()).containsExactly(ACME);
	}

	@Test
	void anAssignedTierIsAnsweredAndTheListenersAreToldBeforeAssignReturns() {
		this.registry.addListener((tenant, from, to) -> this.changes
			.add(tenant + ":" + from + "->" + to + " now " + this.registry.tierOf(tenant)));

		this.registry.assign(GLOBEX, TenantTier.SILO);

		assertThat(this.registry.tierOf(GLOBEX)).isEqualTo(TenantTier.SILO);
		assertThat(this.changes).containsExactly("globex:POOL->SILO now SILO");
		assertThat(this.registry.knownSiloTenants()).containsExactlyInAnyOrder(ACME, GLOBEX);

		this.registry.assign(ACME, TenantTier.POOL);

		assertThat(this.registry.tierOf(ACME)).isEqualTo(TenantTier.POOL);
		assertThat(this.registry.knownSiloTenants()).containsExactly(GLOBEX);
		assertThat(this.changes).containsExactly("globex:POOL->SILO now SILO", "acme:SILO->POOL now POOL");
	}

	@Test
	void assigningTheCurrentTierIsANoOp() {
		this.registry.addListener((tenant, from, to) -> this.changes.add(tenant.value()));

		this.registry.assign(ACME, TenantTier.SILO);
		this.registry.assign(GLOBEX, TenantTier.POOL);

		assertThat(this.changes).isEmpty();
	}

	@Test
	void everyListenerIsToldEvenWhenOneFails() {
		this.registry.addListener((tenant, from, to) -> {
			throw new IllegalStateException("first");
		});
		this.registry.addListener((tenant, from, to) -> this.changes.add(tenant.value()));

		assertThatIllegalStateException().isThrownBy(() -> this.registry.assign(GLOBEX, TenantTier.SILO))
			.withMessage("first");

		assertThat(this.changes).containsExactly("globex");
		assertThat(this.registry.tierOf(GLOBEX)).isEqualTo(TenantTier.SILO);
	}

	@Test
	void aRegistryOfARegistryIsItself() {
		assertThat(TenantTierRegistry.of(this.registry)).isSameAs(this.registry);
	}

	@Test
	void aPooledRegistryRefusesSilo() {
		TenantTierRegistry pooled = TenantTierRegistry.pooled();

		assertThatIllegalStateException().isThrownBy(() -> pooled.assign(ACME, TenantTier.SILO))
			.withMessageContaining("Tenant 'acme' cannot be assigned tier SILO")
			.withMessageContaining("no silo table template");
		assertThat(pooled.tierOf(ACME)).isEqualTo(TenantTier.POOL);
		assertThat(pooled.knownSiloTenants()).isEmpty();
		pooled.assign(ACME, TenantTier.POOL);
	}

	@Test
	void failsClosed() {
		TenantTierRegistry unplaceable = TenantTierRegistry.of((tenant) -> {
			throw new IllegalStateException("Tenant '" + tenant + "' is unknown");
		});
		assertThatIllegalStateException().isThrownBy(() -> unplaceable.tierOf(ACME)).withMessageContaining("unknown");
		assertThatIllegalStateException().isThrownBy(() -> unplaceable.assign(ACME, TenantTier.SILO))
			.withMessageContaining("unknown");
		assertThatIllegalStateException().isThrownBy(() -> TenantTierRegistry.of((tenant) -> null).tierOf(ACME))
			.withMessageContaining("gave no tier for tenant 'acme'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.assign(ACME, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.addListener(null));
		assertThatIllegalArgumentException().isThrownBy(() -> TenantTierRegistry.of(null));
	}

	@Test
	void concurrentAssignmentsAreToldInTheOrderTheyWereMade() throws Exception {
		List<TenantTier> told = new ArrayList<>();
		this.registry.addListener((tenant, from, to) -> {
			if (!told.isEmpty()) {
				assertThat(from).isEqualTo(told.get(told.size() - 1));
			}
			told.add(to);
		});
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				TenantTier tier = (i % 2 == 0) ? TenantTier.SILO : TenantTier.POOL;
				done.add(pool.submit(() -> this.registry.assign(INITECH, tier)));
			}
			for (Future<?> future : done) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(told).isNotEmpty();
		assertThat(told.get(told.size() - 1)).isEqualTo(this.registry.tierOf(INITECH));
		assertThat(this.registry.knownSiloTenants())
			.isEqualTo((this.registry.tierOf(INITECH) == TenantTier.SILO) ? Set.of(ACME, INITECH) : Set.of(ACME));
	}

}
