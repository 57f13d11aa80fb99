package dev.tenancy.autoconfigure;

import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Callback that customizes the builder of the tenant-scoped {@code DynamoDbClient}. Customizers are applied in
 * {@link org.springframework.core.Ordered order}, before the factory seals the client.
 * <p>
 * A customizer can set timeouts, the retry strategy, metric publishers, endpoint and region settings, and add
 * execution interceptors that observe requests or change them before they are marshalled (every request is checked
 * by the tenant guard afterwards, on its marshalled form).
 * <p>
 * A customizer cannot weaken the isolation:
 * <ul>
 * <li>adding a client-level plugin ({@code addPlugin}) or a client-level signer
 * ({@code SdkAdvancedClientOption.SIGNER}) makes the application fail to start with an {@link IllegalStateException}
 * naming the remedy;</li>
 * <li>an HTTP client, credentials provider, auth scheme provider or SigV4 auth scheme it sets is replaced by the
 * factory's own: the shared HTTP client and the tenant credentials (isolation mode {@code iam}) or the application's
 * base credentials (isolation mode {@code application});</li>
 * <li>the tenant guard is added after the customizers ran, and the built client is verified to carry it and the
 * factory's credentials provider;</li>
 * <li>an interceptor that changes the marshalled body or the operation header ({@code modifyHttpContent},
 * {@code modifyHttpRequest}) gets the request denied: the guard verifies right before transmission that the request
 * is the one it checked.</li>
 * </ul>
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
