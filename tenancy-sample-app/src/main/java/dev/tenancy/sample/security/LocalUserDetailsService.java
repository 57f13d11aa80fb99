package dev.tenancy.sample.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The {@link UserDetailsService} of the local users ({@code sample.security.users}). Each lookup returns a new
 * {@link SampleUser}, since Spring Security erases the credentials of the user it authenticated.
 *
 * @author tenancy
 * @since 0.1
 */
public final class LocalUserDetailsService implements UserDetailsService {

	private final Map<String, SampleSecurityProperties.LocalUser> users;

	/**
	 * @param users the local users
	 * @throws IllegalArgumentException if two users have the same name, or a role is not an upper-case ASCII role
	 * name such as {@code ADMIN}
	 */
	public LocalUserDetailsService(List<SampleSecurityProperties.LocalUser> users) {
		Map<String, SampleSecurityProperties.LocalUser> byName = new LinkedHashMap<>();
		for (SampleSecurityProperties.LocalUser user : users) {
			user.roles().forEach((role) -> RoleNames.authorityOfRole(role, user.name()));
			if (byName.put(user.name(), user) != null) {
				throw new IllegalArgumentException(String.format(
						"The local user '%s' is declared twice in 'sample.security.users'; give each user one entry.",
						user.name()));
			}
		}
		this.users = Map.copyOf(byName);
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		SampleSecurityProperties.LocalUser user = this.users.get(username);
		if (user == null) {
			throw new UsernameNotFoundException(String.format("There is no local user '%s'.", username));
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String role : user.roles()) {
			authorities.add(new SimpleGrantedAuthority(RoleNames.authorityOfRole(role, user.name())));
		}
		return new SampleUser(user.name(), user.password(), user.organization(), authorities);
	}

}
