package dev.tenancy.context;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A {@link TenantResolver} that reads the tenant of the authenticated principal from Spring Security's
 * {@link SecurityContextHolder}.
 * <p>
 * In order, it looks at: a principal implementing {@link TenantAwarePrincipal}; the claim (default
 * {@value #DEFAULT_CLAIM}) of a JWT principal or of a bearer-token authentication's token attributes; the attribute of
 * the same name of an {@code OAuth2AuthenticatedPrincipal}. Anonymous or unauthenticated requests, and principals
 * without the claim, resolve to empty, which tenant-scoped code turns into {@link MissingTenantException}. A claim
 * that is present but not a valid {@link TenantId} fails with {@link InvalidTenantIdException}.
 * <p>
 * Spring Security is an optional dependency of tenancy-core; the OAuth2 types are only touched when they are on the
 * classpath.
 *
 * @author tenancy
 * @since 0.1
 */
public final class SecurityContextTenantResolver implements TenantResolver {

	/** The default claim or attribute name: {@value}. */
	public static final String DEFAULT_CLAIM = "tenant_id";

	private static final boolean OAUTH2_CORE_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal",
			SecurityContextTenantResolver.class.getClassLoader());

	private static final boolean JOSE_PRESENT = ClassUtils.isPresent("org.springframework.security.oauth2.jwt.Jwt",
			SecurityContextTenantResolver.class.getClassLoader());

	private static final boolean RESOURCE_SERVER_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
			SecurityContextTenantResolver.class.getClassLoader());

	private final String claim;

	/**
	 * Create a resolver that reads the {@value #DEFAULT_CLAIM} claim.
	 */
	public SecurityContextTenantResolver() {
		this(DEFAULT_CLAIM);
	}

	/**
	 * @param claim the JWT claim or principal attribute that holds the tenant id; must not be empty
	 */
	public SecurityContextTenantResolver(String claim) {
		Assert.hasText(claim, "Claim must not be empty");
		this.claim = claim;
	}

	/**
	 * @return the claim or attribute name this resolver reads
	 */
	public String claim() {
		return this.claim;
	}

	@Override
	public Optional<TenantId> resolve() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		Object raw = rawTenant(authentication);
		if (raw == null) {
			return Optional.empty();
		}
		if (!(raw instanceof String) && !(raw instanceof Number)) {
			throw new InvalidTenantIdException(String.format("The '%s' claim of principal '%s' is a %s, not a string; "
					+ "a tenant id is %s.", this.claim, authentication.getName(), raw.getClass().getSimpleName(),
					TenantId.ALLOWED));
		}
		return Optional.of(TenantId.of(raw.toString()));
	}

	private @Nullable Object rawTenant(Authentication authentication) {
		Object principal = authentication.getPrincipal();
		if (principal instanceof TenantAwarePrincipal aware) {
			return aware.getTenantId();
		}
		if (JOSE_PRESENT) {
			Object value = JwtAccess.claim(principal, this.claim);
			if (value != null) {
				return value;
			}
		}
		if (RESOURCE_SERVER_PRESENT) {
			Object value = BearerTokenAccess.attribute(authentication, this.claim);
			if (value != null) {
				return value;
			}
		}
		if (OAUTH2_CORE_PRESENT) {
			return OAuth2PrincipalAccess.attribute(principal, this.claim);
		}
		return null;
	}

	/** Isolates the reference to the optional JOSE types. */
	private static final class JwtAccess {

		static @Nullable Object claim(@Nullable Object principal, String claim) {
			return (principal instanceof Jwt jwt) ? jwt.getClaims().get(claim) : null;
		}

	}

	/** Isolates the reference to the optional resource-server types. */
	private static final class BearerTokenAccess {

		static @Nullable Object attribute(Authentication authentication, String claim) {
			if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
				Map<String, Object> attributes = token.getTokenAttributes();
				return attributes.get(claim);
			}
			return null;
		}

	}

	/** Isolates the reference to the optional OAuth2 core types. */
	private static final class OAuth2PrincipalAccess {

		static @Nullable Object attribute(@Nullable Object principal, String claim) {
			return (principal instanceof OAuth2AuthenticatedPrincipal oauth) ? oauth.getAttribute(claim) : null;
		}

	}

}
