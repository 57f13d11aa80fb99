package dev.tenancy.archunit;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.jspecify.annotations.Nullable;

/**
 * All {@link TenancyRules} configured with the packages of one application, as instance methods, as a
 * {@link #rules() list} and as one {@link #all() composite rule}:
 *
 * <pre>{@code
 * @ArchTest
 * static final ArchRule tenancy = TenancyRules.configure()
 *         .allowUnscopedClientsIn("..infrastructure.dynamodb..")
 *         .allowCrossTenantIn("..admin..", "..batch..")
 *         .build()
 *         .all();
 * }</pre>
 *
 * A {@link #frozen() frozen} rule set wraps every rule in a {@link FreezingArchRule}, to adopt the rules in a codebase
 * that already violates them (see {@link TenancyRules#frozen(ArchRule)} for the store configuration). Instances are
 * immutable.
 *
 * @author tenancy
 * @since 0.1
 * @see TenancyArchTests
 */
public final class TenancyRuleSet {

	/**
	 * Key in {@code archunit.properties} for the comma-separated packages that may use unscoped DynamoDB clients;
	 * read by {@link #fromArchConfiguration()}. Like every ArchUnit property it can also be set as the system property
	 * {@code archunit.tenancy.allowedClientPackages}.
	 */
	public static final String ALLOWED_CLIENT_PACKAGES_PROPERTY = "tenancy.allowedClientPackages";

	/**
	 * Key in {@code archunit.properties} for the comma-separated packages that may hold {@code @CrossTenant} code and
	 * switch tenants explicitly; read by {@link #fromArchConfiguration()}.
	 */
	public static final String ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY = "tenancy.allowedCrossTenantPackages";

	/**
	 * Key in {@code archunit.properties} for the comma-separated packages that may implement or create
	 * {@code TenantResolver}s and {@code AccessVariantResolver}s; read by {@link #fromArchConfiguration()}.
	 */
	public static final String ALLOWED_TENANT_RESOLVER_PACKAGES_PROPERTY = "tenancy.allowedTenantResolverPackages";

	/**
	 * Key in {@code archunit.properties} for the comma-separated packages that may use the {@code TenancyAdminClient}
	 * (and the unscoped clients it hands out); read by {@link #fromArchConfiguration()}. Without it, the admin client
	 * is allowed in the client packages.
	 */
	public static final String ALLOWED_ADMIN_CLIENT_PACKAGES_PROPERTY = "tenancy.allowedAdminClientPackages";

	/**
	 * Key in {@code archunit.properties} that, set to {@code true}, freezes the rules; read by
	 * {@link #fromArchConfiguration()}.
	 */
	public static final String FREEZE_PROPERTY = "tenancy.freeze";

	private final List<String> allowedClientPackages;

	private final List<String> allowedCrossTenantPackages;

	private final List<String> allowedTenantResolverPackages;

	private final List<String> allowedAdminClientPackages;

	private final @Nullable List<String> configuredAdminClientPackages;

	private final boolean frozen;

	private final ArchRule noScan;

	private final ArchRule noPartiQl;

	private final ArchRule unscopedClients;

	private final ArchRule repositories;

	private final ArchRule crossTenantCode;

	private final ArchRule tenantSwitching;

	private final ArchRule selfInvocation;

	private final ArchRule requestOverrides;

	private final ArchRule reflection;

	private final ArchRule tenantResolvers;

	private final ArchRule adminClient;

	private final List<ArchRule> rules;

