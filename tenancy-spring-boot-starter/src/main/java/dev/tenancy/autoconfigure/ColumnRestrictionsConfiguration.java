package dev.tenancy.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.AccessVariantResolver;
import dev.tenancy.context.AuthorityAccessVariantResolver;
import dev.tenancy.iam.policy.ColumnRestriction;
import dev.tenancy.iam.policy.SessionPolicyTooLargeException;
import dev.tenancy.iam.policy.TenancyPolicies;

import static dev.tenancy.autoconfigure.TenancyAutoConfiguration.valid;

/**
 * The {@link ColumnRestrictions} bean from {@code tenancy.column-restrictions.*}: the access variants, their
 * attributes and the resolver that decides a caller's variant (an {@link AccessVariantResolver} bean of the
 * application, else one from the configured authorities). Without variants, every caller is unrestricted.
 *
 * @author tenancy
 * @since 0.1
 */
@Configuration(proxyBeanMethods = false)
class ColumnRestrictionsConfiguration {

	private static final String PREFIX = "tenancy.column-restrictions";

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder",
			ColumnRestrictionsConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	ColumnRestrictions tenancyColumnRestrictions(TenancyProperties properties, TenancyPolicies tenancyPolicies,
			ObjectProvider<AccessVariantResolver> resolvers) {
		ColumnRestrictionsProperties columns = properties.getColumnRestrictions();
		if (columns.getVariants().isEmpty()) {
			if (StringUtils.hasText(columns.getDefaultVariant()) || !columns.getUnrestrictedAuthorities().isEmpty()) {
				throw new InvalidTenancyConfigurationException(PREFIX + ".variants", null, "A default variant or "
						+ "unrestricted authorities are set, but no column-restricted variant is declared.",
						"Declare the variants under '" + PREFIX + ".variants.<name>.attributes', or remove '" + PREFIX
								+ ".default-variant' and '" + PREFIX + ".unrestricted-authorities'.",
						null);
			}
			return ColumnRestrictions.none(tenancyPolicies);
		}
		ColumnRestrictions.Builder builder = ColumnRestrictions.builder(tenancyPolicies);
		columns.getVariants().forEach((name, variant) -> {
			String property = PREFIX + ".variants." + name;
			AccessVariant accessVariant = valid(property, name, "Name the variant with 1 to " + AccessVariant.MAX_LENGTH
					+ " lower-case letters and digits, starting with a letter.", () -> AccessVariant.of(name));
			Set<String> attributes = new LinkedHashSet<>();
			variant.getAttributes().values().forEach(attributes::addAll);
			valid(property + ".attributes", attributes, "List the non-key attributes the variant may read and write "
					+ "per entity, for example '" + property + ".attributes.project=name,status'.",
					() -> builder.variant(accessVariant, ColumnRestriction.of(attributes)));
		});
		AccessVariantResolver resolver = resolvers.getIfUnique();
		builder.resolver((resolver != null) ? resolver : authorityResolver(columns));
		try {
			return builder.build();
		}
		catch (SessionPolicyTooLargeException ex) {
			throw new InvalidTenancyConfigurationException(PREFIX + ".variants", columns.getVariants().keySet(),
					ex.getMessage(), "Allow fewer or shorter attribute names, or declare fewer tables and indexes.",
					ex);
		}
	}

	private static AccessVariantResolver authorityResolver(ColumnRestrictionsProperties columns) {
		String defaultVariant = columns.getDefaultVariant();
		if (!StringUtils.hasText(defaultVariant) || !columns.getVariants().containsKey(defaultVariant)) {
			throw new InvalidTenancyConfigurationException(PREFIX + ".default-variant", defaultVariant,
					"Column-restricted variants are declared, but the default variant does not name one of them "
							+ columns.getVariants().keySet() + ", so callers without a matching authority (and code "
							+ "without a principal) would have no sessions.",
					"Set '" + PREFIX + ".default-variant' to the least-privileged declared variant.", null);
		}
		if (!SPRING_SECURITY_PRESENT) {
			throw new InvalidTenancyConfigurationException(PREFIX + ".variants", columns.getVariants().keySet(),
					"Column-restricted variants are declared, but Spring Security is not on the classpath to decide "
							+ "a caller's variant from its authorities.",
					"Add Spring Security, or define an AccessVariantResolver bean.", null);
		}
		return valid(PREFIX + ".unrestricted-authorities", columns.getUnrestrictedAuthorities(),
				"Give each authority once, to one variant.", () -> {
					AuthorityAccessVariantResolver.Builder builder = AuthorityAccessVariantResolver
						.builder(AccessVariant.of(defaultVariant));
					if (!columns.getUnrestrictedAuthorities().isEmpty()) {
						builder.variant(AccessVariant.UNRESTRICTED, columns.getUnrestrictedAuthorities());
					}
					for (Map.Entry<String, ColumnRestrictionsProperties.Variant> variant : columns.getVariants()
						.entrySet()) {
						List<String> authorities = variant.getValue().getAuthorities();
						builder.variant(AccessVariant.of(variant.getKey()), authorities);
					}
					return builder.build();
				});
	}

}
