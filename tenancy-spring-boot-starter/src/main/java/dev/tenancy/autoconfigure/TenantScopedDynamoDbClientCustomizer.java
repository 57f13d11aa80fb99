package dev.tenancy.autoconfigure;

import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Callback that customizes the builder of the tenant-scoped {@code DynamoDbClient}, for example its timeouts, retry
 * strategy or additional execution interceptors. Applied in {@link org.springframework.core.Ordered order}.
 * <p>
 * The builder already carries the tenant credentials and the tenant guard. Add to its override configuration rather
 * than replacing it, and never set a credentials provider:
 *
 * <pre>{@code
 * builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
 *         .apiCallTimeout(Duration.ofSeconds(2))
 *         .build());
 * }</pre>
 *
 * {@code builder.overrideConfiguration(config -> ...)} starts from an empty configuration and would drop the guard;
 * the application then fails to start with an {@link InvalidTenancyConfigurationException}.
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
