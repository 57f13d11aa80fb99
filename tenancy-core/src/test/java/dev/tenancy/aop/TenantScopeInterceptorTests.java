package dev.tenancy.aop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.context.TenantScopeConflictException;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SuppressWarnings("try")
class TenantScopeInterceptorTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private final AtomicReference<Optional<TenantId>> principal = new AtomicReference<>(Optional.empty());

	private final Service target = new Service();

	private final Service service = proxy(this.target);

	@AfterEach
	void noScopeLeft() {
		assertThat(TenantContext.current()).isEmpty();
	}

	private <T> T proxy(T target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new TenantScopedAdvisor(new TenantScopeInterceptor(this.principal::get)));
		@SuppressWarnings("unchecked")
		T proxy = (T) factory.getProxy();
		return proxy;
	}

	@Test
	void opensAScopeForThePrincipalsTenantAndClosesItAfterwards() {
		this.principal.set(Optional.of(ACME));

		assertThat(this.service.tenant()).isEqualTo(ACME);
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void closesTheScopeWhenTheCallThrows() {
		this.principal.set(Optional.of(ACME));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.service::fail)
			.withMessage("failed for acme");
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void reusesAnOpenScopeOfTheSameTenant() {
		this.principal.set(Optional.of(ACME));
		try (TenantScope ignored = TenantContext.open(ACME)) {
			assertThat(this.service.tenant()).isEqualTo(ACME);
			assertThat(TenantContext.current()).contains(ACME);
		}
	}

	@Test
	void reusesAnOpenScopeWhenThePrincipalNamesNoTenant() {
		assertThat(TenantContext.callAs(GLOBEX, this.service::tenant)).isEqualTo(GLOBEX);
	}

	@Test
	@DisplayName("TH-7: no principal tenant and no scope fails before the method runs")
	void th7NoTenantFailsBeforeTheMethodRuns() {
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(this.service::tenant)
			.withMessageStartingWith("No tenant for @TenantScoped 'TenantScopeInterceptorTests.Service.tenant': the "
					+ "current principal has no tenant and no tenant scope is open on thread '");
		assertThat(this.target.calls).isEmpty();
	}

	@Test
	@DisplayName("TH-9: a call for tenant B inside tenant A's scope is refused")
	void th9NestedCallForAnotherTenantIsRefused() {
		this.principal.set(Optional.of(GLOBEX));
		try (TenantScope ignored = TenantContext.open(ACME)) {
			assertThatExceptionOfType(TenantScopeConflictException.class).isThrownBy(this.service::tenant)
				.withMessageStartingWith("Cannot open a scope for tenant 'globex' inside the scope of tenant 'acme'");
			assertThat(TenantContext.current()).contains(ACME);
		}
		assertThat(this.target.calls).isEmpty();
	}

	@Test
	@DisplayName("TH-9: allowTenantSwitch runs the call for B and restores A afterwards")
	void th9ExplicitSwitchIsAllowedAndRestored() {
		this.principal.set(Optional.of(GLOBEX));
		try (TenantScope ignored = TenantContext.open(ACME)) {
			assertThat(this.service.switching()).isEqualTo(GLOBEX);
			assertThat(TenantContext.current()).contains(ACME);
		}
	}

	@Test
	void anInvalidTenantFromThePrincipalFailsClosed() {
		TenantScopeInterceptor interceptor = new TenantScopeInterceptor(() -> Optional.of(TenantId.of("a*")));
		ProxyFactory factory = new ProxyFactory(new Service());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new TenantScopedAdvisor(interceptor));
		Service hostile = (Service) factory.getProxy();

		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(hostile::tenant);
	}

	@Test
	void methodLevelAnnotationOnAnUnannotatedClass() {
		this.principal.set(Optional.of(ACME));
		Worker worker = proxy(new Worker());

		assertThat(worker.scoped()).contains(ACME);
		assertThat(worker.unscoped()).isEmpty();
	}

	@TenantScoped
	static class Service {

		final List<TenantId> calls = new ArrayList<>();

		TenantId tenant() {
			TenantId tenant = TenantContext.require("test");
			this.calls.add(tenant);
			return tenant;
		}

		void fail() {
			throw new IllegalStateException("failed for " + TenantContext.require("test"));
		}

		@TenantScoped(allowTenantSwitch = true)
		TenantId switching() {
			return TenantContext.require("test");
		}

	}

	static class Worker {

		@TenantScoped
		Optional<TenantId> scoped() {
			return TenantContext.current();
		}

		Optional<TenantId> unscoped() {
			return TenantContext.current();
		}

	}

}
