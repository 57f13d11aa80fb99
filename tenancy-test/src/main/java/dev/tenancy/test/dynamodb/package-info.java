/**
 * Local DynamoDB for tests: DynamoDB Local in-process (or in a container when Docker is available) and table creation
 * from enhanced-client schemas.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test.dynamodb;
