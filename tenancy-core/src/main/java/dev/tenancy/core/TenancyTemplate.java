package dev.tenancy.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.QueryExecutor.ReadMode;
import dev.tenancy.core.VersionConditions.VersionCondition;
import dev.tenancy.dynamodb.DynamoDbExceptionTranslator;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.keys.TenantKeyTemplate;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.mapping.callback.EntityCallbacks;
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
 * <p>
 * The work is shared out to collaborators with one job each: item conversion ({@code ItemConverter}), the read-side
 * check ({@code ReadSideCheck}), key conditions ({@code KeyConditions}), batches with retry ({@code BatchExecutor}),
 * transactions ({@code TransactionWriter}) and version conditions ({@code VersionConditions}); every DynamoDB call
 * goes through one {@code execute} that translates exceptions ({@code DynamoDbCalls}).
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyTemplate implements TenancyOperations, ApplicationContextAware {

	private final TenancyMappingContext mappingContext;

	private final boolean consistentReads;

	private final DynamoDbCalls calls;

	private final ItemConverter converter;

	private final ReadSideCheck readCheck;

	private final KeyConditions keyConditions;

	private final BatchExecutor batches;

	private final TransactionWriter transactions;

	private final EntityLifecycle lifecycle;

	private final QueryExecutor queries;

	private final EntityBatches entityBatches;

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
	 * @param mappingContext holds the entity metadata, the table name resolver and the tenants' tables; must not be
	 * {@literal null}
	 */
	public TenancyTemplate(DynamoDbClient client, TenantKeyTemplate keyTemplate, TenancyMappingContext mappingContext) {
		this(builder().client(client).keyTemplate(keyTemplate).mappingContext(mappingContext));
	}

	private TenancyTemplate(Builder builder) {
		Assert.state(builder.client != null, "A DynamoDbClient is required");
		Assert.state(builder.keyTemplate != null, "A TenantKeyTemplate is required");
		this.mappingContext = builder.mappingContext;
		this.consistentReads = builder.consistentReads;
		this.calls = new DynamoDbCalls(builder.client);
		this.converter = new ItemConverter(builder.keyTemplate, this.mappingContext.tenantTables());
		this.readCheck = new ReadSideCheck(builder.keyTemplate, builder.readCheckListener);
		this.keyConditions = new KeyConditions(this.converter, builder.consistentReads);
		this.batches = new BatchExecutor(this.calls, builder.maxBatchAttempts, builder.batchBackoff);
		this.lifecycle = new EntityLifecycle(builder.entityCallbacks, builder.eventPublisher);
		this.transactions = new TransactionWriter(this.calls, this.converter, this.mappingContext, this.lifecycle);
		this.queries = new QueryExecutor(this.calls, this.converter, this.readCheck, this.keyConditions, this.lifecycle);
		this.entityBatches = new EntityBatches(this.batches, this.converter, this.readCheck, this.lifecycle,
				this.mappingContext, this.consistentReads, this::save, this::delete);
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

	/**
	 * Publish the mapping events to the application context and invoke its entity callbacks
	 * ({@code dev.tenancy.core.event}), unless the builder was given others.
	 */
	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.lifecycle.applicationContext(applicationContext);
	}

	// ---- single-item writes

	@Override
	public <T> T insert(T entity) {
		TenantEntityMetadata<T> metadata = metadataOf(entity);
		TenantKeys keys = this.converter.keys("insert", metadata.type());
		T converted = this.lifecycle.beforeConvert(entity, keys.table(metadata), keys);
		Map<String, AttributeValue> item = this.converter.toItem(metadata, converted, keys, "dynamodb:PutItem");
		VersionConditions.initialVersion(metadata, item);
		this.lifecycle.beforeSave(converted, item, keys.table(metadata), keys);
		PutItemRequest request = PutItemRequest.builder()
			.tableName(keys.table(metadata))
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", metadata.partitionKeyAttribute()))
			.build();
		this.calls.execute((client) -> client.putItem(request), (ex) -> VersionConditions.duplicate(metadata, item, ex));
		return this.lifecycle.afterSave(this.converter.toEntity(metadata, item, keys), keys.table(metadata), keys);
	}

	@Override
	public <T> T save(T entity) {
		TenantEntityMetadata<T> metadata = metadataOf(entity);
		TenantKeys keys = this.converter.keys("save", metadata.type());
		T converted = this.lifecycle.beforeConvert(entity, keys.table(metadata), keys);
		Map<String, AttributeValue> item = this.converter.toItem(metadata, converted, keys, "dynamodb:PutItem");
		PutItemRequest.Builder request = PutItemRequest.builder().tableName(keys.table(metadata));
		VersionCondition condition = VersionConditions.forWrite(metadata, item);
		if (condition != null) {
			request.conditionExpression(condition.expression())
				.expressionAttributeNames(condition.names())
				.expressionAttributeValues(condition.valuesOrNull());
		}
		this.lifecycle.beforeSave(converted, item, keys.table(metadata), keys);
		PutItemRequest put = request.item(item).build();
		this.calls.execute((client) -> client.putItem(put), (condition != null)
				? (ex) -> VersionConditions.optimisticLockingFailure(metadata, item, condition, ex) : null);
		return this.lifecycle.afterSave(this.converter.toEntity(metadata, item, keys), keys.table(metadata), keys);
	}

	@Override
	public <T> List<T> saveAll(Iterable<T> entities) {
		return this.entityBatches.saveAll(entities);
	}

	// ---- single-item reads

	@Override
	public <T> Optional<T> findById(String id, Class<T> type) {
		TenantEntityMetadata<T> metadata = metadata(type);
		TenantKeys keys = this.converter.keys("findById", type);
		GetItemRequest request = GetItemRequest.builder()
			.tableName(keys.table(metadata))
			.key(ItemConverter.key(metadata, keys, id))
			.consistentRead(this.consistentReads)
			.build();
		GetItemResponse response = this.calls.execute((client) -> client.getItem(request));
		if (!response.hasItem() || response.item().isEmpty()) {
			return Optional.empty();
		}
		this.readCheck.check(metadata, response.item(), keys, "GetItem", null);
		return Optional.of(this.lifecycle.afterConvert(this.converter.toEntity(metadata, response.item(), keys),
				keys.table(metadata), keys));
	}

	@Override
	public boolean existsById(String id, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = this.converter.keys("existsById", type);
		GetItemRequest request = GetItemRequest.builder()
			.tableName(keys.table(metadata))
			.key(ItemConverter.key(metadata, keys, id))
			.projectionExpression("#pk")
			.expressionAttributeNames(Map.of("#pk", metadata.partitionKeyAttribute()))
			.consistentRead(this.consistentReads)
			.build();
		GetItemResponse response = this.calls.execute((client) -> client.getItem(request));
		if (!response.hasItem() || response.item().isEmpty()) {
			return false;
		}
		this.readCheck.check(metadata, response.item(), keys, "GetItem", null);
		return true;
	}

	@Override
	public <T> List<T> findAllById(Iterable<String> ids, Class<T> type) {
		return this.entityBatches.findAllById(ids, metadata(type));
	}

	// ---- deletes

	@Override
	public void deleteById(String id, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = this.converter.keys("deleteById", type);
		DeleteItemRequest request = DeleteItemRequest.builder()
			.tableName(keys.table(metadata))
			.key(ItemConverter.key(metadata, keys, id))
			.build();
		this.calls.execute((client) -> client.deleteItem(request));
	}

	@Override
	public void delete(Object entity) {
		TenantEntityMetadata<Object> metadata = metadataOf(entity);
		TenantKeys keys = this.converter.keys("delete", metadata.type());
		Map<String, AttributeValue> item = this.converter.toItem(metadata, entity, keys, "dynamodb:DeleteItem");
		DeleteItemRequest.Builder request = DeleteItemRequest.builder()
			.tableName(keys.table(metadata))
			.key(ItemConverter.keyOf(metadata, item));
		VersionCondition condition = VersionConditions.forDelete(metadata, item);
		if (condition != null) {
			request.conditionExpression(condition.expression())
				.expressionAttributeNames(condition.names())
				.expressionAttributeValues(condition.valuesOrNull());
		}
		DeleteItemRequest delete = request.build();
		this.calls.execute((client) -> client.deleteItem(delete), (condition != null)
				? (ex) -> VersionConditions.optimisticLockingFailure(metadata, item, condition, ex) : null);
	}

	@Override
	public void deleteAllById(Iterable<String> ids, Class<?> type) {
		this.entityBatches.deleteAllById(ids, metadata(type));
	}

	@Override
	public void deleteAll(Iterable<?> entities) {
		this.entityBatches.deleteAll(entities);
	}

	@Override
	public void deleteAll(Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = this.converter.keys("deleteAll", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		this.queries.query(metadata, TenancyQuery.table(), keys, null, Integer.MAX_VALUE, ReadMode.KEYS, items);
		List<WriteRequest> writes = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			writes.add(BatchExecutor.deleteRequest(ItemConverter.keyOf(metadata, item)));
		}
		this.batches.write(keys.table(metadata), writes);
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
		TenantKeys keys = this.converter.keys("query", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		this.queries.query(metadata, query, keys, null, QueryExecutor.max(query), ReadMode.ITEMS, items);
		return this.lifecycle.afterConvert(this.converter.toEntities(metadata, items, keys), keys.table(metadata),
				keys);
	}

	@Override
	public <T> Window<T> scroll(TenancyQuery query, ScrollPosition position, Class<T> type) {
		Assert.notNull(position, "ScrollPosition must not be null");
		return this.queries.scroll(metadata(type), this.converter.keys("scroll", type), query, position);
	}

	@Override
	public long count(TenancyQuery query, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = this.converter.keys("count", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		return this.queries.query(metadata, query, keys, null, QueryExecutor.max(query), ReadMode.COUNT, items);
	}

	@Override
	public boolean exists(TenancyQuery query, Class<?> type) {
		TenantEntityMetadata<?> metadata = metadata(type);
		TenantKeys keys = this.converter.keys("exists", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>(1);
		this.queries.query(metadata, query, keys, null, 1, ReadMode.KEYS, items);
		return !items.isEmpty();
	}

	@Override
	public <T> List<T> delete(TenancyQuery query, Class<T> type) {
		TenantEntityMetadata<T> metadata = metadata(type);
		TenantKeys keys = this.converter.keys("delete", type);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		this.queries.query(metadata, query, keys, null, QueryExecutor.max(query), ReadMode.ITEMS, items);
		List<WriteRequest> writes = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			writes.add(BatchExecutor.deleteRequest(ItemConverter.keyOf(metadata, item)));
		}
		this.batches.write(keys.table(metadata), writes);
		return this.lifecycle.afterConvert(this.converter.toEntities(metadata, items, keys), keys.table(metadata),
				keys);
	}

	// ---- transactions

	@Override
	public List<Object> transactWrite(Consumer<TenantTransaction> actions) {
		return this.transactions.transactWrite(actions);
	}

	// ---- entity metadata

	private <T> TenantEntityMetadata<T> metadata(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		return this.mappingContext.getRequiredMetadata(type);
	}

	@SuppressWarnings("unchecked")
	private <T> TenantEntityMetadata<T> metadataOf(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return (TenantEntityMetadata<T>) this.mappingContext.getRequiredMetadata(ClassUtils.getUserClass(entity));
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

		private @Nullable EntityCallbacks entityCallbacks;

		private @Nullable ApplicationEventPublisher eventPublisher;

		private Builder() {
		}

		/**
		 * @param entityCallbacks the entity callbacks to invoke; by default those of the application context the
		 * template is a bean of (none outside one)
		 * @return this builder
		 */
		public Builder entityCallbacks(EntityCallbacks entityCallbacks) {
			Assert.notNull(entityCallbacks, "EntityCallbacks must not be null");
			this.entityCallbacks = entityCallbacks;
			return this;
		}

		/**
		 * @param eventPublisher publishes the mapping events; by default the application context the template is a
		 * bean of (none outside one)
		 * @return this builder
		 */
		public Builder eventPublisher(ApplicationEventPublisher eventPublisher) {
			Assert.notNull(eventPublisher, "ApplicationEventPublisher must not be null");
			this.eventPublisher = eventPublisher;
			return this;
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
