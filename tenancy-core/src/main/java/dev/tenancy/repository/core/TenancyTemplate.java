package dev.tenancy.repository.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.DynamoDbExceptionTranslator;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.iam.TenantKeyTemplate;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The default {@link TenancyOperations}: runs tenant-confined requests on one shared, tenant-scoped
 * {@link DynamoDbClient} and maps items with the entities' enhanced-client {@code TableSchema}.
 * <p>
 * For every call it takes the tenant from the calling thread's scope, builds the partition key with the
 * {@link TenantKeyTemplate} ({@code TENANT#<tenant>}), adds the entity's sort-key prefix to identities, and composes
 * tenant index keys ({@code TENANT#<tenant>#<prefix>#<values>}). Collections are Queries on
 * {@code pk = :tenant AND begins_with(sk, :prefix)} (or on a tenant index, narrowed to the entity type), never Scans.
 * Every item a response returns passes the read-side check first: an item whose partition key is not the tenant's is
 * never mapped; the read fails with {@link TenantAccessDeniedException} (layer
 * {@link EnforcementLayer#READ_CHECK}) and the {@link TenantReadCheckListener} is told (TH-14). An entity
 * whose partition-key property names another tenant is refused before any write (TH-13).
 * <p>
 * Items are translated as attribute maps, before the enhanced client maps them, so the check costs one string
 * comparison per item and works for {@code @DynamoDbBean} and {@code @DynamoDbImmutable} entities alike. Batch calls
 * are chunked (25 writes, 100 reads) and unprocessed items are retried with backoff, a bounded number of times. SDK
 * exceptions are translated with {@link DynamoDbExceptionTranslator}. Thread-safe.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyTemplate implements TenancyOperations {

	private static final Log logger = LogFactory.getLog(TenancyTemplate.class);

	static final int BATCH_WRITE_SIZE = 25;

	static final int BATCH_GET_SIZE = 100;

	static final int TRANSACTION_SIZE = 100;

	/** The largest code point: {@code prefix + MAX_SUFFIX} sorts after every identity that starts with prefix. */
	private static final String MAX_SUFFIX = new String(Character.toChars(Character.MAX_CODE_POINT));

	private final DynamoDbClient client;

	private final TenantKeyTemplate keyTemplate;

	private final TenancyMappingContext mappingContext;

	private final TenantReadCheckListener readCheckListener;

	private final DynamoDbExceptionTranslator translator = new DynamoDbExceptionTranslator();

	private final int maxBatchAttempts;

	private final BackoffStrategy batchBackoff;

	private final boolean consistentReads;

	/**
	 * Create a template with the defaults of {@link #builder()}.
	 * @param client the tenant-scoped client; must not be {@literal null}
	 * @param keyTemplate builds tenant partition keys; must not be {@literal null}
	 */
	public TenancyTemplate(DynamoDbClient client, TenantKeyTemplate keyTemplate) {
		this(builder().client(client).keyTemplate(keyTemplate));
	}

	/**
	 * Create a template with the defaults of {@link #builder()} on a shared mapping context, so that the template
	 * addresses the same (for example prefixed) tables that the policies generated from that context grant.
	 * @param client the tenant-scoped client; must not be {@literal null}
	 * @param keyTemplate builds tenant partition keys; must not be {@literal null}
	 * @param mappingContext holds the entity metadata and the table name resolver; must not be {@literal null}
	 */
	public TenancyTemplate(DynamoDbClient client, TenantKeyTemplate keyTemplate, TenancyMappingContext mappingContext) {
		this(builder().client(client).keyTemplate(keyTemplate).mappingContext(mappingContext));
	}

	private TenancyTemplate(Builder builder) {
		Assert.state(builder.client != null, "A DynamoDbClient is required");
		Assert.state(builder.keyTemplate != null, "A TenantKeyTemplate is required");
		this.client = builder.client;
		this.keyTemplate = builder.keyTemplate;
		this.mappingContext = builder.mappingContext;
		this.readCheckListener = builder.readCheckListener;
		this.maxBatchAttempts = builder.maxBatchAttempts;
		this.batchBackoff = builder.batchBackoff;
		this.consistentReads = builder.consistentReads;
	}

	/**
	 * @return a builder; {@code client} and {@code keyTemplate} are required
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public TenancyMappingContext mappingContext() {
		return this.mappingContext;
	}

	// ---- single-item writes

	@Override
	public <T> T insert(T entity) {
		TenantEntityMetadata<T> metadata = metadataOf(entity);
		TenantKeys keys = keys("insert", metadata.type());
		Map<String, AttributeValue> item = toItem(metadata, entity, keys, "dynamodb:PutItem");
		if (metadata.versionAttribute() != null) {
			item.put(metadata.versionAttribute(), number(metadata.versionStartAt() + metadata.versionIncrementBy()));
		}
		PutItemRequest request = PutItemRequest.builder()
			.tableName(metadata.tableName())
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", metadata.partitionKeyAttribute()))
			.build();
		try {
			this.client.putItem(request);
		}
		catch (ConditionalCheckFailedException ex) {
			throw duplicate(metadata, item, ex);
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
		return toEntity(metadata, item, keys);
	}

	@Override
	public <T> T save(T entity) {
		TenantEntityMetadata<T> metadata = metadataOf(entity);
		TenantKeys keys = keys("save", metadata.type());
		Map<String, AttributeValue> item = toItem(metadata, entity, keys, "dynamodb:PutItem");
		PutItemRequest.Builder request = PutItemRequest.builder().tableName(metadata.tableName());
		VersionCondition condition = versionForWrite(metadata, item);
		if (condition != null) {
			request.conditionExpression(condition.expression()).expressionAttributeNames(condition.names());
			if (!condition.values().isEmpty()) {
				request.expressionAttributeValues(condition.values());
			}
		}
		try {
			this.client.putItem(request.item(item).build());
		}
		catch (ConditionalCheckFailedException ex) {
			throw (condition != null) ? optimisticLockingFailure(metadata, item, condition, ex)
					: this.translator.translate(ex);
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
		return toEntity(metadata, item, keys);
	}

	@Override
	public <T> List<T> saveAll(Iterable<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		List<T> result = new ArrayList<>();
		Map<TenantEntityMetadata<?>, LinkedHashMap<String, Map<String, AttributeValue>>> batches = new LinkedHashMap<>();
		TenantKeys keys = null;
		List<Object> order = new ArrayList<>();
		for (T entity : entities) {
			TenantEntityMetadata<T> metadata = metadataOf(entity);
			if (metadata.versionAttribute() != null) {
				order.add(save(entity));
				continue;
			}
			if (keys == null) {
				keys = keys("saveAll", metadata.type());
			}
			Map<String, AttributeValue> item = toItem(metadata, entity, keys, "dynamodb:BatchWriteItem");
			String id = metadata.id(entity);
			batches.computeIfAbsent(metadata, (key) -> new LinkedHashMap<>()).put(id, item);
			order.add(new PendingItem(metadata, id));
		}
		for (Map.Entry<TenantEntityMetadata<?>, LinkedHashMap<String, Map<String, AttributeValue>>> batch : batches
			.entrySet()) {
			List<WriteRequest> writes = new ArrayList<>();
			for (Map<String, AttributeValue> item : batch.getValue().values()) {
				writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
			}
			batchWrite(batch.getKey().tableName(), writes);
		}
		for (Object entry : order) {
			if (entry instanceof PendingItem pending) {
				Map<String, AttributeValue> item = batches.get(pending.metadata()).get(pending.id());
				result.add(castEntity(toEntity(pending.metadata(), item, keys)));
			}
			else {
				result.add(castEntity(entry));
			}
		}
		return result;
	}

	@SuppressWarnings("unchecked")
	private static <T> T castEntity(Object entity) {
		return (T) entity;
	}

	// ---- single-item reads

	@Override
	public <T> Optional<T> findById(String id, Class<T> type) {
		TenantEntityMetadata<T> metadata = metadata(type);
		TenantKeys keys = keys("findById", type);
		GetItemRequest request = GetItemRequest.builder()
			.tableName(metadata.tableName())
			.key(key(metadata, keys, id))
			.consistentRead(this.consistentReads)
			.build();
		GetItemResponse response;
		try {
			response = this.client.getItem(request);
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
		if (!response.hasItem() || response.item().isEmpty()) {
			return Optional.empty();
		}
		check(metadata, response.item(), keys, "GetItem", null);
		return Optional.of(toEntity(metadata, response.item(), keys));
	}

	@Override
	public boolean existsById(String id, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = keys("existsById", type);
		GetItemRequest request = GetItemRequest.builder()
			.tableName(metadata.tableName())
			.key(key(metadata, keys, id))
			.projectionExpression("#pk")
			.expressionAttributeNames(Map.of("#pk", metadata.partitionKeyAttribute()))
			.consistentRead(this.consistentReads)
			.build();
		GetItemResponse response;
		try {
			response = this.client.getItem(request);
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
		if (!response.hasItem() || response.item().isEmpty()) {
			return false;
		}
		check(metadata, response.item(), keys, "GetItem", null);
		return true;
	}

	@Override
	public <T> List<T> findAllById(Iterable<String> ids, Class<T> type) {
		Assert.notNull(ids, "Ids must not be null");
		TenantEntityMetadata<T> metadata = metadata(type);
		TenantKeys keys = keys("findAllById", type);
		Set<String> unique = new LinkedHashSet<>();
		for (String id : ids) {
			Assert.hasLength(id, "Ids must not contain null or empty values");
			unique.add(id);
		}
		Map<String, T> found = new HashMap<>();
		List<Map<String, AttributeValue>> pending = new ArrayList<>();
		for (String id : unique) {
			pending.add(key(metadata, keys, id));
			if (pending.size() == BATCH_GET_SIZE) {
				batchGet(metadata, keys, pending, found);
				pending = new ArrayList<>();
			}
		}
		if (!pending.isEmpty()) {
			batchGet(metadata, keys, pending, found);
		}
		List<T> result = new ArrayList<>(found.size());
		for (String id : unique) {
			T entity = found.get(id);
			if (entity != null) {
				result.add(entity);
			}
		}
		return result;
	}

	private <T> void batchGet(TenantEntityMetadata<T> metadata, TenantKeys keys,
			List<Map<String, AttributeValue>> chunk, Map<String, T> found) {
		String table = metadata.tableName();
		KeysAndAttributes request = KeysAndAttributes.builder().keys(chunk).consistentRead(this.consistentReads).build();
		int processed = 0;
		for (int attempt = 1;; attempt++) {
			BatchGetItemResponse response;
			try {
				response = this.client.batchGetItem(BatchGetItemRequest.builder().requestItems(Map.of(table, request))
					.build());
			}
			catch (RuntimeException ex) {
				throw this.translator.translate(ex);
			}
			List<Map<String, AttributeValue>> items = response.responses().getOrDefault(table, List.of());
			for (Map<String, AttributeValue> item : items) {
				check(metadata, item, keys, "BatchGetItem", null);
			}
			for (Map<String, AttributeValue> item : items) {
				T entity = toEntity(metadata, item, keys);
				found.put(metadata.id(entity), entity);
			}
			KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
			int remaining = (unprocessed != null && unprocessed.hasKeys()) ? unprocessed.keys().size() : 0;
			processed += request.keys().size() - remaining;
			if (remaining == 0) {
				return;
			}
			if (attempt >= this.maxBatchAttempts) {
				throw new IncompleteBatchException("BatchGetItem", table, processed, remaining, attempt);
			}
			backoff(attempt, "BatchGetItem", table, remaining);
			request = unprocessed;
		}
	}

	// ---- deletes

	@Override
	public void deleteById(String id, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = keys("deleteById", type);
		try {
			this.client.deleteItem(DeleteItemRequest.builder()
				.tableName(metadata.tableName())
				.key(key(metadata, keys, id))
				.build());
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
	}

	@Override
	public void delete(Object entity) {
		TenantEntityMetadata<Object> metadata = metadataOf(entity);
		TenantKeys keys = keys("delete", metadata.type());
		Map<String, AttributeValue> item = toItem(metadata, entity, keys, "dynamodb:DeleteItem");
		DeleteItemRequest.Builder request = DeleteItemRequest.builder()
			.tableName(metadata.tableName())
			.key(keyOf(metadata, item));
		VersionCondition condition = versionForDelete(metadata, item);
		if (condition != null) {
			request.conditionExpression(condition.expression()).expressionAttributeNames(condition.names());
			if (!condition.values().isEmpty()) {
				request.expressionAttributeValues(condition.values());
			}
		}
		try {
			this.client.deleteItem(request.build());
		}
		catch (ConditionalCheckFailedException ex) {
			throw (condition != null) ? optimisticLockingFailure(metadata, item, condition, ex)
					: this.translator.translate(ex);
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
	}

	@Override
	public void deleteAllById(Iterable<String> ids, Class<?> type) {
		Assert.notNull(ids, "Ids must not be null");
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = keys("deleteAllById", type);
		Set<String> unique = new LinkedHashSet<>();
		for (String id : ids) {
			Assert.hasLength(id, "Ids must not contain null or empty values");
			unique.add(id);
		}
		List<WriteRequest> writes = new ArrayList<>(unique.size());
		for (String id : unique) {
			writes.add(deleteRequest(key(metadata, keys, id)));
		}
		batchWrite(metadata.tableName(), writes);
	}

	@Override
	public void deleteAll(Iterable<?> entities) {
		Assert.notNull(entities, "Entities must not be null");
		Map<String, Map<String, Map<String, AttributeValue>>> byTable = new LinkedHashMap<>();
		for (Object entity : entities) {
			TenantEntityMetadata<Object> metadata = metadataOf(entity);
			if (metadata.versionAttribute() != null) {
				delete(entity);
				continue;
			}
			TenantKeys keys = keys("deleteAll", metadata.type());
			Map<String, AttributeValue> key = keyOf(metadata, toItem(metadata, entity, keys, "dynamodb:BatchWriteItem"));
			byTable.computeIfAbsent(metadata.tableName(), (table) -> new LinkedHashMap<>())
				.put(key.get(metadata.sortKey().attribute()).s(), key);
		}
		for (Map.Entry<String, Map<String, Map<String, AttributeValue>>> table : byTable.entrySet()) {
			List<WriteRequest> writes = new ArrayList<>();
			for (Map<String, AttributeValue> key : table.getValue().values()) {
				writes.add(deleteRequest(key));
			}
			batchWrite(table.getKey(), writes);
		}
	}

	@Override
	public void deleteAll(Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = keys("deleteAll", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		query(metadata, TenancyQuery.table(), keys, null, Integer.MAX_VALUE, ReadMode.KEYS, items);
		List<WriteRequest> writes = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			writes.add(deleteRequest(keyOf(metadata, item)));
		}
		batchWrite(metadata.tableName(), writes);
	}

	private static WriteRequest deleteRequest(Map<String, AttributeValue> key) {
		return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
	}

	private void batchWrite(String table, List<WriteRequest> writes) {
		for (int from = 0; from < writes.size(); from += BATCH_WRITE_SIZE) {
			List<WriteRequest> chunk = writes.subList(from, Math.min(from + BATCH_WRITE_SIZE, writes.size()));
			batchWriteChunk(table, chunk);
		}
	}

	private void batchWriteChunk(String table, List<WriteRequest> chunk) {
		List<WriteRequest> request = chunk;
		int processed = 0;
		for (int attempt = 1;; attempt++) {
			BatchWriteItemResponse response;
			try {
				response = this.client.batchWriteItem(BatchWriteItemRequest.builder()
					.requestItems(Map.of(table, request))
					.build());
			}
			catch (RuntimeException ex) {
				throw this.translator.translate(ex);
			}
			List<WriteRequest> unprocessed = response.hasUnprocessedItems()
					? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
			processed += request.size() - unprocessed.size();
			if (unprocessed.isEmpty()) {
				return;
			}
			if (attempt >= this.maxBatchAttempts) {
				throw new IncompleteBatchException("BatchWriteItem", table, processed, unprocessed.size(), attempt);
			}
			backoff(attempt, "BatchWriteItem", table, unprocessed.size());
			request = unprocessed;
		}
	}

	private void backoff(int attempt, String operation, String table, int remaining) {
		Duration delay = this.batchBackoff.computeDelay(attempt);
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("%s on table '%s' left %d items unprocessed; retrying in %d ms (attempt %d of %d)",
					operation, table, remaining, delay.toMillis(), attempt + 1, this.maxBatchAttempts));
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

	// ---- queries

	@Override
	public <T> List<T> findAll(Class<T> type) {
		return find(TenancyQuery.table(), type);
	}

	@Override
	public long count(Class<?> type) {
		return count(TenancyQuery.table(), type);
	}

	@Override
	public <T> List<T> find(TenancyQuery query, Class<T> type) {
		TenantEntityMetadata<T> metadata = metadata(type);
		TenantKeys keys = keys("query", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		query(metadata, query, keys, null, max(query), ReadMode.ITEMS, items);
		return toEntities(metadata, items, keys);
	}

	@Override
	public <T> Window<T> scroll(TenancyQuery query, ScrollPosition position, Class<T> type) {
		Assert.notNull(position, "ScrollPosition must not be null");
		TenantEntityMetadata<T> metadata = metadata(type);
		TenantKeys keys = keys("scroll", type);
		boolean backward = false;
		Map<String, Object> positionKeys = Map.of();
		if (position instanceof KeysetScrollPosition keyset) {
			backward = keyset.scrollsBackward();
			positionKeys = keyset.getKeys();
		}
		else if (!(position instanceof OffsetScrollPosition offset) || !offset.isInitial()) {
			throw new InvalidDataAccessApiUsageException(String.format("Cannot scroll '%s' from %s: DynamoDB pages by "
					+ "key; use ScrollPosition.keyset() and the positions of the returned Window.",
					type.getSimpleName(), position));
		}
		TenancyQuery effective = backward ? query.withAscending(!query.ascending()) : query;
		Map<String, AttributeValue> startKey = positionKeys.isEmpty() ? null
				: startKey(metadata, effective, keys, positionKeys);
		int limit = max(query);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		query(metadata, effective, keys, startKey, (limit == Integer.MAX_VALUE) ? limit : limit + 1, ReadMode.ITEMS,
				items);
		boolean hasNext = items.size() > limit;
		List<Map<String, AttributeValue>> window = hasNext ? new ArrayList<>(items.subList(0, limit)) : items;
		if (backward) {
			Collections.reverse(window);
		}
		List<T> entities = toEntities(metadata, window, keys);
		List<Map<String, Object>> positions = new ArrayList<>(window.size());
		for (Map<String, AttributeValue> item : window) {
			positions.add(positionKeys(metadata, effective, item));
		}
		boolean reverse = backward;
		return Window.from(entities,
				(index) -> reverse ? ScrollPosition.backward(positions.get(index))
						: ScrollPosition.forward(positions.get(index)),
				hasNext);
	}

	@Override
	public long count(TenancyQuery query, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = keys("count", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		return query(metadata, query, keys, null, max(query), ReadMode.COUNT, items);
	}

	@Override
	public boolean exists(TenancyQuery query, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = keys("exists", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>(1);
		query(metadata, query, keys, null, 1, ReadMode.KEYS, items);
		return !items.isEmpty();
	}

	@Override
	public <T> List<T> delete(TenancyQuery query, Class<T> type) {
		TenantEntityMetadata<T> metadata = metadata(type);
		TenantKeys keys = keys("delete", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		query(metadata, query, keys, null, max(query), ReadMode.ITEMS, items);
		List<WriteRequest> writes = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			writes.add(deleteRequest(keyOf(metadata, item)));
		}
		batchWrite(metadata.tableName(), writes);
		return toEntities(metadata, items, keys);
	}

	private static int max(TenancyQuery query) {
		return query.limit().isLimited() ? query.limit().max() : Integer.MAX_VALUE;
	}

	/**
	 * Run a query page by page until {@code maxItems} checked items are collected or the results end.
	 * @param mode what to read: whole items, keys only, or (where exact) just the count
	 * @param sink receives the checked items (not used when counting)
	 * @return the number of matching items
	 */
	private long query(TenantEntityMetadata<?> metadata, TenancyQuery query, TenantKeys keys,
			@Nullable Map<String, AttributeValue> startKey, int maxItems, ReadMode mode,
			List<Map<String, AttributeValue>> sink) {
		TenantIndexMetadata index = index(metadata, query);
		PreparedQuery prepared = prepare(metadata, index, query, keys);
		if (prepared == null) {
			return 0;
		}
		QueryRequest.Builder request = prepared.request();
		// A count on an index reads the keys so that each item passes the read-side check: an index partition may
		// hold another tenant's item (TH-23), which Select COUNT would count unseen
		boolean countOnly = mode == ReadMode.COUNT && index == null && maxItems == Integer.MAX_VALUE
				&& prepared.excluded() == null;
		if (countOnly) {
			request.select(Select.COUNT);
		}
		else if (mode != ReadMode.ITEMS) {
			if (index != null) {
				prepared.names().put("#tpk", metadata.partitionKeyAttribute());
			}
			request.projectionExpression(prepared.keyProjection());
		}
		request.expressionAttributeNames(prepared.names()).expressionAttributeValues(prepared.values());
		Map<String, AttributeValue> exclusiveStartKey = startKey;
		long seen = 0;
		while (true) {
			if (!countOnly && maxItems != Integer.MAX_VALUE) {
				long remaining = maxItems - sink.size() + ((prepared.excluded() != null) ? 1 : 0);
				request.limit((int) Math.min(remaining, 1000));
			}
			request.exclusiveStartKey(exclusiveStartKey);
			QueryResponse response;
			try {
				response = this.client.query(request.build());
			}
			catch (RuntimeException ex) {
				throw this.translator.translate(ex);
			}
			if (countOnly) {
				Integer count = response.count();
				seen += (count != null) ? count : 0;
			}
			else {
				for (Map<String, AttributeValue> item : response.items()) {
					check(metadata, item, keys, "Query", index);
				}
				for (Map<String, AttributeValue> item : response.items()) {
					if (prepared.excluded() != null
							&& prepared.excluded().equals(item.get(prepared.sortKeyAttribute()))) {
						continue;
					}
					sink.add(item);
					seen++;
					if (sink.size() >= maxItems) {
						return seen;
					}
				}
			}
			if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
				return seen;
			}
			exclusiveStartKey = response.lastEvaluatedKey();
		}
	}

	/** What a query reads. */
	private enum ReadMode {

		/** Whole items. */
		ITEMS,

		/** Only the table (and index) keys. */
		KEYS,

		/** Only the number of items; keys where a count alone would not be exact or would skip the read-side check. */
		COUNT

	}

	private @Nullable TenantIndexMetadata index(TenantEntityMetadata<?> metadata, TenancyQuery query) {
		if (query.index() == null) {
			return null;
		}
		TenantIndexMetadata index = metadata.index(query.index());
		if (index == null) {
			throw new InvalidDataAccessApiUsageException(String.format("'%s' has no tenant index '%s'; declare it with "
					+ "@TenantIndexKey.", metadata.type().getName(), query.index()));
		}
		if (index.attributes().size() != query.indexKeyValues().size()) {
			throw new InvalidDataAccessApiUsageException(String.format("Index '%s' of '%s' is keyed by %s, but the "
					+ "query gives %d value(s).", index.name(), metadata.type().getName(), index.properties(),
					query.indexKeyValues().size()));
		}
		return index;
	}

	/**
	 * Build the request for a query, or return {@literal null} if its sort-key range is empty.
	 */
	private @Nullable PreparedQuery prepare(TenantEntityMetadata<?> metadata, @Nullable TenantIndexMetadata index,
			TenancyQuery query, TenantKeys keys) {
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		QueryRequest.Builder request = QueryRequest.builder()
			.tableName(metadata.tableName())
			.scanIndexForward(query.ascending());
		SortKeyMetadata sortKey;
		StringBuilder condition = new StringBuilder("#pk = :pk");
		String keyProjection;
		String tableSortKey = metadata.sortKey().attribute();
		if (index == null) {
			names.put("#pk", metadata.partitionKeyAttribute());
			values.put(":pk", string(keys.partitionKey()));
			sortKey = metadata.sortKey();
			request.consistentRead(this.consistentReads);
			keyProjection = "#pk, #tsk";
		}
		else {
			request.indexName(index.name());
			names.put("#pk", index.partitionKeyAttribute());
			values.put(":pk", string(indexKey(metadata, index, keys, query.indexKeyValues())));
			sortKey = index.sortKey();
			keyProjection = "#tpk, #tsk, #pk";
			if (sortKey == null || !sortKey.attribute().equals(tableSortKey)) {
				request.filterExpression("begins_with(#tsk, :type)");
				values.put(":type", string(metadata.sortKey().prefix()));
			}
		}
		names.put("#tsk", tableSortKey);
		KeyCondition sortCondition = query.sortKeyCondition();
		AttributeValue excluded = null;
		if (sortKey == null) {
			if (sortCondition != null) {
				throw new InvalidDataAccessApiUsageException(String.format("Index '%s' of '%s' has no sort key, so it "
						+ "cannot take a sort-key condition.", query.index(), metadata.type().getName()));
			}
		}
		else if (sortKey.prefixed()) {
			String prefix = sortKey.prefix();
			String sk = sortKey.attribute().equals(tableSortKey) ? "#tsk" : "#sk";
			names.put(sk, sortKey.attribute());
			if (sortCondition == null) {
				condition.append(" AND begins_with(").append(sk).append(", :sk0)");
				values.put(":sk0", string(prefix));
			}
			else {
				String v0 = prefix + text(sortCondition.values().get(0));
				switch (sortCondition.operator()) {
					case EQ -> between(condition, values, sk, v0, null);
					case BEGINS_WITH -> {
						condition.append(" AND begins_with(").append(sk).append(", :sk0)");
						values.put(":sk0", string(v0));
					}
					case BETWEEN -> {
						String v1 = prefix + text(sortCondition.values().get(1));
						if (compareUtf8(v0, v1) > 0) {
							return null;
						}
						between(condition, values, sk, v0, v1);
					}
					case LT, LE -> {
						between(condition, values, sk, prefix, v0);
						excluded = (sortCondition.operator() == KeyCondition.Operator.LT) ? string(v0) : null;
					}
					case GT, GE -> {
						between(condition, values, sk, v0, prefix + MAX_SUFFIX);
						excluded = (sortCondition.operator() == KeyCondition.Operator.GT) ? string(v0) : null;
					}
				}
			}
		}
		else if (sortCondition != null) {
			names.put("#sk", sortKey.attribute());
			List<AttributeValue> operands = sortCondition.values();
			values.put(":sk0", operands.get(0));
			switch (sortCondition.operator()) {
				case EQ -> condition.append(" AND #sk = :sk0");
				case BEGINS_WITH -> condition.append(" AND begins_with(#sk, :sk0)");
				case LT -> condition.append(" AND #sk < :sk0");
				case LE -> condition.append(" AND #sk <= :sk0");
				case GT -> condition.append(" AND #sk > :sk0");
				case GE -> condition.append(" AND #sk >= :sk0");
				case BETWEEN -> {
					if (compare(operands.get(0), operands.get(1)) > 0) {
						return null;
					}
					condition.append(" AND #sk BETWEEN :sk0 AND :sk1");
					values.put(":sk1", operands.get(1));
				}
			}
		}
		request.keyConditionExpression(condition.toString());
		String excludedAttribute = (sortKey != null) ? sortKey.attribute() : tableSortKey;
		return new PreparedQuery(request, keyProjection, excluded, excludedAttribute, names, values);
	}

	private static void between(StringBuilder condition, Map<String, AttributeValue> values, String sk, String from,
			@Nullable String to) {
		if (to == null) {
			condition.append(" AND ").append(sk).append(" = :sk0");
			values.put(":sk0", string(from));
			return;
		}
		condition.append(" AND ").append(sk).append(" BETWEEN :sk0 AND :sk1");
		values.put(":sk0", string(from));
		values.put(":sk1", string(to));
	}

	/** Compare two strings in DynamoDB's order (UTF-8 bytes, which is code point order). */
	static int compareUtf8(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

	private static int compare(AttributeValue a, AttributeValue b) {
		if (a.n() != null && b.n() != null) {
			return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
		}
		if (a.s() != null && b.s() != null) {
			return compareUtf8(a.s(), b.s());
		}
		return 0;
	}

	private String indexKey(TenantEntityMetadata<?> metadata, TenantIndexMetadata index, TenantKeys keys,
			List<AttributeValue> values) {
		boolean prefixed = !index.prefix().isEmpty();
		String[] parts = new String[values.size() + (prefixed ? 1 : 0)];
		int i = 0;
		if (prefixed) {
			parts[i++] = index.prefix();
		}
		for (AttributeValue value : values) {
			String part = keyPart(value);
			if (part == null) {
				throw new InvalidDataAccessApiUsageException(String.format("Index '%s' of '%s' is keyed by %s, which "
						+ "must not be null or empty in a query.", index.name(), metadata.type().getName(),
						index.properties()));
			}
			parts[i++] = part;
		}
		return this.keyTemplate.compositeKey(keys.tenant(), parts);
	}

	/** The text of a key part, or {@literal null} if the value cannot be one (absent, NULL or empty). */
	private static @Nullable String keyPart(@Nullable AttributeValue value) {
		if (value == null) {
			return null;
		}
		if (value.s() != null) {
			return value.s().isEmpty() ? null : value.s();
		}
		if (value.n() != null) {
			return value.n();
		}
		if (value.bool() != null) {
			return value.bool().toString();
		}
		return null;
	}

	private static String text(AttributeValue value) {
		if (value.s() == null) {
			throw new InvalidDataAccessApiUsageException("An identity in a sort-key condition must be a String.");
		}
		return value.s();
	}

	private Map<String, AttributeValue> startKey(TenantEntityMetadata<?> metadata, TenancyQuery query,
			TenantKeys keys, Map<String, Object> position) {
		Object id = position.get(metadata.idProperty());
		if (!(id instanceof String text) || text.isEmpty()) {
			throw new InvalidDataAccessApiUsageException(String.format("The scroll position for '%s' must hold the "
					+ "identity '%s' as a non-empty String; use a position of a Window returned by this repository.",
					metadata.type().getSimpleName(), metadata.idProperty()));
		}
		Map<String, AttributeValue> key = new HashMap<>(key(metadata, keys, text));
		TenantIndexMetadata index = index(metadata, query);
		if (index != null) {
			key.put(index.partitionKeyAttribute(), string(indexKey(metadata, index, keys, query.indexKeyValues())));
			SortKeyMetadata sortKey = index.sortKey();
			if (sortKey != null && !sortKey.prefixed()) {
				Object value = position.get(sortKey.property());
				if (value == null) {
					throw new InvalidDataAccessApiUsageException(String.format("The scroll position for '%s' lacks "
							+ "the index sort key '%s'; use a position of a Window returned by this repository.",
							metadata.type().getSimpleName(), sortKey.property()));
				}
				key.put(sortKey.attribute(), switch (sortKey.type()) {
					case N -> AttributeValue.builder().n(value.toString()).build();
					case S -> string(value.toString());
					default -> throw new InvalidDataAccessApiUsageException(String.format("Cannot scroll index '%s' "
							+ "of '%s': its sort key is binary.", index.name(), metadata.type().getSimpleName()));
				});
			}
		}
		return key;
	}

	private static Map<String, Object> positionKeys(TenantEntityMetadata<?> metadata, TenancyQuery query,
			Map<String, AttributeValue> item) {
		Map<String, Object> position = new LinkedHashMap<>();
		String stored = item.get(metadata.sortKey().attribute()).s();
		position.put(metadata.idProperty(), stored.substring(metadata.sortKey().prefix().length()));
		if (query.index() != null) {
			TenantIndexMetadata index = metadata.index(query.index());
			SortKeyMetadata sortKey = (index != null) ? index.sortKey() : null;
			if (sortKey != null && !sortKey.prefixed()) {
				AttributeValue value = item.get(sortKey.attribute());
				if (value != null && value.n() != null) {
					position.put(sortKey.property(), new BigDecimal(value.n()));
				}
				else if (value != null && value.s() != null) {
					position.put(sortKey.property(), value.s());
				}
			}
		}
		return position;
	}

	// ---- transactions

	@Override
	public List<Object> transactWrite(Consumer<TenantTransaction> actions) {
		Assert.notNull(actions, "Actions must not be null");
		TenantKeys keys = keys("transactWrite", TenantTransaction.class);
		Transaction transaction = new Transaction(keys);
		actions.accept(transaction);
		if (transaction.items.isEmpty()) {
			return List.of();
		}
		if (transaction.items.size() > TRANSACTION_SIZE) {
			throw new InvalidDataAccessApiUsageException(String.format("A DynamoDB transaction holds at most %d "
					+ "actions, not %d; split the work.", TRANSACTION_SIZE, transaction.items.size()));
		}
		try {
			this.client.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(transaction.items).build());
		}
		catch (TransactionCanceledException ex) {
			throw transactionFailure(transaction, ex);
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
		return written(transaction.written, keys);
	}

	/**
	 * After the commit only: the entities as written, and their new versions on the given entities that can take them.
	 */
	private List<Object> written(List<WrittenEntity> written, TenantKeys keys) {
		List<Object> entities = new ArrayList<>(written.size());
		for (WrittenEntity entity : written) {
			@SuppressWarnings("unchecked")
			TenantEntityMetadata<Object> metadata = (TenantEntityMetadata<Object>) entity.metadata();
			String versionAttribute = metadata.versionAttribute();
			if (versionAttribute != null) {
				Long version = version(metadata, entity.item().get(versionAttribute));
				if (version != null) {
					metadata.setVersion(entity.given(), version);
				}
			}
			entities.add(toEntity(metadata, entity.item(), keys));
		}
		return Collections.unmodifiableList(entities);
	}

	private RuntimeException transactionFailure(Transaction transaction, TransactionCanceledException ex) {
		List<CancellationReason> reasons = ex.hasCancellationReasons() ? ex.cancellationReasons() : List.of();
		for (int i = 0; i < reasons.size() && i < transaction.actions.size(); i++) {
			if (!"ConditionalCheckFailed".equals(reasons.get(i).code())) {
				continue;
			}
			TransactionAction action = transaction.actions.get(i);
			String what = String.format("the '%s' with id '%s'", action.metadata().type().getSimpleName(), action.id());
			return switch (action.kind()) {
				case INSERT -> new DuplicateKeyException(String.format("Transaction canceled: cannot insert %s, an "
						+ "item with this id already exists in the tenant.", what), ex);
				case VERSIONED_WRITE -> new OptimisticLockingFailureException(String.format("Transaction canceled: %s "
						+ "was modified concurrently; reload it and retry.", what), ex);
				case CHECK -> new DataIntegrityViolationException(String.format("Transaction canceled: %s does not "
						+ "exist in the tenant.", what), ex);
				case WRITE -> this.translator.translate(ex);
			};
		}
		return this.translator.translate(ex);
	}

	private enum ActionKind {

		INSERT, WRITE, VERSIONED_WRITE, CHECK

	}

	private record TransactionAction(TenantEntityMetadata<?> metadata, String id, ActionKind kind) {
	}

	/** An entity given to insert or save, and the item written for it. */
	private record WrittenEntity(TenantEntityMetadata<?> metadata, Object given, Map<String, AttributeValue> item) {
	}

	private final class Transaction implements TenantTransaction {

		private final TenantKeys keys;

		private final List<TransactWriteItem> items = new ArrayList<>();

		private final List<TransactionAction> actions = new ArrayList<>();

		private final List<WrittenEntity> written = new ArrayList<>();

		Transaction(TenantKeys keys) {
			this.keys = keys;
		}

		private void requireSameTenant() {
			TenantId current = TenantContext.currentOrNull();
			if (!this.keys.tenant().equals(current)) {
				throw new IllegalStateException(String.format("The transaction for tenant '%s' must be declared in "
						+ "that tenant's scope.", this.keys.tenant()));
			}
		}

		@Override
		public TenantTransaction insert(Object entity) {
			requireSameTenant();
			TenantEntityMetadata<Object> metadata = metadataOf(entity);
			Map<String, AttributeValue> item = toItem(metadata, entity, this.keys, "dynamodb:PutItem");
			if (metadata.versionAttribute() != null) {
				item.put(metadata.versionAttribute(),
						number(metadata.versionStartAt() + metadata.versionIncrementBy()));
			}
			this.items.add(TransactWriteItem.builder()
				.put(Put.builder()
					.tableName(metadata.tableName())
					.item(item)
					.conditionExpression("attribute_not_exists(#pk)")
					.expressionAttributeNames(Map.of("#pk", metadata.partitionKeyAttribute()))
					.build())
				.build());
			this.actions.add(new TransactionAction(metadata, metadata.id(entity), ActionKind.INSERT));
			this.written.add(new WrittenEntity(metadata, entity, item));
			return this;
		}

		@Override
		public TenantTransaction save(Object entity) {
			requireSameTenant();
			TenantEntityMetadata<Object> metadata = metadataOf(entity);
			Map<String, AttributeValue> item = toItem(metadata, entity, this.keys, "dynamodb:PutItem");
			VersionCondition condition = versionForWrite(metadata, item);
			Put.Builder put = Put.builder().tableName(metadata.tableName()).item(item);
			if (condition != null) {
				put.conditionExpression(condition.expression()).expressionAttributeNames(condition.names());
				if (!condition.values().isEmpty()) {
					put.expressionAttributeValues(condition.values());
				}
			}
			this.items.add(TransactWriteItem.builder().put(put.build()).build());
			this.actions.add(new TransactionAction(metadata, metadata.id(entity),
					(condition != null) ? ActionKind.VERSIONED_WRITE : ActionKind.WRITE));
			this.written.add(new WrittenEntity(metadata, entity, item));
			return this;
		}

		@Override
		public TenantTransaction delete(Object entity) {
			requireSameTenant();
			TenantEntityMetadata<Object> metadata = metadataOf(entity);
			Map<String, AttributeValue> item = toItem(metadata, entity, this.keys, "dynamodb:DeleteItem");
			VersionCondition condition = versionForDelete(metadata, item);
			Delete.Builder delete = Delete.builder().tableName(metadata.tableName()).key(keyOf(metadata, item));
			if (condition != null) {
				delete.conditionExpression(condition.expression()).expressionAttributeNames(condition.names());
				if (!condition.values().isEmpty()) {
					delete.expressionAttributeValues(condition.values());
				}
			}
			this.items.add(TransactWriteItem.builder().delete(delete.build()).build());
			this.actions.add(new TransactionAction(metadata, metadata.id(entity),
					(condition != null) ? ActionKind.VERSIONED_WRITE : ActionKind.WRITE));
			return this;
		}

		@Override
		public TenantTransaction deleteById(Class<?> type, String id) {
			requireSameTenant();
			TenantEntityMetadata<?> metadata = metadata(type);
			this.items.add(TransactWriteItem.builder()
				.delete(Delete.builder().tableName(metadata.tableName()).key(key(metadata, this.keys, id)).build())
				.build());
			this.actions.add(new TransactionAction(metadata, id, ActionKind.WRITE));
			return this;
		}

		@Override
		public TenantTransaction requireExists(Class<?> type, String id) {
			requireSameTenant();
			TenantEntityMetadata<?> metadata = metadata(type);
			this.items.add(TransactWriteItem.builder()
				.conditionCheck(ConditionCheck.builder()
					.tableName(metadata.tableName())
					.key(key(metadata, this.keys, id))
					.conditionExpression("attribute_exists(#pk)")
					.expressionAttributeNames(Map.of("#pk", metadata.partitionKeyAttribute()))
					.build())
				.build());
			this.actions.add(new TransactionAction(metadata, id, ActionKind.CHECK));
			return this;
		}

	}

	// ---- versions

	private @Nullable VersionCondition versionForWrite(TenantEntityMetadata<?> metadata,
			Map<String, AttributeValue> item) {
		String attribute = metadata.versionAttribute();
		if (attribute == null) {
			return null;
		}
		AttributeValue current = item.get(attribute);
		Long version = version(metadata, current);
		if (version == null || version == metadata.versionStartAt()) {
			item.put(attribute, number(metadata.versionStartAt() + metadata.versionIncrementBy()));
			return new VersionCondition("attribute_not_exists(#v)", Map.of("#v", attribute), Map.of(), null);
		}
		item.put(attribute, number(Math.addExact(version, metadata.versionIncrementBy())));
		return new VersionCondition("#v = :v", Map.of("#v", attribute), Map.of(":v", number(version)), version);
	}

	private @Nullable VersionCondition versionForDelete(TenantEntityMetadata<?> metadata,
			Map<String, AttributeValue> item) {
		String attribute = metadata.versionAttribute();
		if (attribute == null) {
			return null;
		}
		Long version = version(metadata, item.get(attribute));
		if (version == null) {
			return null;
		}
		return new VersionCondition("attribute_not_exists(#pk) OR #v = :v",
				Map.of("#pk", metadata.partitionKeyAttribute(), "#v", attribute), Map.of(":v", number(version)),
				version);
	}

	private static @Nullable Long version(TenantEntityMetadata<?> metadata, @Nullable AttributeValue value) {
		if (value == null || Boolean.TRUE.equals(value.nul())) {
			return null;
		}
		if (value.n() == null) {
			throw new InvalidDataAccessApiUsageException(String.format("The version attribute '%s' of '%s' must be a "
					+ "number.", metadata.versionAttribute(), metadata.type().getName()));
		}
		return Long.parseLong(value.n());
	}

	private static OptimisticLockingFailureException optimisticLockingFailure(TenantEntityMetadata<?> metadata,
			Map<String, AttributeValue> item, VersionCondition condition, RuntimeException cause) {
		String id = idOf(metadata, item);
		String expected = (condition.expected() != null) ? "version " + condition.expected() : "no stored item";
		return new OptimisticLockingFailureException(String.format("The '%s' with id '%s' was modified concurrently "
				+ "(expected %s); reload it and retry.", metadata.type().getSimpleName(), id, expected), cause);
	}

	private static DuplicateKeyException duplicate(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item,
			RuntimeException cause) {
		return new DuplicateKeyException(String.format("Cannot insert the '%s' with id '%s': an item with this id "
				+ "already exists in the tenant; use save to replace it.", metadata.type().getSimpleName(),
				idOf(metadata, item)), cause);
	}

	private static String idOf(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item) {
		return item.get(metadata.sortKey().attribute()).s().substring(metadata.sortKey().prefix().length());
	}

	private record VersionCondition(String expression, Map<String, String> names, Map<String, AttributeValue> values,
			@Nullable Long expected) {
	}

	// ---- items, keys and the read-side check

	private <T> TenantEntityMetadata<T> metadata(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		return this.mappingContext.getRequiredMetadata(type);
	}

	@SuppressWarnings("unchecked")
	private <T> TenantEntityMetadata<T> metadataOf(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return (TenantEntityMetadata<T>) this.mappingContext.getRequiredMetadata(ClassUtils.getUserClass(entity));
	}

	private TenantKeys keys(String operation, Class<?> type) {
		TenantId tenant = TenantContext.currentOrNull();
		if (tenant == null) {
			throw new MissingTenantException(String.format("No tenant is bound to thread '%s' for %s of '%s'; call it "
					+ "from a @TenantScoped method, inside TenantContext.open(...), or with TenantContext.runAs(...).",
					Thread.currentThread().getName(), operation, type.getSimpleName()));
		}
		String partitionKey = this.keyTemplate.partitionKey(tenant);
		return new TenantKeys(tenant, partitionKey);
	}

	private static Map<String, AttributeValue> key(TenantEntityMetadata<?> metadata, TenantKeys keys, String id) {
		Assert.hasLength(id, "Id must not be null or empty");
		return Map.of(metadata.partitionKeyAttribute(), string(keys.partitionKey()), metadata.sortKey().attribute(),
				string(metadata.sortKey().prefix() + id));
	}

	private static Map<String, AttributeValue> keyOf(TenantEntityMetadata<?> metadata,
			Map<String, AttributeValue> item) {
		return Map.of(metadata.partitionKeyAttribute(), item.get(metadata.partitionKeyAttribute()),
				metadata.sortKey().attribute(), item.get(metadata.sortKey().attribute()));
	}

	/**
	 * Translate an entity into the item to write: the partition key from the scope (refusing a foreign value), the
	 * prefixed sort key and the composed tenant index keys.
	 */
	private <T> Map<String, AttributeValue> toItem(TenantEntityMetadata<T> metadata, T entity, TenantKeys keys,
			String action) {
		Map<String, AttributeValue> item = new HashMap<>(metadata.schema().itemToMap(entity, true));
		AttributeValue declared = item.get(metadata.partitionKeyAttribute());
		if (declared != null && declared.s() != null && !declared.s().equals(keys.tenant().value())
				&& !declared.s().equals(keys.partitionKey())) {
			throw new TenantKeyMismatchException(keys.tenant().value(), metadata.type(), action);
		}
		AttributeValue id = item.get(metadata.sortKey().attribute());
		if (id == null || id.s() == null || id.s().isEmpty()) {
			throw new IllegalArgumentException(String.format("The id ('%s') of the '%s' must not be null or empty.",
					metadata.idProperty(), metadata.type().getSimpleName()));
		}
		item.put(metadata.partitionKeyAttribute(), string(keys.partitionKey()));
		item.put(metadata.sortKey().attribute(), string(metadata.sortKey().prefix() + id.s()));
		for (TenantIndexMetadata index : metadata.indexes()) {
			List<AttributeValue> values = new ArrayList<>(index.attributes().size());
			boolean complete = true;
			for (String attribute : index.attributes()) {
				AttributeValue value = item.get(attribute);
				if (keyPart(value) == null) {
					complete = false;
					break;
				}
				values.add(value);
			}
			if (complete) {
				item.put(index.partitionKeyAttribute(), string(indexKey(metadata, index, keys, values)));
			}
			else {
				item.remove(index.partitionKeyAttribute());
			}
		}
		return item;
	}

	/**
	 * Translate a checked item back into an entity: the tenant id in the partition-key property, the identity
	 * without prefix, the index keys without the tenant part.
	 */
	private <T> T toEntity(TenantEntityMetadata<T> metadata, Map<String, AttributeValue> item, TenantKeys keys) {
		Map<String, AttributeValue> copy = new HashMap<>(item);
		copy.put(metadata.partitionKeyAttribute(), string(keys.tenant().value()));
		AttributeValue sortKey = copy.get(metadata.sortKey().attribute());
		String prefix = metadata.sortKey().prefix();
		if (sortKey != null && sortKey.s() != null && sortKey.s().startsWith(prefix)) {
			copy.put(metadata.sortKey().attribute(), string(sortKey.s().substring(prefix.length())));
		}
		if (!metadata.indexes().isEmpty()) {
			String indexPrefix = keys.partitionKey() + "#";
			for (TenantIndexMetadata index : metadata.indexes()) {
				AttributeValue value = copy.get(index.partitionKeyAttribute());
				if (value != null && value.s() != null && value.s().startsWith(indexPrefix)) {
					copy.put(index.partitionKeyAttribute(), string(value.s().substring(indexPrefix.length())));
				}
			}
		}
		return metadata.schema().mapToItem(copy);
	}

	private <T> List<T> toEntities(TenantEntityMetadata<T> metadata, List<Map<String, AttributeValue>> items,
			TenantKeys keys) {
		List<T> entities = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			entities.add(toEntity(metadata, item, keys));
		}
		return entities;
	}

	/**
	 * The read-side check (TH-14): an item whose partition key (and, for an index read, index key) does not
	 * belong to the scope's tenant never reaches the caller.
	 */
	private void check(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item, TenantKeys keys,
			String operation, @Nullable TenantIndexMetadata index) {
		AttributeValue partitionKey = item.get(metadata.partitionKeyAttribute());
		boolean own = partitionKey != null && keys.partitionKey().equals(partitionKey.s());
		if (own && index != null) {
			AttributeValue indexKey = item.get(index.partitionKeyAttribute());
			own = indexKey != null && indexKey.s() != null && this.keyTemplate.belongsTo(indexKey.s(), keys.tenant());
		}
		if (own) {
			return;
		}
		String indexName = (index != null) ? index.name() : null;
		try {
			this.readCheckListener.onForeignItem(keys.tenant(), operation, metadata.tableName(), indexName);
		}
		catch (RuntimeException ex) {
			logger.warn("TenantReadCheckListener failed; the foreign item is withheld regardless", ex);
		}
		String resource = (indexName != null) ? "table/" + metadata.tableName() + "/index/" + indexName
				: "table/" + metadata.tableName();
		throw new TenantAccessDeniedException(keys.tenant().value(), "dynamodb:" + operation, resource,
				EnforcementLayer.READ_CHECK, "DynamoDB returned an item whose partition key does not belong to the "
						+ "tenant; the item was withheld and the read failed. Check the table's key schema and index "
						+ "definitions.",
				null);
	}

	private static AttributeValue string(String value) {
		return AttributeValue.builder().s(value).build();
	}

	private static AttributeValue number(long value) {
		return AttributeValue.builder().n(Long.toString(value)).build();
	}

	/** The tenant of one operation and its partition key, computed once per operation. */
	private record TenantKeys(TenantId tenant, String partitionKey) {
	}

	private record PendingItem(TenantEntityMetadata<?> metadata, String id) {
	}

	private record PreparedQuery(QueryRequest.Builder request, String keyProjection, @Nullable AttributeValue excluded,
			String sortKeyAttribute, Map<String, String> names, Map<String, AttributeValue> values) {
	}

	/**
	 * Builder for {@link TenancyTemplate}.
	 */
	public static final class Builder {

		private @Nullable DynamoDbClient client;

		private @Nullable TenantKeyTemplate keyTemplate;

		private TenancyMappingContext mappingContext = new TenancyMappingContext();

		private TenantReadCheckListener readCheckListener = TenantReadCheckListener.NONE;

		private int maxBatchAttempts = 8;

		private BackoffStrategy batchBackoff = BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(50),
				Duration.ofSeconds(5));

		private boolean consistentReads;

		private Builder() {
		}

		/**
		 * @param client the tenant-scoped client shared by all tenants; must not be {@literal null}
		 * @return this builder
		 */
		public Builder client(DynamoDbClient client) {
			Assert.notNull(client, "DynamoDbClient must not be null");
			this.client = client;
			return this;
		}

		/**
		 * @param keyTemplate builds tenant partition keys; must not be {@literal null}
		 * @return this builder
		 */
		public Builder keyTemplate(TenantKeyTemplate keyTemplate) {
			Assert.notNull(keyTemplate, "TenantKeyTemplate must not be null");
			this.keyTemplate = keyTemplate;
			return this;
		}

		/**
		 * @param mappingContext holds the entity metadata (and the table name resolver); must not be
		 * {@literal null}
		 * @return this builder
		 */
		public Builder mappingContext(TenancyMappingContext mappingContext) {
			Assert.notNull(mappingContext, "TenancyMappingContext must not be null");
			this.mappingContext = mappingContext;
			return this;
		}

		/**
		 * @param readCheckListener told about items withheld by the read-side check; must not be {@literal null}
		 * @return this builder
		 */
		public Builder readCheckListener(TenantReadCheckListener readCheckListener) {
			Assert.notNull(readCheckListener, "TenantReadCheckListener must not be null");
			this.readCheckListener = readCheckListener;
			return this;
		}

		/**
		 * @param maxBatchAttempts how many times a batch call is made before unprocessed items fail the call
		 * (default 8); at least 1
		 * @return this builder
		 */
		public Builder maxBatchAttempts(int maxBatchAttempts) {
			Assert.isTrue(maxBatchAttempts >= 1, "Max batch attempts must be at least 1");
			this.maxBatchAttempts = maxBatchAttempts;
			return this;
		}

		/**
		 * @param batchBackoff the delay before retrying unprocessed batch items (default exponential with half
		 * jitter, 50 ms to 5 s); must not be {@literal null}
		 * @return this builder
		 */
		public Builder batchBackoff(BackoffStrategy batchBackoff) {
			Assert.notNull(batchBackoff, "BackoffStrategy must not be null");
			this.batchBackoff = batchBackoff;
			return this;
		}

		/**
		 * @param consistentReads whether reads of the table (not of indexes, which DynamoDB does not allow) are
		 * strongly consistent (default {@code false}, DynamoDB's default)
		 * @return this builder
		 */
		public Builder consistentReads(boolean consistentReads) {
			this.consistentReads = consistentReads;
			return this;
		}

		/**
		 * @return the template
		 * @throws IllegalStateException if the client or the key template is missing
		 */
		public TenancyTemplate build() {
			return new TenancyTemplate(this);
		}

	}

}
