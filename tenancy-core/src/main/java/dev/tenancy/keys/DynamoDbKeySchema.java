package dev.tenancy.keys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The key schema of the tables and secondary indexes that tenant-scoped code uses: which attribute is the partition key
 * (and, optionally, the sort key) of each table and index.
 * <p>
 * The request-context extractor needs the partition-key attribute to find {@code dynamodb:LeadingKeys} in a request
 * (the pk of an index for a Query on that index, docs/IAM.md R20); the policy generator lists exactly
 * these tables and indexes in the generated policies and adds all key attributes to a column restriction. A table or
 * index that is not declared here has no known partition key: the extractor then leaves {@code LeadingKeys} absent,
 * which the generated policies' {@code Null} guard denies (fail closed).
 * <p>
 * Immutable and thread-safe; create with {@link #builder()}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class DynamoDbKeySchema {

	private final Map<String, Table> tables;

	private final @Nullable SiloTableTemplate siloTables;

	private DynamoDbKeySchema(Map<String, Table> tables, @Nullable SiloTableTemplate siloTables) {
		this.tables = tables;
		this.siloTables = siloTables;
	}

	/**
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The partition-key attribute of a table.
	 * @param table the table name
	 * @return the attribute name, or {@literal null} if the table is not declared
	 */
	public @Nullable String partitionKey(String table) {
		Table t = this.tables.get(table);
		return (t != null) ? t.key.partitionKey : null;
	}

	/**
	 * The partition-key attribute of a secondary index.
	 * @param table the table name
	 * @param index the index name
	 * @return the attribute name, or {@literal null} if the index is not declared
	 */
	public @Nullable String partitionKey(String table, String index) {
		Key key = indexKey(table, index);
		return (key != null) ? key.partitionKey : null;
	}

	/**
	 * The sort-key attribute of a table.
	 * @param table the table name
	 * @return the attribute name, or {@literal null} if the table is not declared or has no sort key
	 */
	public @Nullable String sortKey(String table) {
		Table t = this.tables.get(table);
		return (t != null) ? t.key.sortKey : null;
	}

	/**
	 * The sort-key attribute of a secondary index.
	 * @param table the table name
	 * @param index the index name
	 * @return the attribute name, or {@literal null} if the index is not declared or has no sort key
	 */
	public @Nullable String sortKey(String table, String index) {
		Key key = indexKey(table, index);
		return (key != null) ? key.sortKey : null;
	}

	private @Nullable Key indexKey(String table, String index) {
		Table t = this.tables.get(table);
		return (t != null) ? t.indexes.get(index) : null;
	}

	/**
	 * This schema, also knowing the silo tenants' tables: each has the key schema and indexes of its pooled table, so
	 * that a request to {@code app-acme} is read with the keys of {@code app} ({@link #pooledTableOf(String)}).
	 * @param template how silo tables are named; must not be {@literal null}
	 * @return the schema with silo tables
	 * @throws IllegalArgumentException if the template does not fit the declared tables
	 * ({@link SiloTableTemplate#validate(java.util.Collection)})
	 */
	public DynamoDbKeySchema withSiloTables(SiloTableTemplate template) {
		Assert.notNull(template, "SiloTableTemplate must not be null");
		template.validate(this.tables.keySet());
		return new DynamoDbKeySchema(this.tables, template);
	}

	/**
	 * @return how silo tables are named, or {@literal null} if this schema knows none
	 */
	public @Nullable SiloTableTemplate siloTables() {
		return this.siloTables;
	}

	/**
	 * The pooled table whose key schema a silo table has.
	 * @param tableName a table name that is not declared
	 * @return the declared table of which {@code tableName} is some tenant's silo table, or {@literal null}
	 */
	public @Nullable String pooledTableOf(String tableName) {
		if (this.siloTables != null) {
			for (String pooled : this.tables.keySet()) {
				if (this.siloTables.tenantOf(pooled, tableName) != null) {
					return pooled;
				}
			}
		}
		return null;
	}

	/**
	 * @return the declared table names, in declaration order (unmodifiable)
	 */
	public Set<String> tables() {
		return this.tables.keySet();
	}

	/**
	 * @param table the table name
	 * @return the declared index names of the table, in declaration order (unmodifiable; empty for an unknown table)
	 */
	public Set<String> indexes(String table) {
		Table t = this.tables.get(table);
		return (t != null) ? t.indexes.keySet() : Set.of();
	}

	/**
	 * All key attributes of all declared tables and indexes (partition and sort keys), which an attribute allow-list
	 * must always contain (docs/IAM.md R21).
	 * @return the attribute names, in declaration order (unmodifiable)
	 */
	public Set<String> keyAttributes() {
		Set<String> names = new LinkedHashSet<>();
		for (Table table : this.tables.values()) {
			table.key.addTo(names);
			table.indexes.values().forEach(key -> key.addTo(names));
		}
		return Collections.unmodifiableSet(names);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof DynamoDbKeySchema that && this.tables.equals(that.tables)
				&& Objects.equals(this.siloTables, that.siloTables));
	}

	@Override
	public int hashCode() {
		return this.tables.hashCode();
	}

	@Override
	public String toString() {
		return "DynamoDbKeySchema" + this.tables + ((this.siloTables != null) ? " silo " + this.siloTables : "");
	}

	private record Key(String partitionKey, @Nullable String sortKey) {

		void addTo(Set<String> names) {
			names.add(this.partitionKey);
			if (this.sortKey != null) {
				names.add(this.sortKey);
			}
		}

		@Override
		public String toString() {
			return (this.sortKey != null) ? "(" + this.partitionKey + ", " + this.sortKey + ")"
					: "(" + this.partitionKey + ")";
		}

	}

	private record Table(Key key, Map<String, Key> indexes) {

		@Override
		public String toString() {
			return this.key + (this.indexes.isEmpty() ? "" : " indexes " + this.indexes);
		}

	}

	/**
	 * Builder for {@link DynamoDbKeySchema}. Every index must belong to a declared table; a table or index may be
	 * declared once.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private final Map<String, Key> tables = new LinkedHashMap<>();

		private final Map<String, Map<String, Key>> indexes = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Declare a table with a partition key only.
		 * @param table the table name
		 * @param partitionKeyAttribute the partition-key attribute
		 * @return this builder
		 */
		public Builder table(String table, String partitionKeyAttribute) {
			return table(table, partitionKeyAttribute, null);
		}

		/**
		 * Declare a table.
		 * @param table the table name
		 * @param partitionKeyAttribute the partition-key attribute
		 * @param sortKeyAttribute the sort-key attribute, or {@literal null} if the table has none
		 * @return this builder
		 */
		public Builder table(String table, String partitionKeyAttribute, @Nullable String sortKeyAttribute) {
			ResourceArns.requireValidName(table, "table");
			Key key = key(partitionKeyAttribute, sortKeyAttribute, "table '" + table + "'");
			if (this.tables.putIfAbsent(table, key) != null) {
				throw new IllegalArgumentException(String.format("Table '%s' is declared twice.", table));
			}
			return this;
		}

		/**
		 * Declare a secondary index with a partition key only.
		 * @param table the table the index belongs to
		 * @param index the index name
		 * @param partitionKeyAttribute the index's partition-key attribute
		 * @return this builder
		 */
		public Builder index(String table, String index, String partitionKeyAttribute) {
			return index(table, index, partitionKeyAttribute, null);
		}

		/**
		 * Declare a secondary index (global or local; a local index repeats the table's partition key).
		 * @param table the table the index belongs to
		 * @param index the index name
		 * @param partitionKeyAttribute the index's partition-key attribute
		 * @param sortKeyAttribute the index's sort-key attribute, or {@literal null} if it has none
		 * @return this builder
		 */
		public Builder index(String table, String index, String partitionKeyAttribute,
				@Nullable String sortKeyAttribute) {
			ResourceArns.requireValidName(table, "table");
			ResourceArns.requireValidName(index, "index");
			Key key = key(partitionKeyAttribute, sortKeyAttribute, "index '" + index + "' of table '" + table + "'");
			if (this.indexes.computeIfAbsent(table, t -> new LinkedHashMap<>()).putIfAbsent(index, key) != null) {
				throw new IllegalArgumentException(
						String.format("Index '%s' of table '%s' is declared twice.", index, table));
			}
			return this;
		}

		private static Key key(String partitionKey, @Nullable String sortKey, String owner) {
			requireAttribute(partitionKey, "partition-key", owner);
			if (sortKey != null) {
				requireAttribute(sortKey, "sort-key", owner);
				if (sortKey.equals(partitionKey)) {
					throw new IllegalArgumentException(String.format(
							"The sort key of %s must differ from its partition key '%s'.", owner, partitionKey));
				}
			}
			return new Key(partitionKey, sortKey);
		}

		private static void requireAttribute(@Nullable String attribute, String role, String owner) {
			if (attribute == null || attribute.isEmpty() || attribute.length() > 255) {
				throw new IllegalArgumentException(String.format(
						"The %s attribute of %s must be 1 to 255 characters, but was '%s'.", role, owner,
						Printable.of(attribute)));
			}
		}

		/**
		 * @return the immutable key schema
		 * @throws IllegalArgumentException if an index belongs to an undeclared table
		 */
		public DynamoDbKeySchema build() {
			Map<String, Table> result = new LinkedHashMap<>();
			this.tables.forEach((name, key) -> {
				Map<String, Key> tableIndexes = this.indexes.getOrDefault(name, Map.of());
				result.put(name, new Table(key, Collections.unmodifiableMap(new LinkedHashMap<>(tableIndexes))));
			});
			for (Map.Entry<String, Map<String, Key>> entry : this.indexes.entrySet()) {
				if (!this.tables.containsKey(entry.getKey())) {
					throw new IllegalArgumentException(String.format(
							"Index(es) %s belong to table '%s', which is not declared; declare it with table(...).",
							entry.getValue().keySet(), entry.getKey()));
				}
			}
			return new DynamoDbKeySchema(Collections.unmodifiableMap(result), null);
		}

	}

}
