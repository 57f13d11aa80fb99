package dev.tenancy.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The template's operations on many entities: unversioned entities in batches ({@link BatchExecutor}), versioned ones
 * one by one with their version conditions (a batch cannot carry conditions), results in the order given.
 */
final class EntityBatches {

	private final BatchExecutor batches;

	private final ItemConverter converter;

	private final ReadSideCheck readCheck;

	private final EntityLifecycle lifecycle;

	private final TenancyMappingContext mappingContext;

	private final boolean consistentReads;

	private final UnaryOperator<Object> save;

	private final Consumer<Object> delete;

	EntityBatches(BatchExecutor batches, ItemConverter converter, ReadSideCheck readCheck, EntityLifecycle lifecycle,
			TenancyMappingContext mappingContext, boolean consistentReads, UnaryOperator<Object> save,
			Consumer<Object> delete) {
		this.batches = batches;
		this.converter = converter;
		this.readCheck = readCheck;
		this.lifecycle = lifecycle;
		this.mappingContext = mappingContext;
		this.consistentReads = consistentReads;
		this.save = save;
		this.delete = delete;
	}

	<T> List<T> saveAll(Iterable<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		List<T> result = new ArrayList<>();
		Map<TenantEntityMetadata<?>, LinkedHashMap<String, Map<String, AttributeValue>>> batches = new LinkedHashMap<>();
		TenantKeys keys = null;
		List<Object> order = new ArrayList<>();
		for (T entity : entities) {
			TenantEntityMetadata<T> metadata = metadataOf(entity);
			if (metadata.versionAttribute() != null) {
				order.add(this.save.apply(entity));
				continue;
			}
			if (keys == null) {
				keys = this.converter.keys("saveAll", metadata.type());
			}
			T converted = this.lifecycle.beforeConvert(entity, keys.table(metadata), keys);
			Map<String, AttributeValue> item = this.converter.toItem(metadata, converted, keys,
					"dynamodb:BatchWriteItem");
			this.lifecycle.beforeSave(converted, item, keys.table(metadata), keys);
			String id = metadata.id(converted);
			batches.computeIfAbsent(metadata, (key) -> new LinkedHashMap<>()).put(id, item);
			order.add(new PendingItem(metadata, id));
		}
		for (Map.Entry<TenantEntityMetadata<?>, LinkedHashMap<String, Map<String, AttributeValue>>> batch : batches
			.entrySet()) {
			List<WriteRequest> writes = new ArrayList<>();
			for (Map<String, AttributeValue> item : batch.getValue().values()) {
				writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
			}
			this.batches.write(Objects.requireNonNull(keys).table(batch.getKey()), writes);
		}
		for (Object entry : order) {
			if (entry instanceof PendingItem pending) {
				Map<String, AttributeValue> item = batches.get(pending.metadata()).get(pending.id());
				Object saved = this.converter.toEntity(pending.metadata(), item, keys);
				result.add(castEntity(this.lifecycle.afterSave(saved, Objects.requireNonNull(keys).table(pending.metadata()), keys)));
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

	<T> List<T> findAllById(Iterable<String> ids, TenantEntityMetadata<T> metadata) {
		Assert.notNull(ids, "Ids must not be null");
		TenantKeys keys = this.converter.keys("findAllById", metadata.type());
		Set<String> unique = new LinkedHashSet<>();
		for (String id : ids) {
			Assert.hasLength(id, "Ids must not contain null or empty values");
			unique.add(id);
		}
		Map<String, T> found = new HashMap<>();
		List<Map<String, AttributeValue>> pending = new ArrayList<>();
		for (String id : unique) {
			pending.add(ItemConverter.key(metadata, keys, id));
			if (pending.size() == BatchExecutor.GET_SIZE) {
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
		KeysAndAttributes request = KeysAndAttributes.builder().keys(chunk).consistentRead(this.consistentReads).build();
		this.batches.get(keys.table(metadata), request, (items) -> {
			for (Map<String, AttributeValue> item : items) {
				this.readCheck.check(metadata, item, keys, "BatchGetItem", null);
			}
			for (Map<String, AttributeValue> item : items) {
				T entity = this.lifecycle.afterConvert(this.converter.toEntity(metadata, item, keys),
						keys.table(metadata), keys);
				found.put(metadata.id(entity), entity);
			}
		});
	}

	void deleteAllById(Iterable<String> ids, TenantEntityMetadata<?> metadata) {
		Assert.notNull(ids, "Ids must not be null");
		TenantKeys keys = this.converter.keys("deleteAllById", metadata.type());
		Set<String> unique = new LinkedHashSet<>();
		for (String id : ids) {
			Assert.hasLength(id, "Ids must not contain null or empty values");
			unique.add(id);
		}
		List<WriteRequest> writes = new ArrayList<>(unique.size());
		for (String id : unique) {
			writes.add(BatchExecutor.deleteRequest(ItemConverter.key(metadata, keys, id)));
		}
		this.batches.write(keys.table(metadata), writes);
	}

	void deleteAll(Iterable<?> entities) {
		Assert.notNull(entities, "Entities must not be null");
		Map<String, Map<String, Map<String, AttributeValue>>> byTable = new LinkedHashMap<>();
		for (Object entity : entities) {
			TenantEntityMetadata<Object> metadata = metadataOf(entity);
			if (metadata.versionAttribute() != null) {
				this.delete.accept(entity);
				continue;
			}
			TenantKeys keys = this.converter.keys("deleteAll", metadata.type());
			Map<String, AttributeValue> key = ItemConverter.keyOf(metadata,
					this.converter.toItem(metadata, entity, keys, "dynamodb:BatchWriteItem"));
			byTable.computeIfAbsent(keys.table(metadata), (table) -> new LinkedHashMap<>())
				.put(key.get(metadata.sortKey().attribute()).s(), key);
		}
		for (Map.Entry<String, Map<String, Map<String, AttributeValue>>> table : byTable.entrySet()) {
			List<WriteRequest> writes = new ArrayList<>();
			for (Map<String, AttributeValue> key : table.getValue().values()) {
				writes.add(BatchExecutor.deleteRequest(key));
			}
			this.batches.write(table.getKey(), writes);
		}
	}

	private record PendingItem(TenantEntityMetadata<?> metadata, String id) {
	}

	@SuppressWarnings("unchecked")
	private <T> TenantEntityMetadata<T> metadataOf(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return (TenantEntityMetadata<T>) this.mappingContext.getRequiredMetadata(ClassUtils.getUserClass(entity));
	}

}
