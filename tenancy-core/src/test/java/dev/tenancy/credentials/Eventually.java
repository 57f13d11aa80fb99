package dev.tenancy.credentials;

import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * Waits for an asynchronous outcome (an SDK background refresh) without asserting anything about elapsed time: the
 * deadline only keeps a broken test from hanging.
 */
final class Eventually {

	private static final long DEADLINE_MILLIS = 20_000;

	private Eventually() {
	}

	static void await(String what, BooleanSupplier condition) {
		long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) {
				fail("Gave up waiting for: " + what);
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("Interrupted waiting for: " + what);
			}
		}
	}

}
