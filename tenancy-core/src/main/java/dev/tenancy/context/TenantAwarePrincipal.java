package dev.tenancy.context;

import org.jspecify.annotations.Nullable;

/**
 * Implemented by application principals (for example a {@code UserDetails}) that know their tenant, so that
 * {@link SecurityContextTenantResolver} can read it without a token claim.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenantAwarePrincipal {

	/**
	 * @return the raw tenant id of this principal, or {@literal null} if it has none
	 */
	@Nullable String getTenantId();

}
