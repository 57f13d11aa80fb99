package dev.tenancy.test.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.KeyAttributeMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates DynamoDB tables from the AWS SDK enhanced client's {@link TableSchema}: the primary key and every secondary
 * index declared in the schema's {@link TableMetadata}, on-demand billing ({@code PAY_PER_REQUEST}), projection
 * {@code ALL}. Creation is idempotent, so test classes running in parallel can all ask for the same table.
 *
 * @author tenancy
 * @since 0.1
 */
public final class DynamoDbTables {

	private DynamoDbTables() {
	}

	/**
	 * Create a table unless it exists; every secondary index with its own partition key becomes a global secondary
	 * index, every index declared with a sort key only a local secondary index.
	 * @param client a client with control-plane access (the base credentials or DynamoDB Local directly)
	 * @param tableName the table name
	 * @param schema the enhanced-client schema of the items
	 * @return the table's description
	 * @throws IllegalStateException if a table of that name exists with a different primary key
	 */
	public static TableDescription createTableIfNotExists(DynamoDbClient client, String tableName,
			TableSchema<?> schema) {
		return createTableIfNotExists(client, tableName, schema, Set.of());
	}

	/**
	 * Create a table unless it exists.
	 * @param client a client with control-plane access
	 * @param tableName the table name
	 * @param schema the enhanced-client schema of the items
	 * @param localSecondaryIndexNames the names of the schema's indices to create as local secondary indexes (the
	 * schema does not say which kind an index with its own partition key is); indices declared with a sort key only
	 * are always local, all others become global secondary indexes
	 * @return the table's description
	 * @throws IllegalStateException if a table of that name exists with a different primary key
	 * @throws IllegalArgumentException if the schema has no partition key, uses composite (multi-attribute) keys, names
	 * an unknown local index, or a local index does not share the table's partition key
	 */
	public static TableDescription createTableIfNotExists(DynamoDbClient client, String tableName,
			TableSchema<?> schema, Set<String> localSecondaryIndexNames) {
		Optional<TableDescription> existing = describe(client, tableName);
		if (existing.isPresent()) {
			return requireSameKey(existing.get(), schema.tableMetadata());
		}
		try {
			client.createTable(createTableRequest(tableName, schema, localSecondaryIndexNames));
		}
		catch (ResourceInUseException ex) {
			// Created concurrently by another test: fall through and describe it.
		}
		return requireSameKey(describe(client, tableName).orElseThrow(() -> new IllegalStateException(String.format(
				"Table '%s' was created but cannot be described.", tableName))), schema.tableMetadata());
	}

	/**
	 * Create a table with the key schema, attribute definitions and secondary indexes of an existing one unless it
	 * exists, for example a silo tenant's table like its pooled table (a silo table keeps the pooled table's keys).
	 * @param client a client with control-plane access
	 * @param existingTable the table to copy the definition of; must exist
	 * @param tableName the new table's name
	 * @return the new table's description
	 * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException if {@code existingTable} does
	 * not exist
	 */
	public static TableDescription createTableLike(DynamoDbClient client, String existingTable, String tableName) {
		Optional<TableDescription> existing = describe(client, tableName);
		if (existing.isPresent()) {
			return existing.get();
		}
		TableDescription model = client.describeTable((request) -> request.tableName(existingTable)).table();
		CreateTableRequest.Builder request = CreateTableRequest.builder()
			.tableName(tableName)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(model.attributeDefinitions())
			.keySchema(model.keySchema());
		if (model.hasGlobalSecondaryIndexes()) {
			request.globalSecondaryIndexes(model.globalSecondaryIndexes().stream()
				.map((index) -> GlobalSecondaryIndex.builder()
					.indexName(index.indexName())
					.keySchema(index.keySchema())
					.projection(index.projection())
					.build())
				.toList());
		}
		if (model.hasLocalSecondaryIndexes()) {
			request.localSecondaryIndexes(model.localSecondaryIndexes().stream()
				.map((index) -> LocalSecondaryIndex.builder()
					.indexName(index.indexName())
					.keySchema(index.keySchema())
					.projection(index.projection())
					.build())
				.toList());
		}
		try {
			client.createTable(request.build());
		}
		catch (ResourceInUseException ex) {
			// Created concurrently by another test: describe it.
		}
		return client.describeTable((describe) -> describe.tableName(tableName)).table();
	}

