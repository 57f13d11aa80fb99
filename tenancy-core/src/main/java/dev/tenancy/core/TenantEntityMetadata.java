package dev.tenancy.core;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.annotation.TenantIndexKey;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.KeyAttributeMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbIgnore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.mapping.MappingException;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * What the repository layer knows about a tenant entity: its enhanced-client {@link TableSchema}, the table, the
 * tenant partition attribute, the sort key with its type prefix, the optimistic-locking version attribute and the
 * tenant-leading global secondary indexes. Computed and validated once, when a repository or the
 * {@link TenancyMappingContext} first meets the type; a mapping the library cannot keep confined to a tenant fails
 * here with a {@link MappingException} that names the type and the remedy.
 *
 * @param <T> the entity type
 * @author tenancy
 * @since 0.1
 */
public final class TenantEntityMetadata<T> {

	/** Custom metadata key under which the enhanced client records {@code @DynamoDbVersionAttribute}. */
	static final String VERSION_ATTRIBUTE_KEY = "VersionedRecordExtension:VersionAttribute";

	private static final String VERSION_START_AT_KEY = "VersionedRecordExtension:StartAt";

	private static final String VERSION_INCREMENT_BY_KEY = "VersionedRecordExtension:IncrementBy";

	private final Class<T> type;

	private final TableSchema<T> schema;

	private final String tableName;

	private final String partitionKeyAttribute;

	private final String partitionKeyProperty;

	private final SortKeyMetadata sortKey;

	private final @Nullable String versionAttribute;

	private final long versionStartAt;

	private final long versionIncrementBy;

	private final Map<String, String> attributesByProperty;

	private final Map<String, TenantIndexMetadata> indexes;

	private TenantEntityMetadata(Class<T> type, TableSchema<T> schema, String tableName, String partitionKeyAttribute,
			String partitionKeyProperty, SortKeyMetadata sortKey, @Nullable String versionAttribute,
			long versionStartAt, long versionIncrementBy, Map<String, String> attributesByProperty,
			Map<String, TenantIndexMetadata> indexes) {
		this.type = type;
		this.schema = schema;
		this.tableName = tableName;
		this.partitionKeyAttribute = partitionKeyAttribute;
		this.partitionKeyProperty = partitionKeyProperty;
		this.sortKey = sortKey;
		this.versionAttribute = versionAttribute;
		this.versionStartAt = versionStartAt;
		this.versionIncrementBy = versionIncrementBy;
		this.attributesByProperty = attributesByProperty;
		this.indexes = indexes;
	}

	/**
	 * Read and validate the metadata of a tenant entity.
	 * @param type the entity type, annotated with {@link TenantEntity} and {@code @DynamoDbBean} or
	 * {@code @DynamoDbImmutable}; must not be {@literal null}
	 * @param tableNameResolver resolves the physical table name; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the metadata
	 * @throws MappingException if the type cannot be mapped as a tenant entity
	 */
	public static <T> TenantEntityMetadata<T> of(Class<T> type, TableNameResolver tableNameResolver) {
		Assert.notNull(type, "Type must not be null");
		Assert.notNull(tableNameResolver, "TableNameResolver must not be null");
		TenantEntity entity = AnnotatedElementUtils.findMergedAnnotation(type, TenantEntity.class);
		if (entity == null) {
			throw new MappingException(String.format("Type '%s' is not a tenant entity; annotate it with "
					+ "@TenantEntity(sortKeyPrefix = \"...\") to store it in a tenant-scoped repository.",
					type.getName()));
		}
		if (!StringUtils.hasLength(entity.sortKeyPrefix())) {
			throw new MappingException(String.format("@TenantEntity on '%s' declares an empty sortKeyPrefix; give each "
					+ "entity type of a table its own prefix, for example \"PROJECT#\".", type.getName()));
		}
		TableSchema<T> schema = schema(type);
		TableMetadata table = schema.tableMetadata();
		String declaredTable = StringUtils.hasText(entity.table()) ? entity.table()
				: StringUtils.uncapitalize(type.getSimpleName());
		String tableName = tableNameResolver.resolve(type, declaredTable);
		Map<String, String> attributesByProperty = attributesByProperty(type, schema.attributeNames());

		String partitionKey = requiredKey(type, "partition key", "@DynamoDbPartitionKey", () -> table.primaryPartitionKey());
		String sortKeyAttribute = requiredKey(type, "sort key", "@DynamoDbSortKey",
				() -> table.primarySortKey().orElseThrow());
		requireString(type, table, partitionKey, "partition key");
		requireString(type, table, sortKeyAttribute, "sort key");
		SortKeyMetadata sortKey = new SortKeyMetadata(property(type, attributesByProperty, sortKeyAttribute),
				sortKeyAttribute, ScalarAttributeType.S, entity.sortKeyPrefix());

		String versionAttribute = table.customMetadataObject(VERSION_ATTRIBUTE_KEY, String.class).orElse(null);
		long startAt = table.customMetadataObject(VERSION_START_AT_KEY, Long.class).orElse(0L);
		long incrementBy = table.customMetadataObject(VERSION_INCREMENT_BY_KEY, Long.class).orElse(1L);

		Map<String, TenantIndexMetadata> indexes = new LinkedHashMap<>();
		for (TenantIndexKey declaration : AnnotatedElementUtils.findMergedRepeatableAnnotations(type,
				TenantIndexKey.class)) {
			TenantIndexMetadata index = index(type, schema, declaration, attributesByProperty, partitionKey, sortKey);
			if (indexes.put(index.name(), index) != null) {
				throw new MappingException(String.format("Type '%s' declares @TenantIndexKey for index '%s' twice.",
						type.getName(), index.name()));
			}
		}
		return new TenantEntityMetadata<>(type, schema, tableName, partitionKey,
				property(type, attributesByProperty, partitionKey), sortKey, versionAttribute, startAt, incrementBy,
				Collections.unmodifiableMap(attributesByProperty), Collections.unmodifiableMap(indexes));
	}

