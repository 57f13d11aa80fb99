package dev.tenancy.sample.security;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Local users get exactly the roles configured for them; a role name that only looks like a known one is a
 * configuration error, not a silent grant.
 */
class LocalUserDetailsServiceTests {

	private static SampleSecurityProperties.LocalUser user(String... roles) {
		return new SampleSecurityProperties.LocalUser("alice", "{noop}alice", "acme", List.of(roles));
	}

	@Test
	void configuredRolesBecomeAuthorities() {
		UserDetails alice = new LocalUserDetailsService(List.of(user("USER", "ADMIN"))).loadUserByUsername("alice");
		assertThat(alice.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
	}

	@ParameterizedTest(name = "role [{0}]")
	@ValueSource(strings = { "adm\u0131n", "ADM\u0130N", "\u0410DMIN", "\uff21\uff24\uff2d\uff29\uff2e", "ADMIN ",
			" ADMIN", "admin", "Admin", "ADMIN\u200b", "ROLE_ADMIN", "" })
	@DisplayName("#12 §4 item 5: look-alikes, other letter cases and padded role names are refused at startup")
	void lookAlikeRoleNamesAreRefused(String role) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LocalUserDetailsService(List.of(user("USER", role))))
			.withMessageContaining("alice")
			.withMessageContaining("upper-case");
	}

}