	private TenancyRuleSet(Builder builder) {
		this.allowedClientPackages = builder.allowedClientPackages;
		this.allowedCrossTenantPackages = builder.allowedCrossTenantPackages;
		this.allowedTenantResolverPackages = builder.allowedTenantResolverPackages;
		this.configuredAdminClientPackages = builder.allowedAdminClientPackages;
		this.allowedAdminClientPackages = (builder.allowedAdminClientPackages != null)
				? builder.allowedAdminClientPackages : builder.allowedClientPackages;
		this.frozen = builder.frozen;
		String[] crossTenantPackages = this.allowedCrossTenantPackages.toArray(String[]::new);
		this.noScan = freezeIfRequested(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB);
		this.noPartiQl = freezeIfRequested(TenancyRules.NO_CLASSES_SHOULD_USE_PARTIQL);
		this.unscopedClients = freezeIfRequested(
				TenancyRules.unscopedClientsRule(this.allowedClientPackages, this.allowedAdminClientPackages));
		this.repositories = freezeIfRequested(TenancyRules.TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY);
		this.crossTenantCode = freezeIfRequested(TenancyRules.crossTenantCodeShouldOnlyResideIn(crossTenantPackages));
		this.tenantSwitching = freezeIfRequested(TenancyRules.tenantSwitchingShouldOnlyHappenIn(crossTenantPackages));
		this.selfInvocation = freezeIfRequested(TenancyRules.NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS);
		this.requestOverrides = freezeIfRequested(TenancyRules.NO_CLASSES_SHOULD_OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS);
		this.reflection = freezeIfRequested(TenancyRules.NO_CLASSES_SHOULD_INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY);
		this.tenantResolvers = freezeIfRequested(TenancyRules
			.tenantResolversShouldOnlyBeImplementedIn(this.allowedTenantResolverPackages.toArray(String[]::new)));
		this.adminClient = freezeIfRequested(
				TenancyRules.tenancyAdminClientShouldOnlyBeUsedIn(this.allowedAdminClientPackages.toArray(String[]::new)));
		this.rules = List.of(this.noScan, this.noPartiQl, this.unscopedClients, this.repositories, this.crossTenantCode,
				this.tenantSwitching, this.selfInvocation, this.requestOverrides, this.reflection, this.tenantResolvers,
				this.adminClient);
	}

	private ArchRule freezeIfRequested(ArchRule rule) {
		return this.frozen ? FreezingArchRule.freeze(rule) : rule;
	}

	/**
	 * Start a rule set from the default packages ({@link TenancyRules#DEFAULT_ALLOWED_CLIENT_PACKAGES},
	 * {@link TenancyRules#DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES},
	 * {@link TenancyRules#DEFAULT_ALLOWED_TENANT_RESOLVER_PACKAGES},
	 * {@link TenancyRules#DEFAULT_ALLOWED_ADMIN_CLIENT_PACKAGES}), not frozen.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The rules with the default packages, not frozen; the same rules as the constants of {@link TenancyRules}.
	 * @return the default rule set
	 */
	public static TenancyRuleSet defaults() {
		return builder().build();
	}

	/**
	 * The rules configured by {@code archunit.properties} (through {@link ArchConfiguration#get()}), which is how the
	 * bundle {@link TenancyArchTests} is configured. Each key that is absent keeps its default; an empty value allows
	 * no package:
	 *
	 * <pre>
	 * tenancy.allowedClientPackages=..config..,..infrastructure.dynamodb..
	 * tenancy.allowedCrossTenantPackages=..admin..,..jobs..
	 * tenancy.allowedTenantResolverPackages=..security..
	 * tenancy.allowedAdminClientPackages=..config..,..migration..
	 * tenancy.freeze=false
	 * </pre>
	 *
	 * @return the configured rule set
	 * @throws IllegalArgumentException if a package identifier is invalid or {@code tenancy.freeze} is neither
	 * {@code true} nor {@code false}
	 */
	public static TenancyRuleSet fromArchConfiguration() {
		ArchConfiguration configuration = ArchConfiguration.get();
		Builder builder = builder();
		if (configuration.containsProperty(ALLOWED_CLIENT_PACKAGES_PROPERTY)) {
			builder.allowedClientPackages = fromProperty(ALLOWED_CLIENT_PACKAGES_PROPERTY,
					configuration.getProperty(ALLOWED_CLIENT_PACKAGES_PROPERTY));
		}
		if (configuration.containsProperty(ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY)) {
			builder.allowedCrossTenantPackages = fromProperty(ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY,
					configuration.getProperty(ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY));
		}
		if (configuration.containsProperty(ALLOWED_TENANT_RESOLVER_PACKAGES_PROPERTY)) {
			builder.allowedTenantResolverPackages = fromProperty(ALLOWED_TENANT_RESOLVER_PACKAGES_PROPERTY,
					configuration.getProperty(ALLOWED_TENANT_RESOLVER_PACKAGES_PROPERTY));
		}
		if (configuration.containsProperty(ALLOWED_ADMIN_CLIENT_PACKAGES_PROPERTY)) {
			builder.allowedAdminClientPackages = fromProperty(ALLOWED_ADMIN_CLIENT_PACKAGES_PROPERTY,
					configuration.getProperty(ALLOWED_ADMIN_CLIENT_PACKAGES_PROPERTY));
		}
		String freeze = configuration.getPropertyOrDefault(FREEZE_PROPERTY, "false").trim().toLowerCase(Locale.ROOT);
		if (!freeze.equals("true") && !freeze.equals("false")) {
			throw new IllegalArgumentException(String.format("Property '%s' in archunit.properties must be 'true' or "
					+ "'false' but was '%s'.", FREEZE_PROPERTY, configuration.getProperty(FREEZE_PROPERTY)));
		}
		return builder.frozen(Boolean.parseBoolean(freeze)).build();
	}

