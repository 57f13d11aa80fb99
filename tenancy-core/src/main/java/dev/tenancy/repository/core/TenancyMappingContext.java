package dev.tenancy.repository.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
	 * @return the table name resolver
	 */
	public TableNameResolver tableNameResolver() {
		return this.tableNameResolver;
	}

}
