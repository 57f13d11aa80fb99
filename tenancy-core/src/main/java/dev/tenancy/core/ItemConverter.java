package dev.tenancy.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.keys.TenantTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

/**
 * Converts between entities and the items stored for the scope's tenant: the tenant partition key, the prefixed sort
 * key and the composed tenant index keys on the way in; the bare tenant id, identity and index keys on the way out.
 * Item-to-entity mapping itself is the enhanced client's ({@link TenantEntityMetadata#schema()}).
 */
final class ItemConverter {

	private final TenantKeyTemplate keyTemplate;

	private final TenantTables tables;

	ItemConverter(TenantKeyTemplate keyTemplate, TenantTables tables) {
		this.keyTemplate = keyTemplate;
		this.tables = tables;
	}

	/**
	 * @param operation what needs the tenant, for the error message
	 * @param type the entity type, for the error message
	 * @return the tenant of the current scope, its partition key and its tables
	 * @throws MissingTenantException if no scope is open
	 */
	TenantKeys keys(String operation, Class<?> type) {
		TenantId tenant = TenantContext.currentOrNull();
		if (tenant == null) {
			throw new MissingTenantException(String.format("No tenant is bound to thread '%s' for %s of '%s'; call it "
					+ "from a @TenantScoped method, inside TenantContext.open(...), or with TenantContext.runAs(...).",
					Thread.currentThread().getName(), operation, type.getSimpleName()));
		}
		return new TenantKeys(tenant, this.keyTemplate.partitionKey(tenant), this.tables);
	}

	static Map<String, AttributeValue> key(TenantEntityMetadata<?> metadata, TenantKeys keys, String id) {
		Assert.hasLength(id, "Id must not be null or empty");
		return Map.of(metadata.partitionKeyAttribute(), string(keys.partitionKey()), metadata.sortKey().attribute(),
				string(metadata.sortKey().prefix() + id));
	}

	static Map<String, AttributeValue> keyOf(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item) {
		return Map.of(metadata.partitionKeyAttribute(), item.get(metadata.partitionKeyAttribute()),
				metadata.sortKey().attribute(), item.get(metadata.sortKey().attribute()));
	}

	/**
	 * Translate an entity into the item to write: the partition key from the scope (refusing a foreign value), the
	 * prefixed sort key and the composed tenant index keys.
	 */
	<T> Map<String, AttributeValue> toItem(TenantEntityMetadata<T> metadata, T entity, TenantKeys keys, String action) {
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
	<T> T toEntity(TenantEntityMetadata<T> metadata, Map<String, AttributeValue> item, TenantKeys keys) {
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

	<T> List<T> toEntities(TenantEntityMetadata<T> metadata, List<Map<String, AttributeValue>> items,
			TenantKeys keys) {
		List<T> entities = new ArrayList<>(items.size());
		for (Map<String, AttributeValue> item : items) {
			entities.add(toEntity(metadata, item, keys));
		}
		return entities;
	}

	/**
	 * @return the partition key of a tenant index for the given key values: {@code TENANT#<id>#<prefix>#<values>}
	 */
	String indexKey(TenantEntityMetadata<?> metadata, TenantIndexMetadata index, TenantKeys keys,
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

	static AttributeValue string(String value) {
		return AttributeValue.builder().s(value).build();
	}

	static AttributeValue number(long value) {
		return AttributeValue.builder().n(Long.toString(value)).build();
	}

}
