package dev.tenancy.autoconfigure;

import dev.tenancy.credentials.TenantCredentialsProvider;

/**
 * Callback that wraps the {@link TenantCredentialsProvider} of the tenant-scoped client, for example to meter it.
 * Decorators are applied in {@link org.springframework.core.Ordered order}, each around the result of the previous one.
 * A decorator must return the credentials of the given tenant's session from the delegate, never other credentials.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenantCredentialsProviderDecorator {

	/**
	 * Wrap the provider.
	 * @param delegate the provider to wrap
	 * @return the wrapping provider, or {@code delegate} itself
	 */
	TenantCredentialsProvider decorate(TenantCredentialsProvider delegate);

}
