package dev.tenancy.test;

import org.jspecify.annotations.Nullable;

/**
 * Holder of the {@link TenancyTestKit#shared() kit shared by the JVM}: started on first use, restarted after it was
 * stopped, stopped by {@link #close()} or a JVM shutdown hook.
 *
 * @author tenancy
 * @since 0.2
 */
final class SharedKit {

	private static final Object MONITOR = new Object();

	private static @Nullable TenancyTestKit shared;

	private static @Nullable Thread shutdownHook;

	private SharedKit() {
	}

	static TenancyTestKit get() {
		synchronized (MONITOR) {
			TenancyTestKit kit = shared;
			if (kit == null || !kit.isRunning()) {
				kit = TenancyTestKit.builder().start();
				shared = kit;
				if (shutdownHook == null) {
					Thread hook = new Thread(SharedKit::close, "tenancy-test-shutdown");
					Runtime.getRuntime().addShutdownHook(hook);
					shutdownHook = hook;
				}
			}
			return kit;
		}
	}

	static void close() {
		synchronized (MONITOR) {
			TenancyTestKit kit = shared;
			shared = null;
			if (kit != null) {
				kit.close();
			}
		}
	}

}
