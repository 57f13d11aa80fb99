package dev.tenancy.lifecycle;

import dev.tenancy.context.TenantId;

/**
 * Drops what this JVM caches for a tenant (STS sessions, compiled session policies) once the tenant is purged, for
 * example {@code TenantCredentialsProvider::evict}.
 *
 * @author tenancy
 * @since 0.4
 */
@FunctionalInterface
public interface TenantEviction {

	/**
	 * @param tenant the tenant
	 */
	void evict(TenantId tenant);

}
