package dev.tenancy.sample.config;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import dev.tenancy.sample.project.Project;
import dev.tenancy.sample.project.Task;

/**
 * The single table of the sample: {@code pk}/{@code sk} and the two tenant indexes of {@link Task}
 * ({@code gsi1pk}/{@code sk} and {@code gsi2pk}/{@code sk}), all attributes projected, as the entities declare them.
 * The starter derives the same key schema from the entities for the policies; the deployment instructions for AWS
 * create the same table.
 *
 * @author tenancy
 * @since 0.1
 */
public final class SampleTable {

	private SampleTable() {
	}

	/**
	 * @return the request that creates the table, on demand capacity
	 */
	public static CreateTableRequest createTableRequest() {
		return CreateTableRequest.builder()
			.tableName(Project.TABLE)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(string("pk"), string("sk"), string("gsi1pk"), string("gsi2pk"))
			.keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
			.globalSecondaryIndexes(index(Task.BY_ASSIGNEE, "gsi1pk"), index(Task.BY_STATUS, "gsi2pk"))
			.build();
	}

	private static AttributeDefinition string(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

	private static GlobalSecondaryIndex index(String name, String partitionKey) {
		return GlobalSecondaryIndex.builder()
			.indexName(name)
			.keySchema(List.of(key(partitionKey, KeyType.HASH), key("sk", KeyType.RANGE)))
			.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
			.build();
	}

}
