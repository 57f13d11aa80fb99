package dev.tenancy.aop;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("try")
class TenantPropagationTests {

	private static final TenantId ACME = TenantId.of("acme");

	private final ExecutorService pool = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutdown() throws InterruptedException {
		this.pool.shutdownNow();
		this.pool.awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	@DisplayName("TH-8: a pooled thread never keeps the tenant of the previous task")
	void th8PooledThreadDoesNotLeak() throws Exception {
		TenantPropagatingExecutor executor = new TenantPropagatingExecutor(this.pool);
		Optional<TenantId> first;
		try (TenantScope ignored = TenantContext.open(ACME)) {
			first = CompletableFuture.supplyAsync(TenantContext::current, executor).get(10, TimeUnit.SECONDS);
		}
		Optional<TenantId> next = CompletableFuture.supplyAsync(TenantContext::current, executor)
			.get(10, TimeUnit.SECONDS);
		Future<Optional<TenantId>> undecorated = this.pool.submit(TenantContext::current);

		assertThat(first).contains(ACME);
		assertThat(next).isEmpty();
		assertThat(undecorated.get(10, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	@DisplayName("TH-8: a task decorator propagates the submitting thread's tenant and only that")
	void th8TaskDecorator() throws Exception {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setTaskDecorator(new TenantTaskDecorator());
		executor.initialize();
		try {
			Future<Optional<TenantId>> first;
			try (TenantScope ignored = TenantContext.open(ACME)) {
				first = executor.submit(TenantContext::current);
			}
			Future<Optional<TenantId>> next = executor.submit(TenantContext::current);

			assertThat(first.get(10, TimeUnit.SECONDS)).contains(ACME);
			assertThat(next.get(10, TimeUnit.SECONDS)).isEmpty();
		}
		finally {
			executor.shutdown();
		}
	}

}
