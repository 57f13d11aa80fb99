package dev.tenancy.sample.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Which attributes of the shared table a principal's STS session may touch: {@link #FULL} for administrators,
 * {@link #RESTRICTED} (the column-level session policy) for everyone else.
 * <p>
 * Decided on the calling thread from Spring Security's context, like the tenant itself. Anything that is not an
 * authenticated administrator, including code running with a tenant scope but without a principal, gets
 * {@link #RESTRICTED}: the least privilege is the default.
 *
 * @author tenancy
 * @since 0.1
 */
public enum ColumnAccess {

	/** Every attribute; the tenant's unrestricted session policy. */
	FULL,

	/** Only the attributes regular users may see; the tenant's column-restricted session policy. */
	RESTRICTED;

	/** The authority that grants {@link #FULL} access. */
	public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

	/**
	 * @return the column access of the principal bound to the calling thread
	 */
	public static ColumnAccess current() {
		return of(SecurityContextHolder.getContext().getAuthentication());
	}

	/**
	 * @param authentication an authentication, or {@literal null}
	 * @return {@link #FULL} for an authenticated administrator, {@link #RESTRICTED} otherwise
	 */
	public static ColumnAccess of(@Nullable Authentication authentication) {
		if (authentication != null && authentication.isAuthenticated()) {
			for (GrantedAuthority authority : authentication.getAuthorities()) {
				if (ADMIN_AUTHORITY.equals(authority.getAuthority())) {
					return FULL;
				}
			}
		}
		return RESTRICTED;
	}

}
