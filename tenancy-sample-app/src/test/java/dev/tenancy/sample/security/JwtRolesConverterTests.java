package dev.tenancy.sample.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.AuthorityAccessVariantResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups of a Cognito-style JWT become roles; the unrestricted access variant follows {@code ROLE_ADMIN}.
 */
class JwtRolesConverterTests {

	private final JwtRolesConverter converter = new JwtRolesConverter("cognito:groups");

	/** As application.yaml configures it: ROLE_ADMIN is unrestricted, everyone else restricted. */
	private final AuthorityAccessVariantResolver variants = AuthorityAccessVariantResolver
		.builder(AccessVariant.of("restricted"))
		.variant(AccessVariant.UNRESTRICTED, "ROLE_ADMIN")
		.build();

	@Test
	void everyUserIsAUserAndGroupsAddRoles() {
		assertThat(roles(jwt(List.of("admin", "user")))).containsExactly("ROLE_USER", "ROLE_ADMIN");
	}

	@Test
	void aTokenWithoutGroupsIsARegularUser() {
		assertThat(roles(Jwt.withTokenValue("t").header("alg", "none").subject("bob").issuedAt(Instant.now()).build()))
			.containsExactly("ROLE_USER");
	}

	@ParameterizedTest(name = "group [{0}]")
	@ValueSource(strings = { "adm\u0131n", "\u0430dmin", "\uff41\uff44\uff4d\uff49\uff4e", "admin ", " admin", "ADMIN",
			"Admin", "ADM\u0130N", "adm\u0130n", "admin\u200b", "admin\u0000", "role_admin", "" })
	@DisplayName("#12 §4 item 5: look-alikes, other letter cases and padded names of 'admin' grant no role")
	void lookAlikesOfAdminGrantNoRole(String group) {
		List<String> roles = roles(jwt(List.of(group)));
		assertThat(roles).doesNotContain("ROLE_ADMIN");
		assertThat(roles).filteredOn((role) -> !role.equals("ROLE_USER")).allSatisfy((role) -> assertThat(role)
			.matches("ROLE_[A-Z][A-Z0-9_]*"));
		assertThat(this.variants.resolve(authenticated(roles))).isEqualTo(AccessVariant.of("restricted"));
	}

	@Test
	@DisplayName("#12 §4 item 5: only the exact group 'admin' makes an administrator, in any default locale")
	void onlyTheExactGroupMakesAnAdministratorInAnyLocale() {
		java.util.Locale before = java.util.Locale.getDefault();
		try {
			java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
			List<String> roles = roles(jwt(List.of("admin", "billing_team", "adm\u0131n")));
			assertThat(roles).containsExactly("ROLE_USER", "ROLE_ADMIN", "ROLE_BILLING_TEAM");
			assertThat(this.variants.resolve(authenticated(roles))).isEqualTo(AccessVariant.UNRESTRICTED);
		}
		finally {
			java.util.Locale.setDefault(before);
		}
	}

	private static TestingAuthenticationToken authenticated(List<String> roles) {
		TestingAuthenticationToken token = new TestingAuthenticationToken("alice", null, roles.toArray(String[]::new));
		token.setAuthenticated(true);
		return token;
	}

	private List<String> roles(Jwt jwt) {
		return this.converter.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static Jwt jwt(List<String> groups) {
		return Jwt.withTokenValue("t").header("alg", "none").subject("alice").claim("cognito:groups", groups).build();
	}

}
