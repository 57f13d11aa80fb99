package dev.tenancy.dynamodb;

import java.util.function.Supplier;

import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The waiter of {@link CheckedDynamoDbClient}: the SDK's waiter over the wrapper, except that when a poll fails
 * with a tenancy exception (a guard denial, a missing tenant), that exception is thrown rather than the SDK's generic
 * "did not match any waiter acceptors" client exception wrapping it. Waits the SDK adds later are not overridden and
 * keep the interface's default behaviour, which is to throw {@link UnsupportedOperationException}.
 *
 * @author tenancy
 * @since 0.2
 */
final class CheckedDynamoDbWaiter implements DynamoDbWaiter {

	private final DynamoDbWaiter delegate;

	CheckedDynamoDbWaiter(DynamoDbWaiter delegate) {
		this.delegate = delegate;
	}

	@Override
	public WaiterResponse<DescribeTableResponse> waitUntilTableExists(DescribeTableRequest request) {
		return unwrapping(() -> this.delegate.waitUntilTableExists(request));
	}

	@Override
	public WaiterResponse<DescribeTableResponse> waitUntilTableExists(DescribeTableRequest request,
			WaiterOverrideConfiguration override) {
		return unwrapping(() -> this.delegate.waitUntilTableExists(request, override));
	}

	@Override
	public WaiterResponse<DescribeTableResponse> waitUntilTableNotExists(DescribeTableRequest request) {
		return unwrapping(() -> this.delegate.waitUntilTableNotExists(request));
	}

	@Override
	public WaiterResponse<DescribeTableResponse> waitUntilTableNotExists(DescribeTableRequest request,
			WaiterOverrideConfiguration override) {
		return unwrapping(() -> this.delegate.waitUntilTableNotExists(request, override));
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private static <T> T unwrapping(Supplier<T> wait) {
		try {
			return wait.get();
		}
		catch (RuntimeException ex) {
			throw CheckedDynamoDbClient.unwrap(ex);
		}
	}

}
