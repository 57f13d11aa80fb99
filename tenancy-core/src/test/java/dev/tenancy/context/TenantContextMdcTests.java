package dev.tenancy.context;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a tenant scope is open, the tenant is in the logging MDC; it follows nested switches and is gone when the
 * thread's last scope closes, also on pooled threads.
 */
class TenantContextMdcTests {

	private final TenantId acme = TenantId.of("acme");

	private final TenantId globex = TenantId.of("globex");

	@AfterEach
	void clean() {
		MDC.clear();
	}

	@Test
	@SuppressWarnings("try")
	void theMdcShowsTheBoundTenantOnlyWhileTheScopeIsOpen() {
		assertThat(MDC.get(TenantContext.MDC_KEY)).isNull();
		try (TenantScope ignored = TenantContext.open(this.acme)) {
			assertThat(MDC.get(TenantContext.MDC_KEY)).isEqualTo("acme");
			try (TenantScope switched = TenantContext.switchTo(this.globex)) {
				assertThat(MDC.get(TenantContext.MDC_KEY)).isEqualTo("globex");
			}
			assertThat(MDC.get(TenantContext.MDC_KEY)).isEqualTo("acme");
		}
		assertThat(MDC.get(TenantContext.MDC_KEY)).isNull();
	}

	@Test
	void aFailingBodyStillClearsTheMdc() {
		try {
			TenantContext.runAs(this.acme, () -> {
				throw new IllegalStateException("boom");
			});
		}
		catch (IllegalStateException expected) {
			// the body's failure
		}
		assertThat(MDC.get(TenantContext.MDC_KEY)).isNull();
	}

	@Test
	void aWrappedTaskLogsAsItsTenantAndLeavesThePooledThreadClean() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Runnable check = () -> assertThat(MDC.get(TenantContext.MDC_KEY)).isEqualTo("acme");
			Runnable task = TenantContext.callAs(this.acme, () -> TenantContext.wrap(check));
			Future<?> done = pool.submit(task);
			done.get();
			Future<String> after = pool.submit(() -> String.valueOf(MDC.get(TenantContext.MDC_KEY)));
			assertThat(after.get()).isEqualTo("null");
		}
		finally {
			pool.shutdownNow();
		}
	}

}
