package dev.tenancy.test.boot;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import dev.tenancy.core.TableNameResolver;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.repository.Login;
import dev.tenancy.test.repository.Note;
import dev.tenancy.test.repository.Project;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev services create one table for all the entity types stored in it, with every index any of them declares.
 */
class DevServicesTablesTests {

	private final TenancyTestKit kit = TenancyTestKit.shared();

	private final String prefix = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "-";

	private final TenancyMappingContext mappingContext = new TenancyMappingContext(TableNameResolver.prefixed(this.prefix));

	@Test
	void entityTypesSharingATableGetOneTableWithAllTheirIndexes() {
		new DevServicesTables(this.kit).createTables(this.mappingContext, List.of(Project.class, Note.class, Login.class));

		TableDescription table = this.kit.adminDynamoDbClient()
			.describeTable((request) -> request.tableName(this.prefix + "app"))
			.table();
		assertThat(table.keySchema()).extracting((key) -> key.attributeName()).containsExactly("pk", "sk");
		assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
			.containsExactlyInAnyOrder("byStatus", "byOwner", "byEmail");
		assertThat(table.attributeDefinitions()).contains(
				AttributeDefinition.builder().attributeName("priority").attributeType(ScalarAttributeType.N).build());
	}

	@Test
	void anExistingTableIsLeftAsItIs() {
		DevServicesTables tables = new DevServicesTables(this.kit);
		tables.createTables(this.mappingContext, List.of(Note.class));

		tables.createTables(this.mappingContext, List.of(Project.class, Note.class));

		TableDescription table = this.kit.adminDynamoDbClient()
			.describeTable((request) -> request.tableName(this.prefix + "app"))
			.table();
		assertThat(table.globalSecondaryIndexes()).isEmpty();
	}

	@Test
	void theKitCreatesOneTableForSeveralEntityTypes() {
		String table = this.prefix + "shared";

		this.kit.createTable(table, List.of(TableSchema.fromBean(Project.class), TableSchema.fromImmutableClass(Note.class),
				TableSchema.fromBean(Login.class)));
		TableDescription again = this.kit.createTable(table, List.of(TableSchema.fromImmutableClass(Note.class)));

		assertThat(again.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
			.containsExactlyInAnyOrder("byStatus", "byOwner", "byEmail");
	}

}
