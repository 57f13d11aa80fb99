package dev.tenancy.autoconfigure;

import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The lifecycle client of the {@code TenantLifecycle} bean with what it owns: the tenants' lifecycle sessions and the
 * client factory. Deliberately not a {@link DynamoDbClient} bean, so that nothing injects it by accident.
 *
 * @param credentials the lifecycle sessions
 * @param factory the factory of the lifecycle client (no fences)
 * @author tenancy
 * @since 0.4
 */
record LifecycleClient(StsTenantCredentialsProvider credentials,
		TenantScopedDynamoDbClientFactory factory) implements AutoCloseable {

	DynamoDbClient client() {
		return this.factory.client();
	}

	@Override
	public void close() {
		this.factory.close();
		this.credentials.close();
	}

}