	private static List<String> fromProperty(String key, String value) {
		List<String> identifiers = Arrays.stream(value.split(","))
			.map(String::trim)
			.filter(identifier -> !identifier.isEmpty())
			.toList();
		return PackageIdentifiers.validate(String.format("property '%s' in archunit.properties", key), identifiers);
	}

	/**
	 * @return the packages whose classes may use unscoped DynamoDB clients, as ArchUnit package identifiers
	 */
	public List<String> allowedClientPackages() {
		return this.allowedClientPackages;
	}

	/**
	 * @return the packages whose classes may hold {@code @CrossTenant} code and switch tenants explicitly
	 */
	public List<String> allowedCrossTenantPackages() {
		return this.allowedCrossTenantPackages;
	}

	/**
	 * @return the packages whose classes may implement or create {@code TenantResolver}s
	 */
	public List<String> allowedTenantResolverPackages() {
		return this.allowedTenantResolverPackages;
	}

	/**
	 * @return the packages whose classes may use the {@code TenancyAdminClient} and the clients it hands out
	 */
	public List<String> allowedAdminClientPackages() {
		return this.allowedAdminClientPackages;
	}

	/**
	 * @return whether every rule of this set is a {@link FreezingArchRule}
	 */
	public boolean isFrozen() {
		return this.frozen;
	}

	/**
	 * @return {@link TenancyRules#NO_CLASSES_SHOULD_SCAN_DYNAMODB}
	 */
	public ArchRule noClassesShouldScanDynamoDb() {
		return this.noScan;
	}

	/**
	 * @return {@link TenancyRules#NO_CLASSES_SHOULD_USE_PARTIQL}
	 */
	public ArchRule noClassesShouldUsePartiQl() {
		return this.noPartiQl;
	}

	/**
	 * @return {@link TenancyRules#unscopedDynamoDbClientsShouldOnlyBeUsedIn(String...)} with
	 * {@link #allowedClientPackages()} and {@link #allowedAdminClientPackages()}
	 */
	public ArchRule unscopedDynamoDbClientsShouldOnlyBeUsedInAllowedPackages() {
		return this.unscopedClients;
	}

	/**
	 * @return {@link TenancyRules#TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY}
	 */
	public ArchRule tenantScopedRepositoriesShouldDeclareTheirTenancy() {
		return this.repositories;
	}

	/**
	 * @return {@link TenancyRules#crossTenantCodeShouldOnlyResideIn(String...)} with
	 * {@link #allowedCrossTenantPackages()}
	 */
	public ArchRule crossTenantCodeShouldOnlyResideInAllowedPackages() {
		return this.crossTenantCode;
	}

