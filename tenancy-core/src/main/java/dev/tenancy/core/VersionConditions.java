package dev.tenancy.core;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Optimistic locking on {@code @DynamoDbVersionAttribute}: the condition a write or delete sends and the next version
 * it stores, with the semantics of the enhanced client's {@code VersionedRecordExtension} ({@code startAt},
 * {@code incrementBy}). The extension is not used itself because it acts inside the enhanced client's own
 * operations, while the template sends plain requests whose conditions the client-side guard evaluates.
 */
final class VersionConditions {

	private VersionConditions() {
	}

	/**
	 * The condition of a write, and the next version put into the item; {@literal null} for an unversioned entity.
	 */
	static @Nullable VersionCondition forWrite(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item) {
		String attribute = metadata.versionAttribute();
		if (attribute == null) {
			return null;
		}
		Long version = version(metadata, item.get(attribute));
		if (version == null || version == metadata.versionStartAt()) {
			item.put(attribute, ItemConverter.number(metadata.versionStartAt() + metadata.versionIncrementBy()));
			return new VersionCondition("attribute_not_exists(#v)", Map.of("#v", attribute), Map.of(), null);
		}
		item.put(attribute, ItemConverter.number(Math.addExact(version, metadata.versionIncrementBy())));
		return new VersionCondition("#v = :v", Map.of("#v", attribute), Map.of(":v", ItemConverter.number(version)),
				version);
	}

	/**
	 * The condition of a delete of a versioned entity that carries a version; {@literal null} otherwise.
	 */
	static @Nullable VersionCondition forDelete(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item) {
		String attribute = metadata.versionAttribute();
		if (attribute == null) {
			return null;
		}
		Long version = version(metadata, item.get(attribute));
		if (version == null) {
			return null;
		}
		return new VersionCondition("attribute_not_exists(#pk) OR #v = :v",
				Map.of("#pk", metadata.partitionKeyAttribute(), "#v", attribute),
				Map.of(":v", ItemConverter.number(version)), version);
	}

	/**
	 * The item an insert writes: its first version, if versioned.
	 */
	static void initialVersion(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item) {
		if (metadata.versionAttribute() != null) {
			item.put(metadata.versionAttribute(),
					ItemConverter.number(metadata.versionStartAt() + metadata.versionIncrementBy()));
		}
	}

	static @Nullable Long version(TenantEntityMetadata<?> metadata, @Nullable AttributeValue value) {
		if (value == null || Boolean.TRUE.equals(value.nul())) {
			return null;
		}
		if (value.n() == null) {
			throw new InvalidDataAccessApiUsageException(String.format("The version attribute '%s' of '%s' must be a "
					+ "number.", metadata.versionAttribute(), metadata.type().getName()));
		}
		return Long.parseLong(value.n());
	}

	static OptimisticLockingFailureException optimisticLockingFailure(TenantEntityMetadata<?> metadata,
			Map<String, AttributeValue> item, VersionCondition condition, RuntimeException cause) {
		String id = idOf(metadata, item);
		String expected = (condition.expected() != null) ? "version " + condition.expected() : "no stored item";
		return new OptimisticLockingFailureException(String.format("The '%s' with id '%s' was modified concurrently "
				+ "(expected %s); reload it and retry.", metadata.type().getSimpleName(), id, expected), cause);
	}

	static DuplicateKeyException duplicate(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item,
			RuntimeException cause) {
		return new DuplicateKeyException(String.format("Cannot insert the '%s' with id '%s': an item with this id "
				+ "already exists in the tenant; use save to replace it.", metadata.type().getSimpleName(),
				idOf(metadata, item)), cause);
	}

	private static String idOf(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item) {
		return item.get(metadata.sortKey().attribute()).s().substring(metadata.sortKey().prefix().length());
	}

	/**
	 * A version condition.
	 *
	 * @param expression the condition expression
	 * @param names its attribute names
	 * @param values its attribute values (empty for a first write)
	 * @param expected the stored version it expects, {@literal null} for none
	 */
	record VersionCondition(String expression, Map<String, String> names, Map<String, AttributeValue> values,
			@Nullable Long expected) {

		/** @return the values, or {@literal null} when there are none (DynamoDB refuses an empty map) */
		@Nullable Map<String, AttributeValue> valuesOrNull() {
			return this.values.isEmpty() ? null : this.values;
		}

	}

}
