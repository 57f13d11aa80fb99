package dev.tenancy.context;

import java.util.Optional;

/**
 * SPI that determines the tenant of the current request, typically from the authenticated principal.
 * <p>
 * Implementations validate what they read with {@link TenantId#of(String)}, so that a hostile value fails with
 * {@link InvalidTenantIdException} rather than being treated as "no tenant". Returning {@link Optional#empty()}
 * means "this resolver has no opinion"; a chain ({@link CompositeTenantResolver}) asks the next one.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenantResolver {

	/**
	 * @return the tenant of the current request, or empty if this resolver cannot tell
	 * @throws InvalidTenantIdException if a tenant value is present but invalid
	 */
	Optional<TenantId> resolve();

}