	@SuppressWarnings("unchecked")
	private static <T> TableSchema<T> schema(Class<T> type) {
		try {
			return TableSchema.fromClass(type);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new MappingException(String.format("The AWS SDK enhanced client cannot map '%s': %s Annotate it "
					+ "with @DynamoDbBean or @DynamoDbImmutable.", type.getName(), ex.getMessage()), ex);
		}
	}

	private static String requiredKey(Class<?> type, String what, String annotation,
			java.util.function.Supplier<String> key) {
		try {
			return key.get();
		}
		catch (RuntimeException ex) {
			throw new MappingException(String.format("Tenant entity '%s' has no %s; annotate the property that holds "
					+ "it with %s.", type.getName(), what, annotation), ex);
		}
	}

	private static void requireString(Class<?> type, TableMetadata table, String attribute, String what) {
		Optional<ScalarAttributeType> scalar = table.scalarAttributeType(attribute);
		if (scalar.isEmpty() || scalar.get() != ScalarAttributeType.S) {
			throw new MappingException(String.format("The %s '%s' of tenant entity '%s' must be a String (DynamoDB "
					+ "type S): the library stores the tenant and type prefixes in it.", what, attribute,
					type.getName()));
		}
	}

	private static TenantIndexMetadata index(Class<?> type, TableSchema<?> schema, TenantIndexKey declaration,
			Map<String, String> attributesByProperty, String partitionKey, SortKeyMetadata tableSortKey) {
		TableMetadata table = schema.tableMetadata();
		IndexMetadata index = null;
		for (IndexMetadata candidate : table.indices()) {
			if (candidate.name().equals(declaration.index())) {
				index = candidate;
			}
		}
		if (index == null || index.partitionKeys().isEmpty()) {
			throw new MappingException(String.format("@TenantIndexKey on '%s' names index '%s', but the entity declares "
					+ "no global secondary index of that name; annotate the String property that holds its key with "
					+ "@DynamoDbSecondaryPartitionKey(indexNames = \"%s\").", type.getName(), declaration.index(),
					declaration.index()));
		}
		if (index.partitionKeys().size() != 1) {
			throw new MappingException(String.format("Index '%s' of '%s' has a multi-attribute partition key; a tenant "
					+ "index has exactly one, composed by the library.", declaration.index(), type.getName()));
		}
		KeyAttributeMetadata indexKey = index.partitionKeys().get(0);
		String keyAttribute = indexKey.name();
		if (indexKey.attributeValueType() != AttributeValueType.S) {
			throw new MappingException(String.format("The partition key '%s' of index '%s' of '%s' must be a String: "
					+ "the library composes it as TENANT#<tenant>#....", keyAttribute, declaration.index(),
					type.getName()));
		}
		if (declaration.attributes().length == 0) {
			throw new MappingException(String.format("@TenantIndexKey for index '%s' on '%s' names no attributes.",
					declaration.index(), type.getName()));
		}
		List<String> attributes = new ArrayList<>();
		for (String property : declaration.attributes()) {
			String attribute = attributesByProperty.get(property);
			if (attribute == null) {
				throw new MappingException(String.format("@TenantIndexKey for index '%s' on '%s' names property '%s', "
						+ "which the enhanced client does not map.", declaration.index(), type.getName(), property));
			}
			if (attribute.equals(keyAttribute) || attribute.equals(partitionKey)) {
				throw new MappingException(String.format("@TenantIndexKey for index '%s' on '%s' cannot compose the "
						+ "key from the key attribute '%s' itself.", declaration.index(), type.getName(), attribute));
			}
			AttributeValueType valueType = converter(schema, attribute).attributeValueType();
			if (valueType != AttributeValueType.S && valueType != AttributeValueType.N
					&& valueType != AttributeValueType.BOOL) {
				throw new MappingException(String.format("Property '%s' of '%s' (DynamoDB type %s) cannot be part of "
						+ "the key of index '%s'; use String, number, enum or boolean properties.", property,
						type.getName(), valueType, declaration.index()));
			}
			attributes.add(attribute);
		}
		SortKeyMetadata sortKey = null;
		if (index.sortKeys().size() > 1) {
			throw new MappingException(String.format("Index '%s' of '%s' has a multi-attribute sort key, which "
					+ "derived queries do not support.", declaration.index(), type.getName()));
		}
		if (!index.sortKeys().isEmpty()) {
			String attribute = index.sortKeys().get(0).name();
			ScalarAttributeType scalar = table.scalarAttributeType(attribute).orElse(ScalarAttributeType.S);
			sortKey = attribute.equals(tableSortKey.attribute()) ? tableSortKey
					: new SortKeyMetadata(property(type, attributesByProperty, attribute), attribute, scalar, "");
		}
		return new TenantIndexMetadata(declaration.index(), keyAttribute, declaration.prefix(),
				List.of(declaration.attributes()), attributes, sortKey);
	}

