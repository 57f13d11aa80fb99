package dev.tenancy.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.Assert;

/**
 * An {@link AccessVariantResolver} that decides the variant from the granted authorities of the authenticated
 * principal in Spring Security's {@link SecurityContextHolder}: the first variant, in the order they were added, one
 * of whose authorities the principal holds; otherwise the default variant. No principal, an anonymous or an
 * unauthenticated one also get the default variant, which is why the default must be column-restricted: the least
 * privilege is what a caller gets unless an authority grants more.
 * <pre class="code">
 * AuthorityAccessVariantResolver.builder(AccessVariant.of("restricted"))
 *     .variant(AccessVariant.UNRESTRICTED, "ROLE_ADMIN")
 *     .build();
 * </pre>
 * Spring Security is an optional dependency of tenancy-core; this class needs it on the classpath.
 *
 * @author tenancy
 * @since 0.1
 */
public final class AuthorityAccessVariantResolver implements AccessVariantResolver {

	private final Map<String, AccessVariant> variantsByAuthority;

	private final AccessVariant defaultVariant;

	private final List<AccessVariant> order;

	private AuthorityAccessVariantResolver(Builder builder) {
		this.variantsByAuthority = Map.copyOf(builder.variantsByAuthority);
		this.defaultVariant = builder.defaultVariant;
		this.order = List.copyOf(builder.order);
	}

	/**
	 * @param defaultVariant the variant of every caller no authority places, must be column-restricted
	 * @return a builder
	 * @throws IllegalArgumentException if the default variant is {@link AccessVariant#UNRESTRICTED}
	 */
	public static Builder builder(AccessVariant defaultVariant) {
		return new Builder(defaultVariant);
	}

	@Override
	public AccessVariant resolve() {
		return resolve(SecurityContextHolder.getContext().getAuthentication());
	}

	/**
	 * @param authentication an authentication, or {@literal null}
	 * @return the variant of that authentication
	 */
	public AccessVariant resolve(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return this.defaultVariant;
		}
		int first = this.order.size();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			AccessVariant variant = this.variantsByAuthority.get(authority.getAuthority());
			if (variant != null) {
				first = Math.min(first, this.order.indexOf(variant));
			}
		}
		if (first < this.order.size()) {
			return this.order.get(first);
		}
		return this.defaultVariant;
	}

	/**
	 * @return the variant of callers no authority places
	 */
	public AccessVariant defaultVariant() {
		return this.defaultVariant;
	}

	@Override
	public String toString() {
		return "AuthorityAccessVariantResolver[" + this.variantsByAuthority + ", default=" + this.defaultVariant + "]";
	}

	/**
	 * Builds an {@link AuthorityAccessVariantResolver}.
	 */
	public static final class Builder {

		private final AccessVariant defaultVariant;

		private final Map<String, AccessVariant> variantsByAuthority = new LinkedHashMap<>();

		private final List<AccessVariant> order = new ArrayList<>();

		private Builder(AccessVariant defaultVariant) {
			Assert.notNull(defaultVariant, "Default variant must not be null");
			Assert.isTrue(defaultVariant.restricted(), "The default access variant is what callers without any of "
					+ "the configured authorities get, including code without a principal, so it must be "
					+ "column-restricted, not 'unrestricted'. Name a restricted variant as the default and grant "
					+ "'unrestricted' through an authority.");
			this.defaultVariant = defaultVariant;
		}

		/**
		 * Grant a variant to principals holding any of the given authorities. A principal holding authorities of
		 * several variants gets the one added first.
		 * @param variant the variant
		 * @param authorities the authorities that grant it, for example {@code ROLE_ADMIN}
		 * @return this builder
		 * @throws IllegalArgumentException if an authority is empty or already grants another variant
		 */
		public Builder variant(AccessVariant variant, String... authorities) {
			return variant(variant, List.of(authorities));
		}

		/**
		 * Grant a variant to principals holding any of the given authorities.
		 * @param variant the variant
		 * @param authorities the authorities that grant it
		 * @return this builder
		 * @throws IllegalArgumentException if an authority is empty or already grants another variant
		 */
		public Builder variant(AccessVariant variant, Collection<String> authorities) {
			Assert.notNull(variant, "Variant must not be null");
			Assert.notNull(authorities, "Authorities must not be null");
			for (String authority : authorities) {
				Assert.hasText(authority, () -> "The authorities of access variant '" + variant + "' must not be "
						+ "empty; name each authority, for example 'ROLE_ADMIN'.");
				AccessVariant previous = this.variantsByAuthority.putIfAbsent(authority, variant);
				Assert.isTrue(previous == null || previous.equals(variant), () -> "Authority '" + authority
						+ "' already grants access variant '" + previous + "'; an authority grants one variant. "
						+ "Remove it from '" + variant + "' or from '" + previous + "'.");
			}
			if (!this.order.contains(variant)) {
				this.order.add(variant);
			}
			return this;
		}

		/**
		 * @return the resolver
		 */
		public AuthorityAccessVariantResolver build() {
			return new AuthorityAccessVariantResolver(this);
		}

	}

}