	/**
	 * @return {@link TenancyRules#tenantSwitchingShouldOnlyHappenIn(String...)} with
	 * {@link #allowedCrossTenantPackages()}
	 */
	public ArchRule tenantSwitchingShouldOnlyHappenInAllowedPackages() {
		return this.tenantSwitching;
	}

	/**
	 * @return {@link TenancyRules#NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS}
	 */
	public ArchRule noClassesShouldCallTheirOwnTenantScopedMethods() {
		return this.selfInvocation;
	}

	/**
	 * @return {@link TenancyRules#NO_CLASSES_SHOULD_OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS}
	 */
	public ArchRule noClassesShouldOverrideRequestCredentialsOrPlugins() {
		return this.requestOverrides;
	}

	/**
	 * @return {@link TenancyRules#NO_CLASSES_SHOULD_INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY}
	 */
	public ArchRule noClassesShouldInvokeDynamoDbClientsReflectively() {
		return this.reflection;
	}

	/**
	 * @return {@link TenancyRules#tenantResolversShouldOnlyBeImplementedIn(String...)} with
	 * {@link #allowedTenantResolverPackages()}
	 */
	public ArchRule tenantResolversShouldOnlyBeImplementedInAllowedPackages() {
		return this.tenantResolvers;
	}

	/**
	 * @return {@link TenancyRules#tenancyAdminClientShouldOnlyBeUsedIn(String...)} with
	 * {@link #allowedAdminClientPackages()}
	 */
	public ArchRule tenancyAdminClientShouldOnlyBeUsedInAllowedPackages() {
		return this.adminClient;
	}

	/**
	 * @return all rules of this set, unmodifiable, in the order of the accessors above
	 */
	public List<ArchRule> rules() {
		return this.rules;
	}

	/**
	 * All rules as one rule whose report lists the violations of each; use {@link #rules()} (or the bundle
	 * {@link TenancyArchTests}) to see one test result per rule instead.
	 * @return the composite rule
	 */
	public CompositeArchRule all() {
		return CompositeArchRule.of(this.rules);
	}

	/**
	 * @return a copy of this rule set whose rules are frozen, see {@link TenancyRules#frozen(ArchRule)}
	 */
	public TenancyRuleSet frozen() {
		return toBuilder().frozen(true).build();
	}

	/**
	 * @return a builder initialised with the configuration of this rule set
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.allowedClientPackages = this.allowedClientPackages;
		builder.allowedCrossTenantPackages = this.allowedCrossTenantPackages;
		builder.allowedTenantResolverPackages = this.allowedTenantResolverPackages;
		builder.allowedAdminClientPackages = this.configuredAdminClientPackages;
		builder.frozen = this.frozen;
		return builder;
	}

	@Override
	public String toString() {
		return String.format("TenancyRuleSet[allowedClientPackages=%s, allowedCrossTenantPackages=%s, "
				+ "allowedTenantResolverPackages=%s, allowedAdminClientPackages=%s, frozen=%s]",
				this.allowedClientPackages, this.allowedCrossTenantPackages, this.allowedTenantResolverPackages,
				this.allowedAdminClientPackages, this.frozen);
	}

	/**
	 * Builder for a {@link TenancyRuleSet}, starting from the default packages. Each {@code allow...In} call replaces
	 * the packages set before (including the defaults); calling it with no package allows none.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private List<String> allowedClientPackages = TenancyRules.DEFAULT_ALLOWED_CLIENT_PACKAGES;

		private List<String> allowedCrossTenantPackages = TenancyRules.DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES;

		private List<String> allowedTenantResolverPackages = TenancyRules.DEFAULT_ALLOWED_TENANT_RESOLVER_PACKAGES;

		private @Nullable List<String> allowedAdminClientPackages;

		private boolean frozen;

		private Builder() {
		}

		/**
		 * Set the packages whose classes may use unscoped DynamoDB clients, tables and indexes (typically where the
		 * client beans are built). Replaces {@link TenancyRules#DEFAULT_ALLOWED_CLIENT_PACKAGES}.
		 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..config.."}
		 * @return this builder
		 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
		 */
		public Builder allowUnscopedClientsIn(String... packageIdentifiers) {
			return allowUnscopedClientsIn(asList("allowUnscopedClientsIn", packageIdentifiers));
		}

