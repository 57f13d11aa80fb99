package dev.tenancy.core;

import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.annotation.TenantIndexKey;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.repository.Note;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.data.mapping.MappingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TenantEntityMetadataTests {

	@Test
	void readsKeysPrefixVersionAndIndexesOfABean() {
		TenantEntityMetadata<Project> metadata = TenantEntityMetadata.of(Project.class, TableNameResolver.declared());

		assertThat(metadata.tableName()).isEqualTo("app");
		assertThat(metadata.partitionKeyAttribute()).isEqualTo("pk");
		assertThat(metadata.partitionKeyProperty()).isEqualTo("tenant");
		assertThat(metadata.sortKey()).isEqualTo(new SortKeyMetadata("id", "sk", ScalarAttributeType.S, "PROJECT#"));
		assertThat(metadata.versionAttribute()).isEqualTo("version");
		assertThat(metadata.attribute("statusKey")).isEqualTo("gsi1pk");
		assertThat(metadata.indexes()).extracting(TenantIndexMetadata::name).containsExactly("byStatus", "byOwner");
		TenantIndexMetadata byStatus = metadata.index("byStatus");
		assertThat(byStatus.partitionKeyAttribute()).isEqualTo("gsi1pk");
		assertThat(byStatus.prefix()).isEqualTo("STATUS");
		assertThat(byStatus.attributes()).containsExactly("status");
		assertThat(byStatus.sortKey())
			.isEqualTo(new SortKeyMetadata("priority", "priority", ScalarAttributeType.N, ""));
		assertThat(metadata.index("byOwner").sortKey()).isNull();
	}

	@Test
	void readsAnImmutableEntityWithPrefixlessAccessors() {
		TenantEntityMetadata<Note> metadata = TenantEntityMetadata.of(Note.class, TableNameResolver.prefixed("dev-"));

		assertThat(metadata.tableName()).isEqualTo("dev-app");
		assertThat(metadata.idProperty()).isEqualTo("id");
		assertThat(metadata.versionAttribute()).isNull();
		assertThat(metadata.id(Note.of("n-1", "hello"))).isEqualTo("n-1");
	}

	@Test
	void convertsValuesLikeTheEnhancedClient() {
		TenantEntityMetadata<Project> metadata = TenantEntityMetadata.of(Project.class, TableNameResolver.declared());

		assertThat(metadata.toAttributeValue("status", ProjectStatus.OPEN)).isEqualTo(AttributeValue.fromS("OPEN"));
		assertThat(metadata.toAttributeValue("priority", 3)).isEqualTo(AttributeValue.fromN("3"));
	}

	@Test
	void rejectsATypeWithoutTenantEntity() {
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> TenantEntityMetadata.of(Plain.class, TableNameResolver.declared()))
			.withMessageContaining("'" + Plain.class.getName() + "' is not a tenant entity")
			.withMessageContaining("@TenantEntity");
	}

	@Test
	void rejectsAnEmptySortKeyPrefix() {
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> TenantEntityMetadata.of(EmptyPrefix.class, TableNameResolver.declared()))
			.withMessageContaining("empty sortKeyPrefix");
	}

	@Test
	void rejectsAnEntityWithoutSortKey() {
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> TenantEntityMetadata.of(NoSortKey.class, TableNameResolver.declared()))
			.withMessageContaining("has no sort key")
			.withMessageContaining("@DynamoDbSortKey");
	}

	@Test
	void rejectsAnIndexKeyForAnUndeclaredIndex() {
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> TenantEntityMetadata.of(UnknownIndex.class, TableNameResolver.declared()))
			.withMessageContaining("names index 'byColour'")
			.withMessageContaining("@DynamoDbSecondaryPartitionKey(indexNames = \"byColour\")");
	}

	@Test
	void rejectsOverlappingPrefixesInOneTable() {
		TenancyMappingContext context = new TenancyMappingContext();
		context.getRequiredMetadata(Project.class);

		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> context.getRequiredMetadata(Overlapping.class))
			.withMessageContaining("overlapping prefixes")
			.withMessageContaining("'PROJECT#'")
			.withMessageContaining("'PROJECT#ARCHIVE#'");
		assertThat(context.getRequiredMetadata(Note.class).sortKey().prefix()).isEqualTo("NOTE#");
	}

	@Test
	void keySchemaListsTheTablesAndTenantIndexesOfTheEntities() {
		TenancyMappingContext context = new TenancyMappingContext(TableNameResolver.prefixed("dev-"));

		DynamoDbKeySchema schema = context.keySchema(Project.class, Note.class);

		assertThat(schema.tables()).containsExactly("dev-app");
		assertThat(schema.partitionKey("dev-app")).isEqualTo("pk");
		assertThat(schema.sortKey("dev-app")).isEqualTo("sk");
		assertThat(schema.indexes("dev-app")).containsExactly("byStatus", "byOwner");
		assertThat(schema.partitionKey("dev-app", "byStatus")).isEqualTo("gsi1pk");
		assertThat(schema.sortKey("dev-app", "byStatus")).isEqualTo("priority");
		assertThat(schema.sortKey("dev-app", "byOwner")).isNull();
	}

	@DynamoDbBean
	public static class Plain extends Keys {

	}

	@DynamoDbBean
	@TenantEntity(sortKeyPrefix = "")
	public static class EmptyPrefix extends Keys {

	}

	@DynamoDbBean
	@TenantEntity(table = "app", sortKeyPrefix = "PROJECT#ARCHIVE#")
	public static class Overlapping extends Keys {

	}

	@DynamoDbBean
	@TenantEntity(table = "app", sortKeyPrefix = "COLOUR#")
	@TenantIndexKey(index = "byColour", attributes = "id")
	public static class UnknownIndex extends Keys {

	}

	@DynamoDbBean
	@TenantEntity(sortKeyPrefix = "X#")
	public static class NoSortKey {

		private String pk;

		@DynamoDbPartitionKey
		public String getPk() {
			return this.pk;
		}

		public void setPk(String pk) {
			this.pk = pk;
		}

	}

	/** Keys shared by the fixtures above. */
	public static class Keys {

		private String pk;

		private String id;

		@DynamoDbPartitionKey
		public String getPk() {
			return this.pk;
		}

		public void setPk(String pk) {
			this.pk = pk;
		}

		@DynamoDbSortKey
		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

	}

}
