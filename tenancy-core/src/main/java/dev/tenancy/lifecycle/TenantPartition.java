package dev.tenancy.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.IncompleteBatchException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.util.Assert;

/**
 * The base items of one tenant in one physical table: every item whose partition key is exactly the tenant's
 * ({@code TENANT#<id>}). Index entries follow their base items, so putting and deleting base items is all a move or
 * a purge writes. Reads are consistent Queries on the partition (never a Scan), in pages of at most
 * {@value #PAGE_SIZE} items resumable from the last evaluated key; writes are BatchWriteItem of at most
 * {@value #BATCH_SIZE} items with unprocessed items retried. Puts of the same item and deletes of absent items are
 * idempotent, so any step can be repeated.
 * <p>
 * The client is the tenant-scoped client of the lifecycle operation: it must run inside the tenant's scope.
 *
 * @author tenancy
 * @since 0.4
 */
final class TenantPartition {

	/** Items per BatchWriteItem. */
	static final int BATCH_SIZE = 25;

	/** Items per page read (and per journal cursor of a move). */
	static final int PAGE_SIZE = 100;

	private static final int MAX_ATTEMPTS = 10;

	private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(20),
			Duration.ofSeconds(2));

	private final DynamoDbClient client;

	private final String table;

	private final String partitionKeyAttribute;

	private final @Nullable String sortKeyAttribute;

	private final String partitionKey;

	TenantPartition(DynamoDbClient client, String table, String partitionKeyAttribute,
			@Nullable String sortKeyAttribute, String partitionKey) {
		this.client = client;
		this.table = table;
		this.partitionKeyAttribute = partitionKeyAttribute;
		this.sortKeyAttribute = sortKeyAttribute;
		this.partitionKey = partitionKey;
	}

	/**
	 * @return the physical table
	 */
	String table() {
		return this.table;
	}

	/**
	 * Hand each page of the partition to the consumer, in key order, starting after {@code start}.
	 * @param start the last evaluated key to continue after, or {@literal null} from the beginning
	 * @param pages receives each page's items and the key to continue after it ({@literal null} after the last)
	 * @return whether the table exists (a missing table is an empty partition)
	 */
	boolean forEachPage(@Nullable Map<String, AttributeValue> start, PageConsumer pages) {
		QueryRequest.Builder request = QueryRequest.builder()
			.tableName(this.table)
			.keyConditionExpression("#pk = :pk")
			.expressionAttributeNames(Map.of("#pk", this.partitionKeyAttribute))
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(this.partitionKey)))
			.consistentRead(true)
			.limit(PAGE_SIZE);
		if (start != null && !start.isEmpty()) {
			request.exclusiveStartKey(start);
		}
		try {
			for (QueryResponse page : this.client.queryPaginator(request.build())) {
				Map<String, AttributeValue> last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
						? page.lastEvaluatedKey() : null;
				pages.accept(page.items(), last);
			}
			return true;
		}
		catch (ResourceNotFoundException ex) {
			return false;
		}
	}

	/**
	 * @return whether the partition has no item
	 * @throws ResourceNotFoundException if the table does not exist
	 */
	boolean isEmpty() {
		return this.client
			.query((request) -> request.tableName(this.table)
				.keyConditionExpression("#pk = :pk")
				.expressionAttributeNames(Map.of("#pk", this.partitionKeyAttribute))
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(this.partitionKey)))
				.consistentRead(true)
				.limit(1))
			.items()
			.isEmpty();
	}

	/**
	 * Put the items (each must be in this partition).
	 * @param items the items
	 */
	void putAll(List<Map<String, AttributeValue>> items) {
		List<WriteRequest> writes = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			Assert.isTrue(this.partitionKey.equals(stringAt(item, this.partitionKeyAttribute)),
					() -> "Item " + keyOf(item) + " is not in partition " + this.partitionKey + "; it was not put");
			writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
		}
		write(writes);
	}

	/**
	 * Delete the items with the keys of the given items.
	 * @param items the items (or their keys)
	 */
	void deleteAll(List<Map<String, AttributeValue>> items) {
		List<WriteRequest> writes = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(keyOf(item)).build()).build());
		}
		write(writes);
	}

	/**
	 * @param item an item of this partition
	 * @return its primary key
	 */
	Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
		Map<String, AttributeValue> key = new LinkedHashMap<>();
		key.put(this.partitionKeyAttribute, item.get(this.partitionKeyAttribute));
		if (this.sortKeyAttribute != null) {
			key.put(this.sortKeyAttribute, item.get(this.sortKeyAttribute));
		}
		return key;
	}

	private static @Nullable String stringAt(Map<String, AttributeValue> item, String attribute) {
		AttributeValue value = item.get(attribute);
		return (value != null) ? value.s() : null;
	}

	private void write(List<WriteRequest> writes) {
		for (int from = 0; from < writes.size(); from += BATCH_SIZE) {
			writeChunk(writes.subList(from, Math.min(from + BATCH_SIZE, writes.size())));
		}
	}

	private void writeChunk(List<WriteRequest> chunk) {
		List<WriteRequest> request = chunk;
		int processed = 0;
		for (int attempt = 1;; attempt++) {
			List<WriteRequest> items = request;
			BatchWriteItemResponse response = this.client
				.batchWriteItem((batch) -> batch.requestItems(Map.of(this.table, items)));
			List<WriteRequest> unprocessed = response.hasUnprocessedItems()
					? response.unprocessedItems().getOrDefault(this.table, List.of()) : List.of();
			processed += request.size() - unprocessed.size();
			if (unprocessed.isEmpty()) {
				return;
			}
			if (attempt >= MAX_ATTEMPTS) {
				throw new IncompleteBatchException("BatchWriteItem", this.table, processed, unprocessed.size(), attempt);
			}
			sleep(BACKOFF.computeDelay(attempt));
			request = unprocessed;
		}
	}

	private void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException("Interrupted while retrying unprocessed items on table '"
					+ this.table + "'; they were not processed.", ex);
		}
	}

	@Override
	public String toString() {
		return "TenantPartition[" + this.table + ", " + this.partitionKey + "]";
	}

	/** Receives one page of a partition. */
	@FunctionalInterface
	interface PageConsumer {

		/**
		 * @param items the page's items
		 * @param last the key to continue after this page, or {@literal null} if it is the last page
		 */
		void accept(List<Map<String, AttributeValue>> items, @Nullable Map<String, AttributeValue> last);

	}

}
