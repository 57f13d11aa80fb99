package dev.tenancy.context;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The number of open {@link TenantScope scopes} of each tenant in this JVM, behind
 * {@link TenantContext#openScopes(TenantId)}. A tenant without open scopes has no entry.
 *
 * @author tenancy
 * @since 0.4
 */
final class OpenScopes {

	private static final ConcurrentHashMap<TenantId, Counter> COUNTS = new ConcurrentHashMap<>();

	private OpenScopes() {
	}

	static void opened(TenantId tenant) {
		COUNTS.compute(tenant, (key, counter) -> {
			Counter opened = (counter != null) ? counter : new Counter();
			opened.value++;
			return opened;
		});
	}

	static void released(TenantId tenant) {
		COUNTS.computeIfPresent(tenant, (key, counter) -> (--counter.value == 0) ? null : counter);
	}

	static int count(TenantId tenant) {
		Counter counter = COUNTS.get(tenant);
		return (counter != null) ? counter.value : 0;
	}

	/** Changed only inside the map's compute functions (under its lock), read without it. */
	private static final class Counter {

		volatile int value;

	}

}
