package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;

/**
 * The tables a {@link DynamoDbRequestContextExtractor} knows, by name and by ARN, with their ARNs and partition keys
 * (and those of their indexes) computed once; a silo tenant's table has those of its pooled table
 * ({@link DynamoDbKeySchema#pooledTableOf(String)}); a table or index it does not know gets its ARN and no partition
 * key, so that no {@code dynamodb:LeadingKeys} is derived for it (fail closed).
 *
 * @author tenancy
 * @since 0.2
 */
final class DeclaredTables {

	private final ResourceArns arns;

	private final DynamoDbKeySchema schema;

	private final Map<String, TableInfo> tables;

	private final List<String> indexPartitionKeys;

	DeclaredTables(ResourceArns arns, DynamoDbKeySchema schema) {
		this.arns = arns;
		this.schema = schema;
		Map<String, TableInfo> byName = new HashMap<>();
		for (String table : schema.tables()) {
			Map<String, IndexInfo> indexes = new HashMap<>();
			for (String index : schema.indexes(table)) {
				indexes.put(index, new IndexInfo(arns.index(table, index), schema.partitionKey(table, index)));
			}
			TableInfo info = new TableInfo(table, arns.table(table), schema.partitionKey(table),
					Collections.unmodifiableMap(indexes));
			byName.put(table, info);
			byName.put(info.arn, info);
		}
		this.tables = Collections.unmodifiableMap(byName);
		List<String> indexPartitionKeys = new ArrayList<>();
		for (String table : schema.tables()) {
			for (String index : schema.indexes(table)) {
				String attribute = schema.partitionKey(table, index);
				if (attribute != null && !attribute.equals(schema.partitionKey(table))) {
					DynamoDbExpressions.addDistinct(indexPartitionKeys, attribute);
				}
			}
		}
		this.indexPartitionKeys = List.copyOf(indexPartitionKeys);
	}

	/**
	 * @return the distinct partition-key attributes of the declared indexes that are not their table's partition key
	 */
	List<String> indexPartitionKeys() {
		return this.indexPartitionKeys;
	}

	/**
	 * @param name a table name as the key schema declares it
	 * @return the declared table, or {@literal null}
	 */
	@Nullable TableInfo declared(String name) {
		return this.tables.get(name);
	}

	/**
	 * @param nameOrArn a {@code TableName} as sent: a name or a table ARN
	 * @return the table; an undeclared one without partition key
	 * @throws IllegalArgumentException if it is an ARN that is not a well-formed DynamoDB table ARN
	 */
	TableInfo table(String nameOrArn) {
		TableInfo known = this.tables.get(nameOrArn);
		if (known != null) {
			return known;
		}
		if (nameOrArn.startsWith("arn:")) {
			DynamoDbArn arn = DynamoDbArn.parse(nameOrArn, "TableName", DynamoDbArn.TABLE);
			return siloOrUndeclared(arn.table(), arn.arn());
		}
		return siloOrUndeclared(nameOrArn, this.arns.table(nameOrArn));
	}

	/** A silo table has the partition keys and indexes of its pooled table, under its own ARN. */
	private TableInfo siloOrUndeclared(String name, String arn) {
		String pooled = this.schema.pooledTableOf(name);
		TableInfo pooledInfo = (pooled != null) ? this.tables.get(pooled) : null;
		if (pooledInfo == null) {
			return new TableInfo(name, arn, null, Map.of());
		}
		Map<String, IndexInfo> indexes = new HashMap<>();
		pooledInfo.indexes.forEach((index, info) -> indexes.put(index, new IndexInfo(arn + "/index/" + index,
				info.partitionKey())));
		return new TableInfo(name, arn, pooledInfo.partitionKey, indexes);
	}

	/**
	 * An index: its ARN and partition key ({@literal null} when not declared).
	 */
	record IndexInfo(String arn, @Nullable String partitionKey) {
	}

	/**
	 * A table: its name, ARN, partition key ({@literal null} when not declared) and declared indexes.
	 */
	record TableInfo(String name, String arn, @Nullable String partitionKey, Map<String, IndexInfo> indexes) {

		IndexInfo index(String indexName) {
			IndexInfo index = this.indexes.get(indexName);
			if (index != null) {
				return index;
			}
			ResourceArns.requireValidName(indexName, "index");
			return new IndexInfo(this.arn + "/index/" + indexName, null);
		}

	}

}
