package dev.tenancy.test.lifecycle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * An execution interceptor of the lifecycle client that fails the n-th request of an operation (counted from when it
 * was armed) before it is sent, as a crash or a network failure would in the middle of a lifecycle operation.
 */
final class FaultInjector implements ExecutionInterceptor {

	private volatile @Nullable String operation;

	private final AtomicInteger remaining = new AtomicInteger();

	private final AtomicInteger injected = new AtomicInteger();

	private final AtomicBoolean dropOne = new AtomicBoolean();

	/**
	 * Fail the {@code nth} request of {@code operation} from now on (once).
	 */
	void failOn(String operation, int nth) {
		this.remaining.set(nth);
		this.operation = operation;
	}

	/**
	 * Silently leave one item out of the next BatchWriteItem (a lossy copy that reports success).
	 */
	void dropOneItemOfTheNextBatchWrite() {
		this.dropOne.set(true);
	}

	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
		if (context.request() instanceof BatchWriteItemRequest batch && this.dropOne.compareAndSet(true, false)) {
			Map<String, List<WriteRequest>> items = new HashMap<>();
			batch.requestItems().forEach((table, writes) -> items.put(table, writes.subList(1, writes.size())));
			this.injected.incrementAndGet();
			return batch.toBuilder().requestItems(items).build();
		}
		return context.request();
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
