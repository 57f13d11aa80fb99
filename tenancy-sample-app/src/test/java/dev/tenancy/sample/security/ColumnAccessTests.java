package dev.tenancy.sample.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only an authenticated administrator gets full column access; everything else is restricted.
 */
class ColumnAccessTests {

	@Test
	void anAuthenticatedAdministratorHasFullAccess() {
		assertThat(ColumnAccess.of(UsernamePasswordAuthenticationToken.authenticated("admin", null,
				AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")))).isEqualTo(ColumnAccess.FULL);
	}

	@Test
	void everyoneElseIsRestricted() {
		assertThat(ColumnAccess.of(null)).isEqualTo(ColumnAccess.RESTRICTED);
		assertThat(ColumnAccess.of(UsernamePasswordAuthenticationToken.authenticated("alice", null,
				AuthorityUtils.createAuthorityList("ROLE_USER")))).isEqualTo(ColumnAccess.RESTRICTED);
		TestingAuthenticationToken unauthenticated = new TestingAuthenticationToken("admin", null, "ROLE_ADMIN");
		unauthenticated.setAuthenticated(false);
		assertThat(ColumnAccess.of(unauthenticated)).as("not authenticated").isEqualTo(ColumnAccess.RESTRICTED);
		assertThat(ColumnAccess.of(new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(ColumnAccess.RESTRICTED);
	}

}
