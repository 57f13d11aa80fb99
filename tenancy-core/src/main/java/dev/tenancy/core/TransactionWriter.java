package dev.tenancy.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.VersionConditions.VersionCondition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Tenant transactions ({@code TransactWriteItems}): every action keyed in the scope's partition, the cancellation
 * reasons mapped to the failed action (a duplicate id, a concurrent modification, a missing item), and the new
 * versions handed back to the entities only after the commit. The enhanced client's transaction builder is not used:
 * the template's items carry the tenant keys it composes, and the guard must see each action's condition.
 */
final class TransactionWriter {

	/** Actions per TransactWriteItems. */
	static final int SIZE = 100;

	private final DynamoDbCalls calls;

	private final ItemConverter converter;

	private final TenancyMappingContext mappingContext;

	private final EntityLifecycle lifecycle;

	TransactionWriter(DynamoDbCalls calls, ItemConverter converter, TenancyMappingContext mappingContext,
			EntityLifecycle lifecycle) {
		this.calls = calls;
		this.converter = converter;
		this.mappingContext = mappingContext;
		this.lifecycle = lifecycle;
	}

	@SuppressWarnings("unchecked")
	private <T> TenantEntityMetadata<T> metadataOf(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return (TenantEntityMetadata<T>) this.mappingContext.getRequiredMetadata(ClassUtils.getUserClass(entity));
	}

	List<Object> transactWrite(Consumer<TenantTransaction> actions) {
		Assert.notNull(actions, "Actions must not be null");
		TenantKeys keys = this.converter.keys("transactWrite", TenantTransaction.class);
		Transaction transaction = new Transaction(keys);
		actions.accept(transaction);
		if (transaction.items.isEmpty()) {
			return List.of();
		}
		if (transaction.items.size() > SIZE) {
			throw new InvalidDataAccessApiUsageException(String.format("A DynamoDB transaction holds at most %d "
					+ "actions, not %d; split the work.", SIZE, transaction.items.size()));
		}
		this.calls.execute(
				(client) -> client
					.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(transaction.items).build()),
				TransactionCanceledException.class, (ex) -> transactionFailure(transaction, ex));
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
				Long version = VersionConditions.version(metadata, entity.item().get(versionAttribute));
				if (version != null) {
					metadata.setVersion(entity.given(), version);
				}
			}
			entities.add(this.lifecycle.afterSave(this.converter.toEntity(metadata, entity.item(), keys),
					keys.table(metadata), keys));
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
				case WRITE -> this.calls.translate(ex);
			};
		}
		return this.calls.translate(ex);
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

		/**
		 * The item of an insert or save: the before-convert callbacks first (on the given entity, whose version the
		 * commit updates).
		 */
		private Map<String, AttributeValue> convert(TenantEntityMetadata<Object> metadata, Object entity) {
			Object converted = TransactionWriter.this.lifecycle.beforeConvert(entity, this.keys.table(metadata), this.keys);
			return TransactionWriter.this.converter.toItem(metadata, converted, this.keys, "dynamodb:PutItem");
		}

		@Override
		public TenantTransaction insert(Object entity) {
			requireSameTenant();
			TenantEntityMetadata<Object> metadata = TransactionWriter.this.metadataOf(entity);
			Map<String, AttributeValue> item = convert(metadata, entity);
			VersionConditions.initialVersion(metadata, item);
			TransactionWriter.this.lifecycle.beforeSave(entity, item, this.keys.table(metadata), this.keys);
			this.items.add(TransactWriteItem.builder()
				.put(Put.builder()
					.tableName(this.keys.table(metadata))
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
			TenantEntityMetadata<Object> metadata = TransactionWriter.this.metadataOf(entity);
			Map<String, AttributeValue> item = convert(metadata, entity);
			VersionCondition condition = VersionConditions.forWrite(metadata, item);
			TransactionWriter.this.lifecycle.beforeSave(entity, item, this.keys.table(metadata), this.keys);
			Put.Builder put = Put.builder().tableName(this.keys.table(metadata)).item(item);
			if (condition != null) {
				put.conditionExpression(condition.expression())
					.expressionAttributeNames(condition.names())
					.expressionAttributeValues(condition.valuesOrNull());
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
			TenantEntityMetadata<Object> metadata = TransactionWriter.this.metadataOf(entity);
			Map<String, AttributeValue> item = TransactionWriter.this.converter.toItem(metadata, entity, this.keys,
					"dynamodb:DeleteItem");
			VersionCondition condition = VersionConditions.forDelete(metadata, item);
			Delete.Builder delete = Delete.builder().tableName(this.keys.table(metadata)).key(ItemConverter.keyOf(metadata, item));
			if (condition != null) {
				delete.conditionExpression(condition.expression())
					.expressionAttributeNames(condition.names())
					.expressionAttributeValues(condition.valuesOrNull());
			}
			this.items.add(TransactWriteItem.builder().delete(delete.build()).build());
			this.actions.add(new TransactionAction(metadata, metadata.id(entity),
					(condition != null) ? ActionKind.VERSIONED_WRITE : ActionKind.WRITE));
			return this;
		}

		@Override
		public TenantTransaction deleteById(Class<?> type, String id) {
			requireSameTenant();
			TenantEntityMetadata<?> metadata = TransactionWriter.this.mappingContext.getRequiredMetadata(type);
			this.items.add(TransactWriteItem.builder()
				.delete(Delete.builder().tableName(this.keys.table(metadata)).key(ItemConverter.key(metadata, this.keys, id)).build())
				.build());
			this.actions.add(new TransactionAction(metadata, id, ActionKind.WRITE));
			return this;
		}

		@Override
		public TenantTransaction requireExists(Class<?> type, String id) {
			requireSameTenant();
			TenantEntityMetadata<?> metadata = TransactionWriter.this.mappingContext.getRequiredMetadata(type);
			this.items.add(TransactWriteItem.builder()
				.conditionCheck(ConditionCheck.builder()
					.tableName(this.keys.table(metadata))
					.key(ItemConverter.key(metadata, this.keys, id))
					.conditionExpression("attribute_exists(#pk)")
					.expressionAttributeNames(Map.of("#pk", metadata.partitionKeyAttribute()))
					.build())
				.build());
			this.actions.add(new TransactionAction(metadata, id, ActionKind.CHECK));
			return this;
		}

	}

}
