package dev.tenancy.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.TenantTables;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.util.Assert;

/**
 * The Spring Data mapping context of tenant entities: one per application, shared by the template, the repositories,
 * auditing, the key schema and the policies. For each {@link dev.tenancy.annotation.TenantEntity} it holds a
 * {@link TenantPersistentEntity} with the entity's {@link TenantEntityMetadata}, and it checks that entity types sharing
 * a table have sort-key prefixes that cannot overlap (otherwise a Query for one type would return items of the other).
 * <p>
 * Entities are added on first use, or up front from an {@linkplain #setInitialEntitySet initial entity set} (the
 * repository configuration and the Spring Boot starter scan for {@code @TenantEntity} classes), so that a type that
 * cannot be mapped fails the startup. Types of the JDK ({@code java.*}) are simple: they are mapped by the enhanced
 * client and introspecting their fields fails on the module system.
 * <p>
 * An entity's table ({@link TenantEntityMetadata#tableName()}) is its pooled table; which table a tenant's requests
 * address is decided per request by the context's {@link TenantTables} (a silo tenant's own table).
 *
 * @author tenancy
 * @since 0.1
 */
public class TenancyMappingContext
		extends AbstractMappingContext<TenantPersistentEntity<?>, TenantPersistentProperty> {

	private final TableNameResolver tableNameResolver;

	private final TenantTables tenantTables;

	/** The tenant metadata by type: the request path reads it on every call, without the context's locking. */
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
		this(tableNameResolver, TenantTables.pooled());
	}

	/**
	 * @param tableNameResolver resolves the pooled tables' names; must not be {@literal null}
	 * @param tenantTables decides which table each tenant's requests address (its pooled table or its silo table);
	 * must not be {@literal null}
	 */
	public TenancyMappingContext(TableNameResolver tableNameResolver, TenantTables tenantTables) {
		Assert.notNull(tableNameResolver, "TableNameResolver must not be null");
		Assert.notNull(tenantTables, "TenantTables must not be null");
		this.tableNameResolver = tableNameResolver;
		this.tenantTables = tenantTables;
		setSimpleTypeHolder(new SimpleTypeHolder(Set.of(), true) {

			@Override
			public boolean isSimpleType(Class<?> type) {
				return type.getName().startsWith("java.") || super.isSimpleType(type);
			}

		});
	}

	/**
	 * Return the metadata of a tenant entity, adding the entity to the context on first use.
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
		TenantEntityMetadata<T> metadata = ((TenantPersistentEntity<T>) getRequiredPersistentEntity(type))
			.getRequiredTenantMetadata();
		this.metadata.put(type, metadata);
		return metadata;
	}

	/**
	 * @return the tenant entity types in the context (those of the initial entity set and those used so far)
	 */
	public List<Class<?>> getTenantEntityTypes() {
		List<Class<?>> types = new ArrayList<>();
		for (TenantPersistentEntity<?> entity : getPersistentEntities()) {
			if (entity.isTenantEntity()) {
				types.add(entity.getType());
			}
		}
		return types;
	}

	/**
	 * Adds an entity as the base class does, but reports a type that cannot be mapped as a tenant entity with the
	 * reason itself rather than wrapped in a generic "Cannot create PersistentEntity".
	 */
	@Override
	protected Optional<TenantPersistentEntity<?>> addPersistentEntity(TypeInformation<?> typeInformation) {
		try {
			return super.addPersistentEntity(typeInformation);
		}
		catch (MappingException ex) {
			if (ex.getCause() instanceof MappingException reason) {
				throw reason;
			}
			throw ex;
		}
	}

	@Override
	protected <T> TenantPersistentEntity<?> createPersistentEntity(TypeInformation<T> typeInformation) {
		return new TenantPersistentEntity<>(typeInformation, this.tableNameResolver, this::checkPrefixes);
	}

	@Override
	protected TenantPersistentProperty createPersistentProperty(Property property, TenantPersistentEntity<?> owner,
			SimpleTypeHolder simpleTypeHolder) {
		return new TenantPersistentProperty(property, owner, simpleTypeHolder);
	}

	/** Called while an entity is added, under the context's write lock; a failure leaves the entity out. */
	private void checkPrefixes(TenantEntityMetadata<?> created) {
		for (TenantPersistentEntity<?> entity : getPersistentEntities()) {
			if (entity.getType() != created.type() && entity.isTenantEntity()) {
				checkPrefixes(created, entity.getRequiredTenantMetadata());
			}
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
	 * The types of the key attributes that are not strings, for declaring the tables (an index sort key may be a
	 * number or binary; partition keys and table sort keys are always strings).
	 * @return attribute name to type, for the tenant entity types in the context
	 */
	public Map<String, ScalarAttributeType> keyAttributeTypes() {
		Map<String, ScalarAttributeType> types = new LinkedHashMap<>();
		for (Class<?> type : getTenantEntityTypes()) {
			for (TenantIndexMetadata index : getRequiredMetadata(type).indexes()) {
				SortKeyMetadata sortKey = index.sortKey();
				if (sortKey != null && sortKey.type() != ScalarAttributeType.S) {
					types.putIfAbsent(sortKey.attribute(), sortKey.type());
				}
			}
		}
		return types;
	}

	/**
	 * @return the table name resolver
	 */
	public TableNameResolver tableNameResolver() {
		return this.tableNameResolver;
	}

	/**
	 * @return which table each tenant's requests address: the entity's (pooled) table, or the tenant's silo table
	 */
	public TenantTables tenantTables() {
		return this.tenantTables;
	}

}
