package dev.tenancy.sample.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups of a Cognito-style JWT become roles; column access follows {@code ROLE_ADMIN}.
 */
class JwtRolesConverterTests {

	private final JwtRolesConverter converter = new JwtRolesConverter("cognito:groups");

	@Test
	void everyUserIsAUserAndGroupsAddRoles() {
		assertThat(roles(jwt(List.of("admin", "user")))).containsExactly("ROLE_USER", "ROLE_ADMIN");
	}

	@Test
	void aTokenWithoutGroupsIsARegularUser() {
		assertThat(roles(Jwt.withTokenValue("t").header("alg", "none").subject("bob").issuedAt(Instant.now()).build()))
			.containsExactly("ROLE_USER");
	}

	private List<String> roles(Jwt jwt) {
		return this.converter.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static Jwt jwt(List<String> groups) {
		return Jwt.withTokenValue("t").header("alg", "none").subject("alice").claim("cognito:groups", groups).build();
	}

}
