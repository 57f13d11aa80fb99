package dev.tenancy.test.dynamodb;

import java.util.Set;

import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DynamoDbTables}.
 */
@TenancyTest
class DynamoDbTablesTests {

	@Test
	void buildsKeysIndexesAndOnDemandBillingFromTheSchema() {
		CreateTableRequest request = DynamoDbTables.createTableRequest("T", TestItem.SCHEMA, Set.of());

		assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
		assertThat(request.keySchema()).extracting((key) -> key.attributeName() + ":" + key.keyTypeAsString())
			.containsExactly("pk:HASH", "sk:RANGE");
		assertThat(request.attributeDefinitions())
			.extracting((a) -> a.attributeName() + ":" + a.attributeTypeAsString())
			.containsExactlyInAnyOrder("pk:S", "sk:S", "gsiPk:S", "gsiSk:S");
		assertThat(request.globalSecondaryIndexes()).singleElement().satisfies((index) -> {
			assertThat(index.indexName()).isEqualTo("byStatus");
			assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
			assertThat(index.provisionedThroughput()).isNull();
		});
		assertThat(request.hasLocalSecondaryIndexes()).isFalse();
	}

	@Test
	void createsSortKeyOnlyIndexesAsLocalSecondaryIndexes(TenancyTestKit kit) {
		TableDescription table = DynamoDbTables.createTableIfNotExists(kit.dynamoDbLocalClient(), "TablesWithLsi",
				schemaWithLocalIndex());

		assertThat(table.localSecondaryIndexes()).extracting(LocalSecondaryIndexDescription::indexName)
			.containsExactly("byCreated");
		assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
			.containsExactly("byOwner");
	}

	@Test
	void createsNamedIndexesWithTheTablesPartitionKeyAsLocalSecondaryIndexes() {
		CreateTableRequest request = DynamoDbTables.createTableRequest("T", schemaWithLocalIndex(),
				Set.of("byOwner"));

		assertThat(request.localSecondaryIndexes()).extracting((index) -> index.indexName() + " "
				+ index.keySchema().get(0).attributeName() + "/" + index.keySchema().get(1).attributeName())
			.containsExactlyInAnyOrder("byCreated id/version", "byOwner id/owner");
		assertThat(request.hasGlobalSecondaryIndexes()).isFalse();
	}

	@Test
	void rejectsALocalIndexThatTheSchemaDoesNotDeclare() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DynamoDbTables.createTableRequest("T", TestItem.SCHEMA, Set.of("byOwner")))
			.withMessage("Local secondary index 'byOwner' is not declared in the schema of table 'T'.");
	}

	@Test
	void rejectsALocalIndexWithAnotherPartitionKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DynamoDbTables.createTableRequest("T", TestItem.SCHEMA, Set.of("byStatus")))
			.withMessage("Local secondary index 'byStatus' of table 'T' must have the table's partition key 'pk' and "
					+ "a sort key.");
	}

	@Test
	void refusesAnExistingTableWithAnotherKey(TenancyTestKit kit) {
		kit.createTable("TablesKeyClash", TestItem.SCHEMA);

		assertThatIllegalStateException()
			.isThrownBy(() -> kit.createTable("TablesKeyClash", schemaWithLocalIndex()))
			.withMessage("Table 'TablesKeyClash' exists with key (pk, sk), but the schema declares (id, created); use "
					+ "another table name or delete the table.");
	}

	private static TableSchema<Row> schemaWithLocalIndex() {
		return StaticTableSchema.builder(Row.class)
			.newItemSupplier(Row::new)
			.addAttribute(String.class, (a) -> a.name("id").getter(Row::id).setter(Row::id)
				.tags(StaticAttributeTags.primaryPartitionKey(), StaticAttributeTags.secondaryPartitionKey("byOwner")))
			.addAttribute(String.class, (a) -> a.name("created").getter(Row::created).setter(Row::created)
				.tags(StaticAttributeTags.primarySortKey()))
			.addAttribute(Long.class, (a) -> a.name("version").getter(Row::version).setter(Row::version)
				.tags(StaticAttributeTags.secondarySortKey("byCreated")))
			.addAttribute(String.class, (a) -> a.name("owner").getter(Row::owner).setter(Row::owner)
				.tags(StaticAttributeTags.secondarySortKey("byOwner")))
			.build();
	}

	static final class Row {

		private String id = "";

		private String created = "";

		private Long version = 0L;

		private String owner = "";

		String id() {
			return this.id;
		}

		void id(String id) {
			this.id = id;
		}

		String created() {
			return this.created;
		}

		void created(String created) {
			this.created = created;
		}

		Long version() {
			return this.version;
		}

		void version(Long version) {
			this.version = version;
		}

		String owner() {
			return this.owner;
		}

		void owner(String owner) {
			this.owner = owner;
		}

	}

}
