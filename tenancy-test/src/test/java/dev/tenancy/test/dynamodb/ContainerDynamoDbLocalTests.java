package dev.tenancy.test.dynamodb;

import java.util.Map;

import dev.tenancy.test.fixtures.TestItem;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link ContainerDynamoDbLocal}; they need a Docker engine and report as skipped without one (the
 * in-process server is what the build relies on).
 */
class ContainerDynamoDbLocalTests {

	@Test
	void runsTheDynamoDbLocalImageWithOneSharedDatabase() {
		assumeTrue(ContainerDynamoDbLocal.isDockerAvailable(), "No Docker engine is reachable; the container "
				+ "variant of the local DynamoDB is not tested here.");
		try (ContainerDynamoDbLocal dynamoDb = ContainerDynamoDbLocal.start();
				DynamoDbClient first = client(dynamoDb, "AKIAFIRSTFIRSTFIRST0");
				DynamoDbClient second = client(dynamoDb, "AKIASECONDSECONDSEC0")) {
			DynamoDbTables.createTableIfNotExists(first, "ContainerItems", TestItem.SCHEMA);
			first.putItem((request) -> request.tableName("ContainerItems").item(Map.of("pk",
					AttributeValue.fromS("TENANT#c"), "sk", AttributeValue.fromS("ITEM#1"))));

			assertThat(second.getItem((request) -> request.tableName("ContainerItems").key(Map.of("pk",
					AttributeValue.fromS("TENANT#c"), "sk", AttributeValue.fromS("ITEM#1")))).item()).isNotEmpty();
		}
	}

	private static DynamoDbClient client(LocalDynamoDb dynamoDb, String accessKey) {
		return DynamoDbClient.builder()
			.endpointOverride(dynamoDb.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
			.httpClientBuilder(ApacheHttpClient.builder())
			.build();
	}

}
