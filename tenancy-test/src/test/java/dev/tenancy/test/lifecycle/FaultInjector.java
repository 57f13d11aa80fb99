package dev.tenancy.test.lifecycle;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * An execution interceptor of the lifecycle client that fails the n-th request of an operation (counted from when it
 * was armed) before it is sent, as a crash or a network failure would in the middle of a lifecycle operation.
 */
final class FaultInjector implements ExecutionInterceptor {

	private volatile @Nullable String operation;

	private final AtomicInteger remaining = new AtomicInteger();

	private final AtomicInteger injected = new AtomicInteger();

	/**
	 * Fail the {@code nth} request of {@code operation} from now on (once).
	 */
	void failOn(String operation, int nth) {
		this.remaining.set(nth);
		this.operation = operation;
	}

	void disarm() {
		this.operation = null;
	}

	int injected() {
		return this.injected.get();
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		String armed = this.operation;
		String name = context.request().getClass().getSimpleName();
		if (armed != null && name.equals(armed + "Request") && this.remaining.decrementAndGet() == 0) {
			this.operation = null;
			this.injected.incrementAndGet();
			throw new IllegalStateException("Injected fault: " + armed + " failed before it was sent");
		}
	}

}
