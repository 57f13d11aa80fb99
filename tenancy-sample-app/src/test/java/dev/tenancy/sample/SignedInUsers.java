package dev.tenancy.sample;

import java.util.concurrent.Callable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.tenancy.sample.security.SampleUser;

/**
 * Runs test code as a signed-in sample user, as the web layer would after authentication.
 */
final class SignedInUsers {

	private SignedInUsers() {
	}

	/**
	 * @param user the user name
	 * @param organization the user's organization (the tenant)
	 * @param administrator whether the user has {@code ROLE_ADMIN}
	 * @param work what to run
	 * @param <T> the result type
	 * @return the result of the work
	 * @throws Exception if the work fails
	 */
	static <T> T as(String user, String organization, boolean administrator, Callable<T> work) throws Exception {
		SampleUser principal = new SampleUser(user, "", organization, administrator
				? AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")
				: AuthorityUtils.createAuthorityList("ROLE_USER"));
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
					principal.getAuthorities()));
		try {
			return work.call();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
