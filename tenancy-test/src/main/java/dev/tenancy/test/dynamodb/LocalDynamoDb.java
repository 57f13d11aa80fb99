package dev.tenancy.test.dynamodb;

import java.net.URI;

/**
 * A running local DynamoDB endpoint that accepts any credentials and keeps one database for all of them.
 *
 * @author tenancy
 * @since 0.1
 * @see InProcessDynamoDbLocal
 * @see ContainerDynamoDbLocal
 */
public interface LocalDynamoDb extends AutoCloseable {

	/**
	 * @return the HTTP endpoint, for a DynamoDB client's {@code endpointOverride}
	 */
	URI endpoint();

	/**
	 * Stop the database and release its port and threads. Idempotent.
	 */
	@Override
	void close();

}
