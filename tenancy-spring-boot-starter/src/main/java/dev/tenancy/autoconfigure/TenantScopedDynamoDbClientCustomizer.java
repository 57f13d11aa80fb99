package dev.tenancy.autoconfigure;

import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Callback that customizes the builder of the tenant-scoped {@code DynamoDbClient}, for example its timeouts, retry
 * strategy or additional execution interceptors. Applied in {@link org.springframework.core.Ordered order}, before
 * the tenant guard, the shared HTTP client and the tenant credentials are set: a customizer cannot replace or drop
 * them, and an HTTP client or credentials provider it sets is overridden. Execution interceptors it adds run before
 * the guard.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenantScopedDynamoDbClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the tenant-scoped client
	 */
	void customize(DynamoDbClientBuilder builder);

}
