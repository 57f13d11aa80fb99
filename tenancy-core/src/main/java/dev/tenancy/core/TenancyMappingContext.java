package dev.tenancy.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.tenancy.keys.DynamoDbKeySchema;

import org.springframework.data.mapping.MappingException;
import org.springframework.util.Assert;

/**
 * Computes and caches the {@link TenantEntityMetadata} of tenant entities, and checks that entity types sharing a
 * table have sort-key prefixes that cannot overlap (otherwise a Query for one type would return items of the other).
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyMappingContext {

	private final TableNameResolver tableNameResolver;

	private final Map<Class<?>, TenantEntityMetadata<?>> metadata = new ConcurrentHashMap<>();

	/**
	 * Create a context that uses the declared table names unchanged.
	 */
	public TenancyMappingContext() {
		this(TableNameResolver.declared());
	}

	/**
	 * @param tableNameResolver resolves physical table names; must not be {@literal null}
	 */
	public TenancyMappingContext(TableNameResolver tableNameResolver) {
		Assert.notNull(tableNameResolver, "TableNameResolver must not be null");
		this.tableNameResolver = tableNameResolver;
	}

	/**
	 * Return the metadata of a tenant entity, computing it on first use.
	 * @param type the entity type; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the metadata
	 * @throws MappingException if the type cannot be mapped or its sort-key prefix overlaps another entity's in the
	 * same table
	 */
	@SuppressWarnings("unchecked")
	public <T> TenantEntityMetadata<T> getRequiredMetadata(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		TenantEntityMetadata<?> existing = this.metadata.get(type);
		if (existing != null) {
			return (TenantEntityMetadata<T>) existing;
		}
		synchronized (this.metadata) {
			existing = this.metadata.get(type);
			if (existing != null) {
				return (TenantEntityMetadata<T>) existing;
			}
			TenantEntityMetadata<T> created = TenantEntityMetadata.of(type, this.tableNameResolver);
			for (TenantEntityMetadata<?> other : this.metadata.values()) {
				checkPrefixes(created, other);
			}
			this.metadata.put(type, created);
			return created;
		}
	}

	private static void checkPrefixes(TenantEntityMetadata<?> created, TenantEntityMetadata<?> other) {
		if (!created.tableName().equals(other.tableName())) {
			return;
		}
		String a = created.sortKey().prefix();
		String b = other.sortKey().prefix();
		if (a.startsWith(b) || b.startsWith(a)) {
			throw new MappingException(String.format("Entity types '%s' (sort-key prefix '%s') and '%s' (prefix '%s') "
					+ "share table '%s' with overlapping prefixes, so a Query for one would return the other; give "
					+ "each type a prefix that is not a prefix of another's.", created.type().getName(), a,
					other.type().getName(), b, created.tableName()));
		}
	}

	/**
	 * The key schema of the tables and tenant indexes the given entity types use, for generating the tenants' IAM
	 * policies ({@code TenancyPolicies}), which list exactly the tables and indexes tenant-scoped code uses.
	 * @param entityTypes the tenant entity types; must not be {@literal null}
	 * @return the key schema
	 * @throws MappingException if entity types sharing a table disagree about its keys
	 */
	public DynamoDbKeySchema keySchema(Collection<? extends Class<?>> entityTypes) {
		Assert.notNull(entityTypes, "Entity types must not be null");
		Map<String, List<@Nullable String>> tables = new LinkedHashMap<>();
		Map<String, Map<String, List<@Nullable String>>> indexes = new LinkedHashMap<>();
		for (Class<?> type : entityTypes) {
			TenantEntityMetadata<?> metadata = getRequiredMetadata(type);
			String table = metadata.tableName();
			agree(tables, table, Arrays.asList(metadata.partitionKeyAttribute(), metadata.sortKey().attribute()),
					"table '" + table + "'", type);
			for (TenantIndexMetadata index : metadata.indexes()) {
				SortKeyMetadata sortKey = index.sortKey();
				agree(indexes.computeIfAbsent(table, (name) -> new LinkedHashMap<>()), index.name(),
						Arrays.asList(index.partitionKeyAttribute(), (sortKey != null) ? sortKey.attribute() : null),
						"index '" + index.name() + "' of table '" + table + "'", type);
			}
		}
		DynamoDbKeySchema.Builder builder = DynamoDbKeySchema.builder();
		tables.forEach((table, keys) -> builder.table(table, Objects.requireNonNull(keys.get(0)), keys.get(1)));
		indexes.forEach((table, tableIndexes) -> tableIndexes
			.forEach((index, keys) -> builder.index(table, index, Objects.requireNonNull(keys.get(0)), keys.get(1))));
		return builder.build();
	}

	/**
	 * The key schema of the given entity types.
	 * @param entityTypes the tenant entity types
	 * @return the key schema
	 * @see #keySchema(Collection)
	 */
	public DynamoDbKeySchema keySchema(Class<?>... entityTypes) {
		return keySchema(Arrays.asList(entityTypes));
	}

	private static void agree(Map<String, List<@Nullable String>> declared, String name, List<@Nullable String> keys,
			String what, Class<?> type) {
		List<@Nullable String> existing = declared.putIfAbsent(name, keys);
		if (existing != null && !existing.equals(keys)) {
			throw new MappingException(String.format("'%s' declares the keys of %s as %s, but another entity type "
					+ "declares %s.", type.getName(), what, keys, existing));
		}
	}

	/**
	 * @return the table name resolver
	 */
	public TableNameResolver tableNameResolver() {
		return this.tableNameResolver;
	}

}
