package dev.tenancy.context;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Only an authenticated principal with a configured authority gets more than the default (least-privileged) variant.
 */
class AuthorityAccessVariantResolverTests {

	private static final AccessVariant RESTRICTED = AccessVariant.of("restricted");

	private static final AccessVariant SUPPORT = AccessVariant.of("support");

	private final AuthorityAccessVariantResolver resolver = AuthorityAccessVariantResolver.builder(RESTRICTED)
		.variant(AccessVariant.UNRESTRICTED, "ROLE_ADMIN")
		.variant(SUPPORT, "ROLE_SUPPORT")
		.build();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void anAuthenticatedAdministratorIsUnrestricted() {
		assertThat(this.resolver.resolve(UsernamePasswordAuthenticationToken.authenticated("admin", null,
				AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN"))))
			.isEqualTo(AccessVariant.UNRESTRICTED);
	}

	@Test
	void theVariantAddedFirstWinsWhenAPrincipalHoldsSeveral() {
		assertThat(this.resolver.resolve(UsernamePasswordAuthenticationToken.authenticated("lead", null,
				AuthorityUtils.createAuthorityList("ROLE_SUPPORT", "ROLE_ADMIN"))))
			.isEqualTo(AccessVariant.UNRESTRICTED);
		assertThat(this.resolver.resolve(UsernamePasswordAuthenticationToken.authenticated("sue", null,
				AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_SUPPORT"))))
			.isEqualTo(SUPPORT);
	}

	@Test
	@DisplayName("TH-12 no, an anonymous, an unauthenticated or an ordinary principal gets the default variant")
	void everyoneElseGetsTheDefaultVariant() {
		assertThat(this.resolver.resolve(null)).isEqualTo(RESTRICTED);
		assertThat(this.resolver.resolve()).as("empty security context").isEqualTo(RESTRICTED);
		assertThat(this.resolver.resolve(UsernamePasswordAuthenticationToken.authenticated("alice", null,
				AuthorityUtils.createAuthorityList("ROLE_USER")))).isEqualTo(RESTRICTED);
		TestingAuthenticationToken unauthenticated = new TestingAuthenticationToken("admin", null, "ROLE_ADMIN");
		unauthenticated.setAuthenticated(false);
		assertThat(this.resolver.resolve(unauthenticated)).as("not authenticated").isEqualTo(RESTRICTED);
		assertThat(this.resolver.resolve(new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS", "ROLE_ADMIN"))))
			.as("anonymous")
			.isEqualTo(RESTRICTED);
	}

	@Test
	void resolvesThePrincipalOfTheCallingThread() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		assertThat(this.resolver.resolve()).isEqualTo(AccessVariant.UNRESTRICTED);
	}

	@Test
	@DisplayName("TH-12 the default variant cannot be the unrestricted one")
	void theDefaultVariantMustBeRestricted() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorityAccessVariantResolver.builder(AccessVariant.UNRESTRICTED))
			.withMessageContaining("must be column-restricted");
	}

	@Test
	void anAuthorityGrantsOneVariant() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorityAccessVariantResolver.builder(RESTRICTED)
				.variant(AccessVariant.UNRESTRICTED, "ROLE_ADMIN")
				.variant(SUPPORT, List.of("ROLE_ADMIN")))
			.withMessageContaining("'ROLE_ADMIN' already grants access variant 'unrestricted'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorityAccessVariantResolver.builder(RESTRICTED).variant(SUPPORT, " "))
			.withMessageContaining("must not be empty");
	}

}