		/**
		 * Like {@link #allowUnscopedClientsIn(String...)}.
		 * @param packageIdentifiers ArchUnit package identifiers, must not be {@literal null}
		 * @return this builder
		 */
		public Builder allowUnscopedClientsIn(Collection<String> packageIdentifiers) {
			this.allowedClientPackages = PackageIdentifiers.validate("allowUnscopedClientsIn",
					notNull("allowUnscopedClientsIn", packageIdentifiers));
			return this;
		}

		/**
		 * Set the packages whose classes may hold {@code @CrossTenant} code and switch tenants explicitly
		 * ({@code TenantContext.open}, {@code switchTo}, {@code runAs}, {@code callAs}). Replaces
		 * {@link TenancyRules#DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES}.
		 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..admin.."}
		 * @return this builder
		 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
		 */
		public Builder allowCrossTenantIn(String... packageIdentifiers) {
			return allowCrossTenantIn(asList("allowCrossTenantIn", packageIdentifiers));
		}

		/**
		 * Like {@link #allowCrossTenantIn(String...)}.
		 * @param packageIdentifiers ArchUnit package identifiers, must not be {@literal null}
		 * @return this builder
		 */
		public Builder allowCrossTenantIn(Collection<String> packageIdentifiers) {
			this.allowedCrossTenantPackages = PackageIdentifiers.validate("allowCrossTenantIn",
					notNull("allowCrossTenantIn", packageIdentifiers));
			return this;
		}

		/**
		 * Set the packages whose classes may implement or create {@code TenantResolver}s (typically next to the
		 * authentication code). Replaces {@link TenancyRules#DEFAULT_ALLOWED_TENANT_RESOLVER_PACKAGES}.
		 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..security.."}
		 * @return this builder
		 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
		 */
		public Builder allowTenantResolversIn(String... packageIdentifiers) {
			this.allowedTenantResolverPackages = PackageIdentifiers.validate("allowTenantResolversIn",
					asList("allowTenantResolversIn", packageIdentifiers));
			return this;
		}

		/**
		 * Set the packages whose classes may use the {@code TenancyAdminClient}, and the unscoped clients it hands out
		 * (table creation, migrations). Until this is called, the admin client is allowed in the packages of
		 * {@link #allowUnscopedClientsIn(String...)}, by default {@link TenancyRules#DEFAULT_ALLOWED_ADMIN_CLIENT_PACKAGES}.
		 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..migration.."}
		 * @return this builder
		 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
		 */
		public Builder allowAdminClientIn(String... packageIdentifiers) {
			this.allowedAdminClientPackages = PackageIdentifiers.validate("allowAdminClientIn",
					asList("allowAdminClientIn", packageIdentifiers));
			return this;
		}

		/**
		 * Set whether to wrap every rule in a {@link FreezingArchRule}; see {@link TenancyRules#frozen(ArchRule)}.
		 * @param frozen whether to freeze the rules
		 * @return this builder
		 */
		public Builder frozen(boolean frozen) {
			this.frozen = frozen;
			return this;
		}

		/**
		 * @return a new rule set
		 */
		public TenancyRuleSet build() {
			return new TenancyRuleSet(this);
		}

		private static List<String> asList(String source, String[] packageIdentifiers) {
			if (packageIdentifiers == null) {
				throw new IllegalArgumentException(String.format("Package identifiers given to %s must not be null.",
						source));
			}
			return Arrays.asList(packageIdentifiers);
		}

		private static Collection<String> notNull(String source, Collection<String> packageIdentifiers) {
			if (packageIdentifiers == null) {
				throw new IllegalArgumentException(String.format("Package identifiers given to %s must not be null.",
						source));
			}
			return packageIdentifiers;
		}

	}

}
