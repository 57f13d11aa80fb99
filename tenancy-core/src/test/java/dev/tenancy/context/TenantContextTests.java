package dev.tenancy.context;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TenantContextTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	@AfterEach
	void noTenantLeftBound() {
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void scopeBindsAndClearsTheTenant() {
		assertThat(TenantContext.current()).isEmpty();
		try (TenantScope scope = TenantContext.open(ACME)) {
			assertThat(scope.tenant()).isEqualTo(ACME);
			assertThat(TenantContext.current()).contains(ACME);
			assertThat(TenantContext.require("a test")).isEqualTo(ACME);
		}
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void scopeIsClearedWhenTheBodyThrows() {
		assertThatIllegalStateException().isThrownBy(() -> {
			try (TenantScope ignored = TenantContext.open(ACME)) {
				throw new IllegalStateException("boom");
			}
		}).withMessage("boom");
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void requireFailsClosedWithoutAScope() { // TH-7
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> TenantContext.require("GetItem"))
			.withMessageContaining("No tenant is bound to thread")
			.withMessageContaining("for GetItem")
			.withMessageContaining("@TenantScoped");
	}

	@Test
	void nestedScopeForTheSameTenantReusesIt() {
		try (TenantScope outer = TenantContext.open(ACME)) {
			try (TenantScope inner = TenantContext.open(ACME)) {
				assertThat(TenantContext.current()).contains(ACME);
			}
			assertThat(TenantContext.current()).as("inner close keeps the outer binding").contains(ACME);
		}
	}

	@Test
	void nestedScopeForAnotherTenantIsRefused() { // TH-9
		try (TenantScope outer = TenantContext.open(ACME)) {
			assertThatExceptionOfType(TenantScopeConflictException.class).isThrownBy(() -> TenantContext.open(GLOBEX))
				.withMessageContaining("Cannot open a scope for tenant 'globex' inside the scope of tenant 'acme'")
				.satisfies((ex) -> {
					assertThat(ex.getCurrent()).isEqualTo(ACME);
					assertThat(ex.getRequested()).isEqualTo(GLOBEX);
				});
			assertThat(TenantContext.current()).contains(ACME);
		}
	}

	@Test
	void explicitSwitchIsAllowedAndRestoresTheEnclosingTenant() { // TH-9
		try (TenantScope outer = TenantContext.open(ACME)) {
			try (TenantScope switched = TenantContext.switchTo(GLOBEX)) {
				assertThat(TenantContext.current()).contains(GLOBEX);
			}
			assertThat(TenantContext.current()).contains(ACME);
		}
	}

	@Test
	void closingOutOfOrderClearsTheThreadAndReportsMisuse() {
		TenantScope outer = TenantContext.open(ACME);
		TenantScope inner = TenantContext.switchTo(GLOBEX);
		assertThatIllegalStateException().isThrownBy(outer::close).withMessageContaining("closed out of order");
		assertThat(TenantContext.current()).isEmpty();
		inner.close();
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void closeIsIdempotent() {
		TenantScope scope = TenantContext.open(ACME);
		scope.close();
		scope.close();
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	@DisplayName("TH-22 (#11 finding 7b): a scope closed from another thread is refused there and unbound on its own thread")
	void th22ClosingOnAnotherThreadRevokesTheScope() throws Exception {
		TenantScope scope = TenantContext.open(ACME);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread other = new Thread(() -> {
			try {
				scope.close();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "closer");
		other.start();
		other.join();

		assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Tenant scope for 'acme' was opened on thread '" + Thread.currentThread().getName())
			.hasMessageContaining("closed from thread 'closer'")
			.hasMessageContaining("no longer bound")
			.hasMessageContaining("Close a scope on the thread that opened it");
		assertThat(TenantContext.current()).as("the tenant must not stay bound silently").isEmpty();
		assertThat(TenantContext.currentOrNull()).isNull();
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> TenantContext.require("GetItem"));
		scope.close();
		assertThat(TenantContext.current()).isEmpty();
		try (TenantScope next = TenantContext.open(GLOBEX)) {
			assertThat(TenantContext.current()).as("a fresh scope works after the revoked one").contains(GLOBEX);
		}
	}

	@Test
	@DisplayName("TH-22 (#11 finding 7b): a revoked enclosing scope unbinds the nested scopes of its thread too")
	void th22RevokingAnEnclosingScopeUnbindsTheNestedOnes() throws Exception {
		TenantScope outer = TenantContext.open(ACME);
		TenantScope inner = TenantContext.open(ACME);
		Thread other = new Thread(() -> {
			try {
				outer.close();
			}
			catch (IllegalStateException expected) {
				// reported on the closing thread; asserted in the test above
			}
		});
		other.start();
		other.join();

		assertThat(TenantContext.current()).isEmpty();
		inner.close();
		outer.close();
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	@DisplayName("TH-22 (#11 finding 7b): a scope revoked from another thread does not leak into the next pooled task")
	void th22RevokedScopeDoesNotLeakIntoTheNextPooledTask() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			TenantScope leaked = pool.submit(() -> TenantContext.open(ACME)).get();
			assertThatIllegalStateException().isThrownBy(leaked::close).withMessageContaining("no longer bound");

			assertThat(pool.submit(TenantContext::current).get()).isEmpty();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void closingOnTheOwningThreadAfterItClosedIsANoOpElsewhere() throws Exception {
		TenantScope scope = TenantContext.open(ACME);
		scope.close();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread other = new Thread(() -> {
			try {
				scope.close();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		other.start();
		other.join();
		assertThat(failure.get()).isNull();
	}

	@Test
	void runAsAndCallAs() {
		AtomicReference<TenantId> seen = new AtomicReference<>();
		TenantContext.runAs(GLOBEX, () -> seen.set(TenantContext.require("test")));
		assertThat(seen.get()).isEqualTo(GLOBEX);
		assertThat(TenantContext.callAs(ACME, () -> TenantContext.require("test"))).isEqualTo(ACME);
	}

	@Test
	void pooledThreadsDoNotInheritOrLeakTheTenant() throws Exception { // TH-8
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			try (TenantScope ignored = TenantContext.open(ACME)) {
				// not propagated: the pooled thread sees no tenant
				assertThat(pool.submit(() -> TenantContext.current()).get()).isEmpty();
				// propagated explicitly
				assertThat(pool.submit(TenantContext.wrap((Callable<Object>) () -> TenantContext.require("task")))
					.get()).isEqualTo(ACME);
			}
			// the same pooled thread afterwards: no leftover tenant of the previous task
			assertThat(pool.submit(() -> TenantContext.current()).get()).isEmpty();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void wrappedTaskRestoresTheExecutingThreadsOwnBinding() { // TH-8
		Runnable capturedWithoutTenant = TenantContext.wrap((Runnable) () -> assertThat(TenantContext.current()).isEmpty());
		Runnable capturedWithAcme;
		try (TenantScope ignored = TenantContext.open(ACME)) {
			capturedWithAcme = TenantContext.wrap((Runnable) () -> assertThat(TenantContext.current()).contains(ACME));
		}
		try (TenantScope ignored = TenantContext.open(GLOBEX)) {
			capturedWithoutTenant.run();
			capturedWithAcme.run();
			assertThat(TenantContext.current()).contains(GLOBEX);
		}
	}

	@Test
	void completableFuturesAndVirtualThreadsSeeNoTenantUnlessPropagated() throws Exception { // TH-8
		try (TenantScope ignored = TenantContext.open(ACME)) {
			assertThat(CompletableFuture.supplyAsync(TenantContext::current).get()).isEmpty();
			AtomicReference<Object> seen = new AtomicReference<>("unset");
			Thread thread = new Thread(() -> seen.set(TenantContext.current()));
			thread.start();
			thread.join();
			assertThat(seen.get()).isEqualTo(java.util.Optional.empty());
			Thread propagated = new Thread(TenantContext.wrap((Runnable) () -> seen.set(TenantContext.current())));
			propagated.start();
			propagated.join();
			assertThat(seen.get()).isEqualTo(java.util.Optional.of(ACME));
		}
	}

}
