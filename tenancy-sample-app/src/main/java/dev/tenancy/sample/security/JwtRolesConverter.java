package dev.tenancy.sample.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps the groups claim of a JWT (Cognito: {@code cognito:groups}) to roles: every authenticated user has
 * {@code ROLE_USER}, and each group {@code g} written in lower-case ASCII adds {@code ROLE_G}, so the group
 * {@code admin}, and only that exact name, makes an administrator. Other group names add no role (see
 * {@link RoleNames}).
 *
 * @author tenancy
 * @since 0.1
 */
public final class JwtRolesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final String rolesClaim;

	/**
	 * @param rolesClaim the claim that lists the user's groups
	 */
	public JwtRolesConverter(String rolesClaim) {
		this.rolesClaim = rolesClaim;
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		List<String> groups = jwt.getClaimAsStringList(this.rolesClaim);
		if (groups != null) {
			for (String group : groups) {
				String role = (group != null) ? RoleNames.authorityOfGroup(group) : null;
				if (role != null && !role.equals("ROLE_USER")) {
					authorities.add(new SimpleGrantedAuthority(role));
				}
			}
		}
		return authorities;
	}

}
