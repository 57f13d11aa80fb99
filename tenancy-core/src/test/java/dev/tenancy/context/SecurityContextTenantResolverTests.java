package dev.tenancy.context;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecurityContextTenantResolverTests {

	private final SecurityContextTenantResolver resolver = new SecurityContextTenantResolver();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	private static void authenticate(Authentication authentication) {
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "none"), claims);
	}

	@Test
	void readsTheTenantClaimOfAJwt() {
		authenticate(new JwtAuthenticationToken(jwt(Map.of("sub", "alice", "tenant_id", "acme")), List.of()));
		assertThat(this.resolver.resolve()).contains(TenantId.of("acme"));
	}

	@Test
	void readsAConfiguredClaimName() {
		authenticate(new JwtAuthenticationToken(jwt(Map.of("sub", "alice", "custom:org", "globex")), List.of()));
		assertThat(new SecurityContextTenantResolver("custom:org").resolve()).contains(TenantId.of("globex"));
		assertThat(this.resolver.resolve()).isEmpty();
	}

	@Test
	void readsAPrincipalAttribute() {
		authenticate(new TestingAuthenticationToken(new DefaultOAuth2AuthenticatedPrincipal("bob",
				Map.of("tenant_id", "globex"), AuthorityUtils.NO_AUTHORITIES), null, List.of()));
		assertThat(this.resolver.resolve()).contains(TenantId.of("globex"));
	}

	@Test
	void readsATenantAwarePrincipal() {
		TenantAwarePrincipal principal = () -> "acme";
		authenticate(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
		assertThat(this.resolver.resolve()).contains(TenantId.of("acme"));
	}

	@Test
	void acceptsANumericClaim() {
		authenticate(new JwtAuthenticationToken(jwt(Map.of("sub", "alice", "tenant_id", 12)), List.of()));
		assertThat(this.resolver.resolve()).contains(TenantId.of("12"));
	}

	@Test
	void noAuthenticationResolvesToEmpty() { // TH-7
		assertThat(this.resolver.resolve()).isEmpty();
	}

	@Test
	void anonymousResolvesToEmpty() { // TH-7
		authenticate(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(this.resolver.resolve()).isEmpty();
	}

	@Test
	void unauthenticatedResolvesToEmpty() { // TH-7
		authenticate(UsernamePasswordAuthenticationToken.unauthenticated((TenantAwarePrincipal) () -> "acme", null));
		assertThat(this.resolver.resolve()).isEmpty();
	}

	@Test
	void principalWithoutTheClaimResolvesToEmpty() { // TH-7
		authenticate(new JwtAuthenticationToken(jwt(Map.of("sub", "alice")), List.of()));
		assertThat(this.resolver.resolve()).isEmpty();
	}

	@Test
	void hostileClaimIsRejected() { // TH-6
		authenticate(new JwtAuthenticationToken(jwt(Map.of("sub", "mallory", "tenant_id", "acme*")), List.of()));
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(this.resolver::resolve)
			.withMessageContaining("'acme*'");
	}

	@Test
	void nonStringClaimIsRejected() { // TH-6
		authenticate(new JwtAuthenticationToken(jwt(Map.of("sub", "mallory", "tenant_id", List.of("a", "b"))), List.of()));
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(this.resolver::resolve)
			.withMessageContaining("The 'tenant_id' claim of principal 'mallory' is a");
	}

	@Test
	void compositeResolverReturnsTheFirstAnswer() {
		TenantResolver none = java.util.Optional::empty;
		CompositeTenantResolver composite = new CompositeTenantResolver(
				List.of(none, () -> java.util.Optional.of(TenantId.of("acme")), () -> {
					throw new AssertionError("not asked");
				}));
		assertThat(composite.resolve()).contains(TenantId.of("acme"));
		assertThat(new CompositeTenantResolver(List.of(none)).resolve()).isEmpty();
	}

}
