package dev.tenancy.test.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ThreadFactory} for the kit's own threads: daemon threads (so that a forgotten kit never keeps a JVM alive)
 * named {@code <prefix>-<n>}, where the prefix always starts with {@value #PREFIX}, which makes leaked threads easy to
 * find in a thread dump and in tests.
 *
 * @author tenancy
 * @since 0.1
 */
public final class DaemonThreadFactory implements ThreadFactory {

	/** Prefix of the name of every thread the kit creates. */
	public static final String PREFIX = "tenancy-test-";

	private final String prefix;

	private final AtomicInteger counter = new AtomicInteger();

	private DaemonThreadFactory(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * Create a factory for threads named {@code tenancy-test-<name>-<n>}.
	 * @param name what the threads do, for example {@code "k1-sts"}; must not be empty
	 * @return the factory
	 */
	public static DaemonThreadFactory named(String name) {
		if (name.isEmpty()) {
			throw new IllegalArgumentException("Thread name must not be empty");
		}
		return new DaemonThreadFactory(name.startsWith(PREFIX) ? name : PREFIX + name);
	}

	/**
	 * @return the name prefix of the threads created by this factory, including {@value #PREFIX}
	 */
	public String prefix() {
		return this.prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + "-" + this.counter.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
