package dev.tenancy.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Batch reads and writes: chunks of DynamoDB's batch sizes, and unprocessed items retried with the configured backoff
 * until the attempts run out ({@link IncompleteBatchException}, naming how many were processed). The enhanced
 * client's batch builders are not used: they return unprocessed items to the caller instead of retrying them.
 */
final class BatchExecutor {

	/** Items per BatchWriteItem. */
	static final int WRITE_SIZE = 25;

	/** Keys per BatchGetItem. */
	static final int GET_SIZE = 100;

	private static final Log logger = LogFactory.getLog(BatchExecutor.class);

	private final DynamoDbCalls calls;

	private final int maxAttempts;

	private final BackoffStrategy backoff;

	BatchExecutor(DynamoDbCalls calls, int maxAttempts, BackoffStrategy backoff) {
		this.calls = calls;
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
	}

	static WriteRequest deleteRequest(Map<String, AttributeValue> key) {
		return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
	}

	/**
	 * Write all requests to one table, in chunks of {@value #WRITE_SIZE}.
	 */
	void write(String table, List<WriteRequest> writes) {
		for (int from = 0; from < writes.size(); from += WRITE_SIZE) {
			writeChunk(table, writes.subList(from, Math.min(from + WRITE_SIZE, writes.size())));
		}
	}

	private void writeChunk(String table, List<WriteRequest> chunk) {
		List<WriteRequest> request = chunk;
		int processed = 0;
		for (int attempt = 1;; attempt++) {
			List<WriteRequest> items = request;
			BatchWriteItemResponse response = this.calls.execute((client) -> client
				.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(table, items)).build()));
			List<WriteRequest> unprocessed = response.hasUnprocessedItems()
					? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
			processed += request.size() - unprocessed.size();
			if (unprocessed.isEmpty()) {
				return;
			}
			if (attempt >= this.maxAttempts) {
				throw new IncompleteBatchException("BatchWriteItem", table, processed, unprocessed.size(), attempt);
			}
			backoff(attempt, "BatchWriteItem", table, unprocessed.size());
			request = unprocessed;
		}
	}

	/**
	 * Read one chunk of at most {@value #GET_SIZE} keys of one table, handing each page of items to the consumer.
	 */
	void get(String table, KeysAndAttributes chunk, PageConsumer consumer) {
		KeysAndAttributes request = chunk;
		int processed = 0;
		for (int attempt = 1;; attempt++) {
			KeysAndAttributes keys = request;
			BatchGetItemResponse response = this.calls.execute((client) -> client
				.batchGetItem(BatchGetItemRequest.builder().requestItems(Map.of(table, keys)).build()));
			consumer.accept(response.responses().getOrDefault(table, List.of()));
			KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
			int remaining = (unprocessed != null && unprocessed.hasKeys()) ? unprocessed.keys().size() : 0;
			processed += request.keys().size() - remaining;
			if (remaining == 0) {
				return;
			}
			if (attempt >= this.maxAttempts) {
				throw new IncompleteBatchException("BatchGetItem", table, processed, remaining, attempt);
			}
			backoff(attempt, "BatchGetItem", table, remaining);
			request = unprocessed;
		}
	}

	private void backoff(int attempt, String operation, String table, int remaining) {
		Duration delay = this.backoff.computeDelay(attempt);
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("%s on table '%s' left %d items unprocessed; retrying in %d ms (attempt %d of %d)",
					operation, table, remaining, delay.toMillis(), attempt + 1, this.maxAttempts));
		}
		if (delay.isZero() || delay.isNegative()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException(String.format("Interrupted while retrying %d unprocessed "
					+ "items of %s on table '%s'; they were not processed.", remaining, operation, table), ex);
		}
	}

	/** Receives the items of one BatchGetItem response. */
	@FunctionalInterface
	interface PageConsumer {

		void accept(List<Map<String, AttributeValue>> items);

	}

}
