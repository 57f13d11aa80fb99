package dev.tenancy.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link TenantContext#openScopes(TenantId)} on every path a scope ends by. Tenant ids are unique to this class, so
 * that scopes of other tests do not count.
 */
class TenantContextOpenScopesTests {

	private static final TenantId ACME = TenantId.of("open-scopes-acme");

	private static final TenantId GLOBEX = TenantId.of("open-scopes-globex");

	@AfterEach
	void nothingLeftOpen() {
		assertThat(TenantContext.current()).isEmpty();
		assertThat(TenantContext.openScopes(ACME)).isZero();
		assertThat(TenantContext.openScopes(GLOBEX)).isZero();
	}

	@Test
	void aTenantWithoutScopesHasNone() {
		assertThat(TenantContext.openScopes(TenantId.of("open-scopes-never"))).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> TenantContext.openScopes(null));
	}

	@Test
	void aScopeCountsUntilItIsClosed() {
		try (TenantScope scope = TenantContext.open(ACME)) {
			assertThat(TenantContext.openScopes(ACME)).isOne();
			assertThat(TenantContext.openScopes(GLOBEX)).isZero();
		}
		assertThat(TenantContext.openScopes(ACME)).isZero();
	}

	@Test
	void aScopeClosedByAnExceptionIsNoLongerOpen() {
		try {
			TenantContext.runAs(ACME, () -> {
				assertThat(TenantContext.openScopes(ACME)).isOne();
				throw new IllegalStateException("boom");
			});
		}
		catch (IllegalStateException expected) {
			assertThat(expected).hasMessage("boom");
		}
		assertThat(TenantContext.openScopes(ACME)).isZero();
	}

	@Test
	void everyNestedScopeCounts() {
		try (TenantScope outer = TenantContext.open(ACME)) {
			try (TenantScope inner = TenantContext.open(ACME)) {
				assertThat(TenantContext.openScopes(ACME)).isEqualTo(2);
			}
			assertThat(TenantContext.openScopes(ACME)).isOne();
		}
	}

	@Test
	void aSwitchedAwayFromTenantStaysOpenUntilItsScopeCloses() {
		try (TenantScope outer = TenantContext.open(ACME)) {
			try (TenantScope switched = TenantContext.switchTo(GLOBEX)) {
				assertThat(TenantContext.openScopes(ACME)).as("restored when the switch closes").isOne();
				assertThat(TenantContext.openScopes(GLOBEX)).isOne();
			}
			assertThat(TenantContext.openScopes(GLOBEX)).isZero();
			assertThat(TenantContext.openScopes(ACME)).isOne();
		}
	}

	@Test
	void aClosedScopeClosedAgainDoesNotCountTwice() {
		TenantScope first = TenantContext.open(ACME);
		first.close();
		first.close();
		try (TenantScope second = TenantContext.open(ACME)) {
			assertThat(TenantContext.openScopes(ACME)).isOne();
		}
	}

	@Test
	void anOutOfOrderCloseDropsEveryScopeOfTheThread() {
		TenantScope outer = TenantContext.open(ACME);
		TenantScope switched = TenantContext.switchTo(GLOBEX);
		TenantScope inner = TenantContext.open(GLOBEX);
		assertThat(TenantContext.openScopes(GLOBEX)).isEqualTo(2);

		assertThatIllegalStateException().isThrownBy(switched::close).withMessageContaining("out of order");

		assertThat(TenantContext.openScopes(ACME)).isZero();
		assertThat(TenantContext.openScopes(GLOBEX)).isZero();
		inner.close();
		outer.close();
		assertThat(TenantContext.openScopes(ACME)).isZero();
	}

	@Test
	void aRevokedScopeStopsCountingAtOnceWithTheScopesBoundWithIt() throws Exception {
		AtomicReference<TenantScope> outer = new AtomicReference<>();
		CountDownLatch opened = new CountDownLatch(1);
		CountDownLatch revoked = new CountDownLatch(1);
		AtomicReference<TenantId> seenAfterRevocation = new AtomicReference<>();
		Thread owner = new Thread(() -> {
			TenantScope scope = TenantContext.open(ACME);
			outer.set(scope);
			TenantScope switched = TenantContext.switchTo(GLOBEX);
			TenantScope nested = TenantContext.open(GLOBEX);
			opened.countDown();
			await(revoked);
			seenAfterRevocation.set(TenantContext.currentOrNull());
			nested.close();
			switched.close();
			scope.close();
		}, "owner");
		owner.start();
		assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(TenantContext.openScopes(ACME)).isOne();
		assertThat(TenantContext.openScopes(GLOBEX)).isEqualTo(2);

		assertThatIllegalStateException().isThrownBy(() -> outer.get().close()).withMessageContaining("revoked");

		assertThat(TenantContext.openScopes(ACME)).as("before the owner looks up again").isZero();
		assertThat(TenantContext.openScopes(GLOBEX)).as("nested in the revoked scope").isZero();
		revoked.countDown();
		owner.join(10_000);
		assertThat(seenAfterRevocation.get()).isNull();
	}

	@Test
	void aScopeOpenedOnTopOfARevokedBindingDoesNotCount() throws Exception {
		TenantScope scope = TenantContext.open(ACME);
		Thread closer = new Thread(() -> {
			try {
				scope.close();
			}
			catch (IllegalStateException expected) {
				// the misuse is reported on the closing thread
			}
		});
		closer.start();
		closer.join();
		assertThat(TenantContext.openScopes(ACME)).isZero();
		try (TenantScope next = TenantContext.open(ACME)) {
			assertThat(TenantContext.openScopes(ACME)).as("the revoked binding was dropped first").isOne();
		}
		scope.close();
	}

	@Test
	void aWrappedTaskCountsWhileItRunsAndTheSubmittersScopeStaysOpen() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try (TenantScope scope = TenantContext.open(ACME)) {
			CountDownLatch running = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			Future<?> task = pool.submit(TenantContext.wrap(() -> {
				running.countDown();
				await(finish);
			}));
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(TenantContext.openScopes(ACME)).isEqualTo(2);
			finish.countDown();
			task.get(10, TimeUnit.SECONDS);
			assertThat(TenantContext.openScopes(ACME)).isOne();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aWrappedTaskOnTheSubmittingThreadSuspendsItsBindingWhichStillCounts() throws Exception {
		Runnable withoutTenant = TenantContext.wrap(() -> {
			try (TenantScope other = TenantContext.open(GLOBEX)) {
				assertThat(TenantContext.openScopes(ACME)).as("suspended, restored afterwards").isOne();
				assertThat(TenantContext.openScopes(GLOBEX)).isOne();
			}
		});
		try (TenantScope scope = TenantContext.open(ACME)) {
			Callable<Integer> task = TenantContext.wrap(() -> TenantContext.openScopes(ACME));
			assertThat(task.call()).isEqualTo(2);
			withoutTenant.run();
			assertThat(TenantContext.openScopes(ACME)).isOne();
			assertThat(TenantContext.current()).contains(ACME);
		}
	}

	@Test
	void scopesAWrappedTaskLeavesOpenAreDroppedWithIt() {
		Runnable leaking = TenantContext.wrap((Runnable) () -> {
			TenantContext.open(GLOBEX);
		});
		leaking.run();
		assertThat(TenantContext.current()).isEmpty();
		assertThat(TenantContext.openScopes(GLOBEX)).isZero();
	}

	@Test
	void closingASuspendedScopeInsideAWrappedTaskRevokesItsBinding() throws Exception {
		TenantScope scope = TenantContext.open(ACME);
		TenantContext.wrap(scope::close).run();
		assertThat(TenantContext.openScopes(ACME)).isZero();
		assertThat(TenantContext.current()).as("dropped when restored").isEmpty();
		scope.close();
	}

	@Test
	void manyThreadsOpeningAndClosingReturnToZero() throws Exception {
		int threads = 16;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CyclicBarrier start = new CyclicBarrier(threads);
		AtomicInteger maximum = new AtomicInteger();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 2_000; i++) {
						openAndClose(maximum);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(maximum.get()).isPositive().isLessThanOrEqualTo(threads * 2);
		assertThat(TenantContext.openScopes(ACME)).isZero();
		assertThat(TenantContext.openScopes(GLOBEX)).isZero();
	}

	private static void openAndClose(AtomicInteger maximum) {
		TenantId tenant = ThreadLocalRandom.current().nextBoolean() ? ACME : GLOBEX;
		try (TenantScope scope = TenantContext.open(tenant)) {
			maximum.accumulateAndGet(TenantContext.openScopes(tenant), Math::max);
			if (ThreadLocalRandom.current().nextBoolean()) {
				try (TenantScope nested = TenantContext.open(tenant)) {
					assertThat(TenantContext.openScopes(tenant)).isPositive();
				}
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