	/**
	 * Build the {@code CreateTable} request for a schema (without sending it).
	 * @param tableName the table name
	 * @param schema the enhanced-client schema
	 * @param localSecondaryIndexNames the indices to create as local secondary indexes
	 * @return the request
	 */
	public static CreateTableRequest createTableRequest(String tableName, TableSchema<?> schema,
			Set<String> localSecondaryIndexNames) {
		TableMetadata metadata = schema.tableMetadata();
		String primary = TableMetadata.primaryIndexName();
		IndexMetadata primaryIndex = metadata.indices().stream()
			.filter((index) -> index.name().equals(primary))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(String.format(
					"The schema of table '%s' has no primary partition key.", tableName)));
		Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
		KeyAttributeMetadata partitionKey = singleKey(tableName, primaryIndex, primaryIndex.partitionKeys(),
				"partition");
		List<KeySchemaElement> keySchema = keySchema(tableName, primaryIndex, partitionKey, attributes);
		List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
		List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
		for (String name : localSecondaryIndexNames) {
			if (metadata.indices().stream().noneMatch((index) -> index.name().equals(name))) {
				throw new IllegalArgumentException(String.format("Local secondary index '%s' is not declared in the "
						+ "schema of table '%s'.", name, tableName));
			}
		}
		for (IndexMetadata index : metadata.indices()) {
			if (index.name().equals(primary)) {
				continue;
			}
			List<KeySchemaElement> indexKeys = keySchema(tableName, index, partitionKey, attributes);
			Projection projection = Projection.builder().projectionType(ProjectionType.ALL).build();
			// An index declared with a sort key only is local by definition: it shares the table's partition key.
			if (localSecondaryIndexNames.contains(index.name()) || index.partitionKeys().isEmpty()) {
				if (!indexKeys.get(0).attributeName().equals(partitionKey.name()) || indexKeys.size() != 2) {
					throw new IllegalArgumentException(String.format("Local secondary index '%s' of table '%s' must "
							+ "have the table's partition key '%s' and a sort key.", index.name(), tableName,
							partitionKey.name()));
				}
				localIndexes.add(LocalSecondaryIndex.builder().indexName(index.name()).keySchema(indexKeys)
					.projection(projection).build());
			}
			else {
				globalIndexes.add(GlobalSecondaryIndex.builder().indexName(index.name()).keySchema(indexKeys)
					.projection(projection).build());
			}
		}
		List<AttributeDefinition> definitions = new ArrayList<>();
		attributes.forEach((name, type) -> definitions.add(
				AttributeDefinition.builder().attributeName(name).attributeType(type).build()));
		CreateTableRequest.Builder request = CreateTableRequest.builder()
			.tableName(tableName)
			.keySchema(keySchema)
			.attributeDefinitions(definitions)
			.billingMode(BillingMode.PAY_PER_REQUEST);
		if (!globalIndexes.isEmpty()) {
			request.globalSecondaryIndexes(globalIndexes);
		}
		if (!localIndexes.isEmpty()) {
			request.localSecondaryIndexes(localIndexes);
		}
		return request.build();
	}

	/**
	 * Build one {@code CreateTable} request for several entity types that share a table (the single-table design):
	 * the primary key they share, every secondary index any of them declares, and the union of their key attributes.
	 * @param tableName the table name
	 * @param schemas the enhanced-client schemas of the items stored in the table; at least one
	 * @return the request
	 * @throws IllegalArgumentException if the schemas disagree on the primary key, on the keys of an index of the
	 * same name, or on the type of a key attribute
	 */
	public static CreateTableRequest createTableRequest(String tableName, List<? extends TableSchema<?>> schemas) {
		if (schemas.isEmpty()) {
			throw new IllegalArgumentException("No schema for table '" + tableName + "'.");
		}
		CreateTableRequest merged = createTableRequest(tableName, schemas.get(0), Set.of());
		for (TableSchema<?> schema : schemas.subList(1, schemas.size())) {
			merged = merge(tableName, merged, createTableRequest(tableName, schema, Set.of()));
		}
		return merged;
	}

	private static CreateTableRequest merge(String tableName, CreateTableRequest into, CreateTableRequest other) {
		if (!into.keySchema().equals(other.keySchema())) {
			throw new IllegalArgumentException(String.format("The entities of table '%s' disagree on its primary key: "
					+ "%s and %s.", tableName, into.keySchema(), other.keySchema()));
		}
		Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
		for (AttributeDefinition definition : concat(into.attributeDefinitions(), other.attributeDefinitions())) {
			AttributeDefinition previous = attributes.putIfAbsent(definition.attributeName(), definition);
			if (previous != null && previous.attributeType() != definition.attributeType()) {
				throw new IllegalArgumentException(String.format("The entities of table '%s' give key attribute '%s' "
						+ "two types: %s and %s.", tableName, definition.attributeName(), previous.attributeType(),
						definition.attributeType()));
			}
		}
		Map<String, GlobalSecondaryIndex> global = new LinkedHashMap<>();
		for (GlobalSecondaryIndex index : concat(into.globalSecondaryIndexes(), other.globalSecondaryIndexes())) {
			GlobalSecondaryIndex previous = global.putIfAbsent(index.indexName(), index);
			if (previous != null) {
				requireSameKeys(tableName, index.indexName(), previous.keySchema(), index.keySchema());
			}
		}
		Map<String, LocalSecondaryIndex> local = new LinkedHashMap<>();
		for (LocalSecondaryIndex index : concat(into.localSecondaryIndexes(), other.localSecondaryIndexes())) {
			LocalSecondaryIndex previous = local.putIfAbsent(index.indexName(), index);
			if (previous != null) {
				requireSameKeys(tableName, index.indexName(), previous.keySchema(), index.keySchema());
			}
		}
		CreateTableRequest.Builder request = into.toBuilder().attributeDefinitions(attributes.values());
		if (!global.isEmpty()) {
			request.globalSecondaryIndexes(global.values());
		}
		if (!local.isEmpty()) {
			request.localSecondaryIndexes(local.values());
		}
		return request.build();
	}

	private static void requireSameKeys(String tableName, String indexName, List<KeySchemaElement> previous,
			List<KeySchemaElement> keys) {
		if (!previous.equals(keys)) {
			throw new IllegalArgumentException(String.format("The entities of table '%s' declare index '%s' with "
					+ "different keys: %s and %s.", tableName, indexName, previous, keys));
		}
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static List<KeySchemaElement> keySchema(String tableName, IndexMetadata index,
			KeyAttributeMetadata tablePartitionKey, Map<String, ScalarAttributeType> attributes) {
		List<KeySchemaElement> keys = new ArrayList<>(2);
		KeyAttributeMetadata partition = index.partitionKeys().isEmpty() ? tablePartitionKey
				: singleKey(tableName, index, index.partitionKeys(), "partition");
		keys.add(key(partition, KeyType.HASH, attributes, tableName));
		if (!index.sortKeys().isEmpty()) {
			keys.add(key(singleKey(tableName, index, index.sortKeys(), "sort"), KeyType.RANGE, attributes, tableName));
		}
		return keys;
	}

	private static KeyAttributeMetadata singleKey(String tableName, IndexMetadata index,
			List<KeyAttributeMetadata> keys, String kind) {
		if (keys.size() != 1) {
			throw new IllegalArgumentException(String.format("Index '%s' of table '%s' has %d %s key attributes; "
					+ "exactly one is supported.", index.name(), tableName, keys.size(), kind));
		}
		return keys.get(0);
	}

	private static KeySchemaElement key(KeyAttributeMetadata attribute, KeyType type,
			Map<String, ScalarAttributeType> attributes, String tableName) {
		ScalarAttributeType scalar = attribute.attributeValueType().scalarAttributeType();
		if (scalar == null) {
			throw new IllegalArgumentException(String.format("Key attribute '%s' of table '%s' is of type '%s', "
					+ "which is not a scalar key type (S, N or B).", attribute.name(), tableName,
					attribute.attributeValueType()));
		}
		attributes.put(attribute.name(), scalar);
		return KeySchemaElement.builder().attributeName(attribute.name()).keyType(type).build();
	}

	private static Optional<TableDescription> describe(DynamoDbClient client, String tableName) {
		try {
			return Optional.of(client.describeTable((request) -> request.tableName(tableName)).table());
		}
		catch (ResourceNotFoundException ex) {
			return Optional.empty();
		}
	}

	private static TableDescription requireSameKey(TableDescription table, TableMetadata metadata) {
		String partition = metadata.primaryPartitionKey();
		String sort = metadata.primarySortKey().orElse(null);
		String actualPartition = null;
		String actualSort = null;
		for (KeySchemaElement element : table.keySchema()) {
			if (element.keyType() == KeyType.HASH) {
				actualPartition = element.attributeName();
			}
			else {
				actualSort = element.attributeName();
			}
		}
		if (!partition.equals(actualPartition) || !Objects.equals(sort, actualSort)) {
			throw new IllegalStateException(String.format("Table '%s' exists with key (%s, %s), but the schema "
					+ "declares (%s, %s); use another table name or delete the table.", table.tableName(),
					actualPartition, actualSort, partition, sort));
		}
		return table;
	}

}
