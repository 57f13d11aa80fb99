package dev.tenancy.test.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.TenantUnavailableException;

/**
 * Application threads that write new items of a tenant through the application's tenant-scoped client, as fast as
 * they can, until stopped. A write refused by a fence ({@link TenantUnavailableException}) is retried until it is
 * acknowledged, as a well-behaved client does with HTTP 503; only acknowledged writes are recorded. Any other failure
 * is kept and fails {@link #stop()}.
 */
final class ConcurrentWriters implements AutoCloseable {

	private final LifecycleFixture fixture;

	private final ExecutorService executor;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Future<?>> futures = new ArrayList<>();

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	private final AtomicInteger refused = new AtomicInteger();

	ConcurrentWriters(LifecycleFixture fixture, int threads) {
		this.fixture = fixture;
		this.executor = Executors.newFixedThreadPool(threads);
	}

	/**
	 * Start a writer thread for a tenant.
	 */
	ConcurrentWriters start(TenantId tenant, String name) {
		this.futures.add(this.executor.submit(() -> {
			for (int i = 0; this.running.get(); i++) {
				String id = name + "-" + i;
				while (true) {
					try {
						this.fixture.write(tenant, id, "written by " + name);
						this.acknowledged.add(tenant + "/" + id);
						break;
					}
					catch (TenantUnavailableException ex) {
						this.refused.incrementAndGet();
						Thread.sleep(5);
					}
				}
			}
			return null;
		}));
		return this;
	}

	/**
	 * Stop the writers and wait for them; rethrows the first failure of a writer.
	 */
	void stop() throws Exception {
		this.running.set(false);
		for (Future<?> future : this.futures) {
			future.get(60, TimeUnit.SECONDS);
		}
	}

	/**
	 * @return the acknowledged writes of the tenant, by id
	 */
	Set<String> acknowledged(TenantId tenant) {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		String prefix = tenant + "/";
		this.acknowledged.stream().filter((write) -> write.startsWith(prefix))
			.forEach((write) -> ids.add(write.substring(prefix.length())));
		return ids;
	}

	int refused() {
		return this.refused.get();
	}

	@Override
	public void close() {
		this.running.set(false);
		this.executor.shutdownNow();
	}

}