	private static String property(Class<?> type, Map<String, String> attributesByProperty, String attribute) {
		for (Map.Entry<String, String> entry : attributesByProperty.entrySet()) {
			if (entry.getValue().equals(attribute)) {
				return entry.getKey();
			}
		}
		throw new MappingException(String.format("No property of '%s' maps to attribute '%s'.", type.getName(),
				attribute));
	}

	/**
	 * Map Java property names to the attribute names the enhanced client uses: the {@link DynamoDbAttribute} name
	 * where the getter or setter declares one, the property name otherwise.
	 */
	private static Map<String, String> attributesByProperty(Class<?> type, Collection<String> attributeNames) {
		Set<String> known = new HashSet<>(attributeNames);
		Map<String, String> result = new LinkedHashMap<>();
		for (Method method : type.getMethods()) {
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
					|| method.getReturnType() == void.class || method.getDeclaringClass() == Object.class
					|| method.isAnnotationPresent(DynamoDbIgnore.class)) {
				continue;
			}
			String property = propertyName(method.getName());
			DynamoDbAttribute annotation = AnnotatedElementUtils.findMergedAnnotation(method, DynamoDbAttribute.class);
			if (annotation == null) {
				annotation = setterAnnotation(type, property, method.getReturnType());
			}
			String attribute = (annotation != null) ? annotation.value() : property;
			if (known.contains(attribute)) {
				result.putIfAbsent(property, attribute);
			}
		}
		return result;
	}

	private static @Nullable DynamoDbAttribute setterAnnotation(Class<?> type, String property, Class<?> valueType) {
		try {
			Method setter = type.getMethod("set" + StringUtils.capitalize(property), valueType);
			return AnnotatedElementUtils.findMergedAnnotation(setter, DynamoDbAttribute.class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private static String propertyName(String method) {
		if (method.startsWith("get") && method.length() > 3 && Character.isUpperCase(method.charAt(3))) {
			return Introspector.decapitalize(method.substring(3));
		}
		if (method.startsWith("is") && method.length() > 2 && Character.isUpperCase(method.charAt(2))) {
			return Introspector.decapitalize(method.substring(2));
		}
		return method;
	}

	@SuppressWarnings("unchecked")
	private static AttributeConverter<Object> converter(TableSchema<?> schema, String attribute) {
		return (AttributeConverter<Object>) schema.converterForAttribute(attribute);
	}

	/**
	 * @return the entity type
	 */
	public Class<T> type() {
		return this.type;
	}

	/**
	 * @return the enhanced client's schema of the entity
	 */
	public TableSchema<T> schema() {
		return this.schema;
	}

	/**
	 * @return the physical name of the entity's pooled table; a silo tenant's requests address its own table instead
	 * ({@link TenancyMappingContext#tenantTables()})
	 */
	public String tableName() {
		return this.tableName;
	}

	/**
	 * @return the attribute that holds the tenant partition key
	 */
	public String partitionKeyAttribute() {
		return this.partitionKeyAttribute;
	}

	/**
	 * @return the entity property that maps to the tenant partition key
	 */
	public String partitionKeyProperty() {
		return this.partitionKeyProperty;
	}

	/**
	 * @return the table's sort key, whose property is the entity's identity inside the tenant
	 */
	public SortKeyMetadata sortKey() {
		return this.sortKey;
	}

	/**
	 * @return the name of the property that holds the identity inside the tenant
	 */
	public String idProperty() {
		return this.sortKey.property();
	}

	/**
	 * @return the {@code @DynamoDbVersionAttribute} attribute, or {@literal null} if the entity is not versioned
	 */
	public @Nullable String versionAttribute() {
		return this.versionAttribute;
	}

	/**
	 * @return the version value that marks a new item ({@code @DynamoDbVersionAttribute(startAt)})
	 */
	public long versionStartAt() {
		return this.versionStartAt;
	}

	/**
	 * @return the version increment ({@code @DynamoDbVersionAttribute(incrementBy)})
	 */
	public long versionIncrementBy() {
		return this.versionIncrementBy;
	}

	/**
	 * @return the tenant-leading global secondary indexes, in declaration order
	 */
	public Collection<TenantIndexMetadata> indexes() {
		return this.indexes.values();
	}

	/**
	 * @param name the index name
	 * @return the tenant index of that name, or {@literal null}
	 */
	public @Nullable TenantIndexMetadata index(String name) {
		return this.indexes.get(name);
	}

	/**
	 * @param property an entity property name
	 * @return the attribute the property maps to, or {@literal null} if the enhanced client does not map it
	 */
	public @Nullable String attribute(String property) {
		return this.attributesByProperty.get(property);
	}

	/**
	 * Convert a Java value the way the enhanced client converts the given attribute.
	 * @param attribute the attribute name
	 * @param value the value; must not be {@literal null}
	 * @return the attribute value
	 */
	public AttributeValue toAttributeValue(String attribute, Object value) {
		Assert.notNull(value, () -> "Value for attribute '" + attribute + "' must not be null");
		return converter(this.schema, attribute).transformFrom(value);
	}

	/**
	 * @param attribute the attribute name
	 * @return the type the enhanced client stores the attribute as
	 */
	public AttributeValueType attributeValueType(String attribute) {
		return converter(this.schema, attribute).attributeValueType();
	}

	/**
	 * Read the identity inside the tenant from an entity.
	 * @param entity the entity; must not be {@literal null}
	 * @return the identity
	 * @throws IllegalArgumentException if the entity has no identity
	 */
	public String id(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		AttributeValue value = this.schema.attributeValue(entity, this.sortKey.attribute());
		if (value == null || value.s() == null || value.s().isEmpty()) {
			throw new IllegalArgumentException(String.format("The id ('%s') of the '%s' must not be null or empty.",
					this.sortKey.property(), this.type.getSimpleName()));
		}
		return value.s();
	}

	/**
	 * Set the version of a mutable entity, one with a setter for its {@code @DynamoDbVersionAttribute} property.
	 * @param entity the entity; must not be {@literal null}
	 * @param version the version to set
	 * @return whether the entity took the version ({@literal false} for an unversioned or immutable entity)
	 */
	public boolean setVersion(T entity, long version) {
		Assert.notNull(entity, "Entity must not be null");
		String property = versionProperty();
		if (property == null) {
			return false;
		}
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(entity);
		if (!wrapper.isWritableProperty(property)) {
			return false;
		}
		wrapper.setPropertyValue(property, version);
		return true;
	}

	private @Nullable String versionProperty() {
		if (this.versionAttribute == null) {
			return null;
		}
		for (Map.Entry<String, String> mapping : this.attributesByProperty.entrySet()) {
			if (mapping.getValue().equals(this.versionAttribute)) {
				return mapping.getKey();
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "TenantEntityMetadata[" + this.type.getName() + " in '" + this.tableName + "' as '"
				+ this.sortKey.prefix() + "']";
	}

}
