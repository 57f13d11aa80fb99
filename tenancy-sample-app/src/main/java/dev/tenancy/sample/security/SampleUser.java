package dev.tenancy.sample.security;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

import dev.tenancy.context.TenantAwarePrincipal;

/**
 * A local user of the sample application, who belongs to an organization. The organization is the tenant:
 * {@link dev.tenancy.context.SecurityContextTenantResolver} reads it through {@link TenantAwarePrincipal}.
 *
 * @author tenancy
 * @since 0.1
 */
public class SampleUser extends User implements TenantAwarePrincipal {

	private final String organization;

	/**
	 * @param username the user name
	 * @param password the encoded password
	 * @param organization the organization, as configured (validated as a tenant id on every request, not here)
	 * @param authorities the authorities
	 */
	public SampleUser(String username, String password, String organization,
			Collection<? extends GrantedAuthority> authorities) {
		super(username, password, authorities);
		this.organization = organization;
	}

	/**
	 * @return the organization the user belongs to
	 */
	public String getOrganization() {
		return this.organization;
	}

	@Override
	public @Nullable String getTenantId() {
		return this.organization;
	}

}
