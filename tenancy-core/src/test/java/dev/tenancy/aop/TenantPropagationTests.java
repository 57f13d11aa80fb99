package dev.tenancy.aop;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantResolver;
import dev.tenancy.context.TenantScope;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SuppressWarnings("try")
class TenantPropagationTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

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

	@Test
	@DisplayName("TH-8: with no scope open, a task gets the tenant the resolver finds for the submitting thread")
	void th8ResolvedTenantWhenNoScopeIsOpen() throws Exception {
		AtomicReference<Optional<TenantId>> principal = new AtomicReference<>(Optional.of(ACME));
		TenantPropagatingExecutor executor = new TenantPropagatingExecutor(this.pool, principal::get);

		Optional<TenantId> fromPrincipal = CompletableFuture.supplyAsync(TenantContext::current, executor)
			.get(10, TimeUnit.SECONDS);
		principal.set(Optional.empty());
		Optional<TenantId> anonymous = CompletableFuture.supplyAsync(TenantContext::current, executor)
			.get(10, TimeUnit.SECONDS);
		Future<Optional<TenantId>> after = this.pool.submit(TenantContext::current);

		assertThat(fromPrincipal).contains(ACME);
		assertThat(anonymous).isEmpty();
		assertThat(after.get(10, TimeUnit.SECONDS)).as("the pooled thread keeps no tenant").isEmpty();
	}

	@Test
	@DisplayName("TH-8: an open scope wins over the principal, and the tenant is resolved once, at submission")
	void th8OpenScopeWinsAndResolutionIsAtSubmission() throws Exception {
		AtomicInteger resolutions = new AtomicInteger();
		TenantResolver resolver = () -> {
			resolutions.incrementAndGet();
			return Optional.of(GLOBEX);
		};
		TenantTaskDecorator decorator = new TenantTaskDecorator(resolver);
		CompletableFuture<Optional<TenantId>> inScope = new CompletableFuture<>();
		try (TenantScope ignored = TenantContext.open(ACME)) {
			this.pool.execute(decorator.decorate(() -> inScope.complete(TenantContext.current())));
		}
		assertThat(inScope.get(10, TimeUnit.SECONDS)).contains(ACME);
		assertThat(resolutions).hasValue(0);

		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Optional<TenantId>> resolved = new CompletableFuture<>();
		Runnable task = decorator.decorate(() -> resolved.complete(TenantContext.current()));
		assertThat(resolutions).hasValue(1);
		this.pool.execute(() -> awaitQuietly(release));
		this.pool.execute(task);
		release.countDown();
		assertThat(resolved.get(10, TimeUnit.SECONDS)).contains(GLOBEX);
		assertThat(resolutions).hasValue(1);
	}

	@Test
	@DisplayName("TH-8: an invalid tenant of the submitting principal fails the submission; nothing runs")
	void th8InvalidResolvedTenantFailsAtSubmission() {
		TenantTaskDecorator decorator = new TenantTaskDecorator(() -> Optional.of(TenantId.of("bad tenant")));
		AtomicInteger ran = new AtomicInteger();

		assertThatExceptionOfType(InvalidTenantIdException.class)
			.isThrownBy(() -> decorator.decorate(ran::incrementAndGet));
		assertThat(ran).hasValue(0);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
