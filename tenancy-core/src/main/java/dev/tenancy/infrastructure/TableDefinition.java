package dev.tenancy.infrastructure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tenancy.context.TenantId;
import dev.tenancy.keys.DynamoDbKeySchema;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One DynamoDB table of {@link TenancyInfrastructure}: a pooled table, or a silo tenant's copy of one, with the pooled
 * table's keys and indexes as the {@link DynamoDbKeySchema} declares them. Every index projects all attributes (the
 * repositories read whole items from indexes); an index with the table's partition key and a sort key is local, any
 * other global.
 *
 * @param name the table's name
 * @param pooledTable the pooled table it is (or is a silo copy of)
 * @param tenant the silo tenant owning it, or {@literal null} for a pooled table
 * @param partitionKey the partition-key attribute
 * @param sortKey the sort-key attribute, or {@literal null}
 * @param attributes the key attributes of the table and its indexes with their types, in declaration order
 * @param indexes the secondary indexes
 * @author tenancy
 * @since 0.4
 */
public record TableDefinition(String name, String pooledTable, @Nullable TenantId tenant, String partitionKey,
		@Nullable String sortKey, Map<String, ScalarAttributeType> attributes, List<Index> indexes) {

	/**
	 * @param name the table's name
	 * @param pooledTable the pooled table
	 * @param tenant the silo tenant, or {@literal null}
	 * @param partitionKey the partition-key attribute
	 * @param sortKey the sort-key attribute, or {@literal null}
	 * @param attributes the key attributes with their types
	 * @param indexes the secondary indexes
	 */
	public TableDefinition {
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
		indexes = List.copyOf(indexes);
	}

	/**
	 * @return whether a silo tenant owns the table
	 */
	public boolean silo() {
		return this.tenant != null;
	}

	/**
	 * @return the global secondary indexes
	 */
	public List<Index> globalIndexes() {
		return this.indexes.stream().filter((index) -> !index.local()).toList();
	}

	/**
	 * @return the local secondary indexes
	 */
	public List<Index> localIndexes() {
		return this.indexes.stream().filter(Index::local).toList();
	}

	static TableDefinition of(DynamoDbKeySchema schema, String pooledTable, String name, @Nullable TenantId tenant,
			InfrastructureOptions options) {
		String partitionKey = requireString(schema.partitionKey(pooledTable), pooledTable, options);
		String sortKey = schema.sortKey(pooledTable);
		Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
		attributes.put(partitionKey, ScalarAttributeType.S);
		if (sortKey != null) {
			attributes.put(sortKey, options.attributeType(sortKey));
		}
		List<Index> indexes = new ArrayList<>();
		for (String index : schema.indexes(pooledTable)) {
			String indexPartitionKey = requireString(schema.partitionKey(pooledTable, index), pooledTable, options);
			String indexSortKey = schema.sortKey(pooledTable, index);
			attributes.putIfAbsent(indexPartitionKey, ScalarAttributeType.S);
			if (indexSortKey != null) {
				attributes.putIfAbsent(indexSortKey, options.attributeType(indexSortKey));
			}
			indexes.add(new Index(index, indexPartitionKey, indexSortKey,
					indexPartitionKey.equals(partitionKey) && indexSortKey != null));
		}
		return new TableDefinition(name, pooledTable, tenant, partitionKey, sortKey, attributes, indexes);
	}

	private static String requireString(@Nullable String attribute, String table, InfrastructureOptions options) {
		if (attribute == null) {
			throw new IllegalStateException("Table '" + table + "' has no partition key in the key schema.");
		}
		if (options.attributeType(attribute) != ScalarAttributeType.S) {
			throw new IllegalArgumentException(String.format("Attribute '%s' is a partition key of table '%s' or of "
					+ "one of its indexes and holds the tenant's key (TENANT#<id>...), so it must be a string (S), "
					+ "not %s.", attribute, table, options.attributeType(attribute)));
		}
		return attribute;
	}

	/**
	 * A secondary index, projecting all attributes.
	 *
	 * @param name the index's name
	 * @param partitionKey its partition-key attribute
	 * @param sortKey its sort-key attribute, or {@literal null}
	 * @param local whether it is a local secondary index (the table's partition key and a sort key)
	 */
	public record Index(String name, String partitionKey, @Nullable String sortKey, boolean local) {

	}

}
