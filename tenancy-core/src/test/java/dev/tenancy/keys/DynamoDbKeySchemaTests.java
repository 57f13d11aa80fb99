package dev.tenancy.keys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DynamoDbKeySchema}.
 *
 * @author tenancy
 */
class DynamoDbKeySchemaTests {

	@Test
	void lookups() {
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.index("Projects", "GSI1", "gsi1pk", "gsi1sk")
			.table("Projects", "pk", "sk")
			.table("Counters", "id")
			.index("Counters", "ByName", "name")
			.build();
		assertThat(schema.partitionKey("Projects")).isEqualTo("pk");
		assertThat(schema.sortKey("Projects")).isEqualTo("sk");
		assertThat(schema.partitionKey("Projects", "GSI1")).isEqualTo("gsi1pk");
		assertThat(schema.sortKey("Projects", "GSI1")).isEqualTo("gsi1sk");
		assertThat(schema.sortKey("Counters")).isNull();
		assertThat(schema.sortKey("Counters", "ByName")).isNull();
		assertThat(schema.partitionKey("Unknown")).isNull();
		assertThat(schema.partitionKey("Projects", "Unknown")).isNull();
		assertThat(schema.partitionKey("Unknown", "GSI1")).isNull();
		assertThat(schema.tables()).containsExactly("Projects", "Counters");
		assertThat(schema.indexes("Projects")).containsExactly("GSI1");
		assertThat(schema.indexes("Unknown")).isEmpty();
		assertThat(schema.keyAttributes()).containsExactly("pk", "sk", "gsi1pk", "gsi1sk", "id", "name");
		assertThat(schema.tables()).isUnmodifiable();
	}

	@Test
	void invalidDeclarations() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DynamoDbKeySchema.builder().table("Projects", "pk").table("Projects", "id"))
			.withMessage("Table 'Projects' is declared twice.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DynamoDbKeySchema.builder().index("Projects", "GSI1", "a").index("Projects", "GSI1", "b"))
			.withMessage("Index 'GSI1' of table 'Projects' is declared twice.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DynamoDbKeySchema.builder().table("Projects", "pk").index("Tasks", "GSI1", "a").build())
			.withMessage("Index(es) [GSI1] belong to table 'Tasks', which is not declared; declare it with table(...).");
		assertThatIllegalArgumentException().isThrownBy(() -> DynamoDbKeySchema.builder().table("Projects", ""))
			.withMessage("The partition-key attribute of table 'Projects' must be 1 to 255 characters, but was ''.");
		assertThatIllegalArgumentException().isThrownBy(() -> DynamoDbKeySchema.builder().table("Projects", "k", "k"))
			.withMessage("The sort key of table 'Projects' must differ from its partition key 'k'.");
		assertThatIllegalArgumentException().isThrownBy(() -> DynamoDbKeySchema.builder().table("P*", "pk"))
			.withMessageStartingWith("Invalid table name 'P*'");
	}

}
