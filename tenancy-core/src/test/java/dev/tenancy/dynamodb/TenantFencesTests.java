package dev.tenancy.dynamodb;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Fences refuse the fenced tenant's writes (or every request), let other tenants through, and are raised only once
 * the requests they refuse that were already admitted have finished.
 */
class TenantFencesTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private final TenantFences fences = TenantFences.create();

	@Test
	void aWritesFenceRefusesWritesOfTheTenantOnly() {
		this.fences.raise(ACME, TenantFences.Scope.WRITES, "it is being moved", Duration.ofSeconds(3),
				Duration.ofSeconds(1));
		for (String write : TenantFences.WRITE_OPERATIONS) {
			assertThatExceptionOfType(TenantUnavailableException.class).isThrownBy(() -> this.fences.admit(ACME, write))
				.withMessageContaining("Tenant 'acme' is unavailable for " + write + ": it is being moved")
				.withMessageContaining("retry it after 3 seconds")
				.satisfies((ex) -> {
					assertThat(ex.getTenant()).isEqualTo(ACME);
					assertThat(ex.getOperation()).isEqualTo(write);
					assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(3));
				});
		}
		assertThatNoException().isThrownBy(() -> this.fences.admit(ACME, "Query").run());
		assertThatNoException().isThrownBy(() -> this.fences.admit(ACME, "GetItem").run());
		assertThatNoException().isThrownBy(() -> this.fences.admit(GLOBEX, "PutItem").run());
	}

	@Test
	void anAllFenceRefusesEveryRequestUntilLifted() {
		this.fences.raise(ACME, TenantFences.Scope.ALL, "it is being offboarded", Duration.ZERO, Duration.ZERO);
		assertThatExceptionOfType(TenantUnavailableException.class).isThrownBy(() -> this.fences.admit(ACME, "Query"));
		assertThat(this.fences.fenceOf(ACME)).hasValueSatisfying(
				(fence) -> assertThat(fence.reason()).isEqualTo("it is being offboarded"));
		this.fences.lift(ACME);
		assertThat(this.fences.fenceOf(ACME)).isEmpty();
		assertThatNoException().isThrownBy(() -> this.fences.admit(ACME, "Query").run());
	}

	@Test
	void raisingWaitsForAdmittedWritesToFinish() throws Exception {
		Runnable inFlight = this.fences.admit(ACME, "PutItem");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			CountDownLatch raising = new CountDownLatch(1);
			Future<TenantFences.Fence> raised = executor.submit(() -> {
				raising.countDown();
				return this.fences.raise(ACME, TenantFences.Scope.WRITES, "moving", Duration.ZERO,
						Duration.ofSeconds(10));
			});
			raising.await();
			Thread.sleep(100);
			assertThat(raised).as("waits for the write in flight").isNotDone();
			inFlight.run();
			assertThat(raised.get(5, TimeUnit.SECONDS).scope()).isEqualTo(TenantFences.Scope.WRITES);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aWritesFenceDoesNotWaitForReads() {
		Runnable read = this.fences.admit(ACME, "Query");
		assertThatNoException().isThrownBy(() -> this.fences.raise(ACME, TenantFences.Scope.WRITES, "moving",
				Duration.ZERO, Duration.ZERO));
		read.run();
	}

	@Test
	void aFenceThatCannotDrainIsLiftedAgain() {
		Runnable inFlight = this.fences.admit(ACME, "Query");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.fences.raise(ACME, TenantFences.Scope.ALL, "purging", Duration.ZERO,
					Duration.ofMillis(50)))
			.withMessageContaining("Could not fence tenant 'acme' (purging)");
		assertThat(this.fences.fenceOf(ACME)).isEmpty();
		inFlight.run();
	}

	@Test
	void aRefusedRequestIsNotCountedAsInFlight() {
		this.fences.raise(ACME, TenantFences.Scope.ALL, "purging", Duration.ZERO, Duration.ZERO);
		assertThatExceptionOfType(TenantUnavailableException.class).isThrownBy(() -> this.fences.admit(ACME, "Query"));
		assertThatNoException().isThrownBy(() -> this.fences.raise(ACME, TenantFences.Scope.ALL, "purged",
				Duration.ZERO, Duration.ZERO));
	}

}
