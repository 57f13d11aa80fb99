package dev.tenancy.archunit;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The tenancy rule library: {@link ArchRule ArchRules} that fail the build when application code scans, runs
 * PartiQL, touches an unscoped DynamoDB client, or bypasses {@code @TenantScoped}/{@code @CrossTenant}.
 * <p>
 * Constants apply the default packages ({@link #DEFAULT_ALLOWED_CLIENT_PACKAGES},
 * {@link #DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES}); the factories take your own. To check all rules at once, use the
 * bundle {@link TenancyArchTests} or a {@link TenancyRuleSet} from {@link #configure()}:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.example.app", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTests {
 *
 *     @ArchTest
 *     static final ArchTests TENANCY = ArchTests.in(TenancyArchTests.class);
 *
 * }
 * }</pre>
 *
 * Every rule's {@code because} clause names the risk and the fix. To adopt a rule in a codebase that already
 * violates it, {@link #frozen(ArchRule) freeze} it. The rules refer to the tenancy and AWS SDK types by name, so
 * this module needs neither at run time.
 *
 * @author tenancy
 * @since 0.1
 * @see TenancyConditions
 * @see TenancyPredicates
 */
public final class TenancyRules {

	/**
	 * Packages in which the default rules allow unscoped DynamoDB clients: any package named {@code config} or
	 * {@code configuration}, at any depth ({@code ..config..}, {@code ..configuration..}).
	 */
	public static final List<String> DEFAULT_ALLOWED_CLIENT_PACKAGES = List.of("..config..", "..configuration..");

	/**
	 * Packages in which the default rules allow {@code @CrossTenant} code and explicit tenant switching: any package
	 * named {@code admin} or {@code jobs}, at any depth ({@code ..admin..}, {@code ..jobs..}).
	 */
	public static final List<String> DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES = List.of("..admin..", "..jobs..");

	/**
	 * No code scans DynamoDB: no call or method reference to {@code scan}/{@code scanPaginator} of
	 * {@code DynamoDbClient}, {@code DynamoDbAsyncClient}, {@code DynamoDbTable}, {@code DynamoDbAsyncTable},
	 * {@code DynamoDbIndex} or {@code DynamoDbAsyncIndex} (or a subtype), and no {@code ScanRequest} or
	 * {@code ScanEnhancedRequest}. Covers THREATS TH-4 at build time.
	 *
	 * <pre>{@code
	 * table.scan();                                         // violation
	 * Supplier<PageIterable<Project>> all = table::scan;    // violation
	 * ScanRequest.builder().tableName("projects").build();  // violation
	 * projectRepository.findAll();                          // no violation: a Query on the tenant's partition
	 * }</pre>
	 *
	 * @see TenancyConditions#SCAN_DYNAMODB
	 */
	public static final ArchRule NO_CLASSES_SHOULD_SCAN_DYNAMODB = noClasses().should(TenancyConditions.SCAN_DYNAMODB)
		.because("a Scan has no partition key, so it reads every tenant's items and no session policy "
				+ "(dynamodb:LeadingKeys) can confine it; the guard and IAM deny it at run time (THREATS TH-4). "
				+ "Read through a TenantScopedRepository instead: findAll() and derived queries are Queries on the "
				+ "tenant's partition");

	/**
	 * No code runs PartiQL: no call or method reference to {@code executeStatement}, {@code batchExecuteStatement}
	 * or {@code executeTransaction} of {@code DynamoDbClient} or {@code DynamoDbAsyncClient} (or a subtype). Covers
	 * THREATS TH-4 at build time.
	 *
	 * <pre>{@code
	 * client.executeStatement(r -> r.statement("SELECT * FROM projects"));  // violation
	 * projectRepository.findByStatus(ProjectStatus.OPEN);                  // no violation
	 * }</pre>
	 *
	 * @see TenancyConditions#USE_PARTIQL
	 */
	public static final ArchRule NO_CLASSES_SHOULD_USE_PARTIQL = noClasses().should(TenancyConditions.USE_PARTIQL)
		.because("a PartiQL statement is not confined to the tenant's partition (a SELECT without a partition-key "
				+ "condition is a full-table Scan), and the guard and IAM deny ExecuteStatement, "
				+ "BatchExecuteStatement and ExecuteTransaction (THREATS TH-4). Use TenantScopedRepository methods "
				+ "instead: derived queries, conditional writes and transactions within the tenant");

	/**
	 * {@link #unscopedDynamoDbClientsShouldOnlyBeUsedIn(String...)} with {@link #DEFAULT_ALLOWED_CLIENT_PACKAGES}.
	 *
	 * <pre>{@code
	 * package com.example.app.service;
	 * class ReportService {
	 *     private final DynamoDbTable<Project> table;         // violation
	 * }
	 * package com.example.app.config;
	 * class DynamoDbConfig {
	 *     @Bean DynamoDbClient dynamoDbClient() {
	 *         return DynamoDbClient.builder().build();         // no violation: a configuration package
	 *     }
	 * }
	 * }</pre>
	 *
	 * @see TenancyConditions#USE_UNSCOPED_DYNAMODB_CLIENTS
	 */
	public static final ArchRule UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES = unscopedDynamoDbClientsShouldOnlyBeUsedInConfigurationPackages();

	/**
	 * Every interface extending {@code TenantScopedRepository} is annotated with {@code @TenantScoped} or
	 * {@code @CrossTenant}, not both. The annotation may sit on the interface itself, on an annotation it carries
	 * (meta-annotation), or on a super-interface (for example a {@code @NoRepositoryBean} base repository); this is
	 * the lookup of Spring's {@code MergedAnnotations} with {@code SearchStrategy.TYPE_HIERARCHY}. Intermediate
	 * interfaces annotated with {@code @NoRepositoryBean} are not checked themselves. Matches nothing in an
	 * application without repositories, which is allowed.
	 *
	 * <pre>{@code
	 * interface ProjectRepository extends TenantScopedRepository<Project, String> {}               // violation
	 * @TenantScoped interface ProjectRepository extends TenantScopedRepository<Project, String> {} // no violation
	 * @CrossTenant("login lookup") interface LoginRepository extends TenantScopedRepository<Login, String> {} // no violation
	 * }</pre>
	 *
	 * @see TenancyConditions#BE_ANNOTATED_WITH_TENANT_SCOPED_OR_CROSS_TENANT
	 */
	public static final ArchRule TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY = classes()
		.that(TenancyPredicates.TENANT_SCOPED_REPOSITORIES)
		.should(TenancyConditions.BE_ANNOTATED_WITH_TENANT_SCOPED_OR_CROSS_TENANT)
		.because("a repository that declares neither (or both) leaves open which identity its calls run under, and "
				+ "outside an open tenant scope its calls fail at run time with MissingTenantException instead of "
				+ "at build time. Annotate the interface (or a super-interface) with @TenantScoped, or with "
				+ "@CrossTenant(\"why\") when it crosses tenants by design")
		.allowEmptyShould(true);

	/**
	 * {@link #crossTenantCodeShouldOnlyResideIn(String...)} with {@link #DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES}.
	 *
	 * <pre>{@code
	 * package com.example.app.web;
	 * class LoginController {
	 *     @CrossTenant("find the tenant of a login") Tenant tenantOf(String email) { ... }  // violation
	 * }
	 * package com.example.app.admin;
	 * @CrossTenant("tenant directory") class TenantDirectory { ... }                    // no violation
	 * }</pre>
	 *
	 * @see TenancyConditions#DECLARE_CROSS_TENANT_CODE
	 */
	public static final ArchRule CROSS_TENANT_CODE_SHOULD_ONLY_RESIDE_IN_CROSS_TENANT_PACKAGES = crossTenantCodeShouldOnlyResideInCrossTenantPackages();

	/**
	 * {@link #tenantSwitchingShouldOnlyHappenIn(String...)} with {@link #DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES}.
	 *
	 * <pre>{@code
	 * package com.example.app.web;
	 * TenantContext.runAs(TenantId.of(request.tenant()), () -> ...);   // violation
	 * package com.example.app.jobs;
	 * tenants.forEach(t -> TenantContext.runAs(t, this::reindex));     // no violation
	 * }</pre>
	 *
	 * @see TenancyConditions#SWITCH_TENANTS
	 */
	public static final ArchRule TENANT_SWITCHING_SHOULD_ONLY_HAPPEN_IN_CROSS_TENANT_PACKAGES = tenantSwitchingShouldOnlyHappenInCrossTenantPackages();

	/**
	 * No class calls (or references) a {@code @TenantScoped} method of its own through {@code this}, since such a
	 * call bypasses the Spring proxy. A target counts as {@code @TenantScoped} when the method is annotated, or when
	 * it is neither private nor static and its class (or a superclass) is annotated; calls from an inner or anonymous
	 * class to its enclosing instance count too. Default methods of repository interfaces are exempt (they run on the
	 * proxy). ArchUnit cannot tell {@code this.sync()} from {@code other.sync()} on a second instance of the same
	 * class; the latter is flagged as well.
	 *
	 * <pre>{@code
	 * class ProjectService {
	 *     public void importAll() { sync(); }                    // violation: sync() runs without the interceptor
	 *     public void importLater() { executor.execute(this::sync); }  // violation
	 *     @TenantScoped public void sync() { ... }
	 * }
	 * @TenantScoped class ReportService {
	 *     public Report report() { return render(load()); }       // violation for load(), none for render()
	 *     public List<Row> load() { ... }
	 *     private Report render(List<Row> rows) { ... }
	 * }
	 * }</pre>
	 *
	 * @see TenancyConditions#CALL_THEIR_OWN_TENANT_SCOPED_METHODS
	 */
	public static final ArchRule NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS = noClasses()
		.should(TenancyConditions.CALL_THEIR_OWN_TENANT_SCOPED_METHODS)
		.because("a call on 'this' does not go through the Spring proxy, so the @TenantScoped interceptor never runs: "
				+ "no tenant is resolved and the callee runs in whatever scope its caller had, or in none, skipping "
				+ "the nested-scope check (THREATS TH-9). Call it through the proxy: move the method to another bean "
				+ "and inject that bean, or make a helper private so that it is not @TenantScoped itself");

	private TenancyRules() {
	}

	/**
	 * Only classes in the given packages may use DynamoDB clients, tables or indexes: depend on
	 * {@code DynamoDbClient}, {@code DynamoDbAsyncClient}, {@code DynamoDbEnhancedClient},
	 * {@code DynamoDbEnhancedAsyncClient}, {@code DynamoDbTable}, {@code DynamoDbAsyncTable}, {@code DynamoDbIndex},
	 * {@code DynamoDbAsyncIndex} or a subtype of one, which includes calling their {@code builder()} or
	 * {@code create()}. Everything else reaches DynamoDB through tenant-scoped repositories. Matches nothing when all
	 * classes are in the given packages, which is allowed.
	 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..config.."}; none means no package
	 * @return the rule
	 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
	 * @see TenancyConditions#USE_UNSCOPED_DYNAMODB_CLIENTS
	 */
	public static ArchRule unscopedDynamoDbClientsShouldOnlyBeUsedIn(String... packageIdentifiers) {
		List<String> packages = packageIdentifiers("unscopedDynamoDbClientsShouldOnlyBeUsedIn",
				Arrays.asList(packageIdentifiers));
		return noClassesOutsideOf(packages, TenancyConditions.USE_UNSCOPED_DYNAMODB_CLIENTS)
			.because("a DynamoDB client, table or index used outside the tenancy library signs requests with the "
					+ "application's base credentials, so neither the tenant's session policy nor the guard confines "
					+ "it and one bug can read or write every tenant's items. Reach DynamoDB through a "
					+ "TenantScopedRepository (or @CrossTenant code) instead, and create clients only in "
					+ describe(packages)
					+ ", or allow another package with TenancyRules.configure().allowUnscopedClientsIn(...)")
			.allowEmptyShould(true);
	}

	/**
	 * Like {@link #unscopedDynamoDbClientsShouldOnlyBeUsedIn(String...)} with
	 * {@link #DEFAULT_ALLOWED_CLIENT_PACKAGES}.
	 * @return the rule
	 */
	public static ArchRule unscopedDynamoDbClientsShouldOnlyBeUsedInConfigurationPackages() {
		return unscopedDynamoDbClientsShouldOnlyBeUsedIn(DEFAULT_ALLOWED_CLIENT_PACKAGES.toArray(String[]::new));
	}

	/**
	 * Only classes in the given packages may declare {@code @CrossTenant} code: be annotated with it or declare a
	 * method annotated with it (directly or through a meta-annotation). Matches nothing when all classes are in the
	 * given packages, which is allowed.
	 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..admin.."}; none means no package
	 * @return the rule
	 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
	 * @see TenancyConditions#DECLARE_CROSS_TENANT_CODE
	 */
	public static ArchRule crossTenantCodeShouldOnlyResideIn(String... packageIdentifiers) {
		List<String> packages = packageIdentifiers("crossTenantCodeShouldOnlyResideIn",
				Arrays.asList(packageIdentifiers));
		return noClassesOutsideOf(packages, TenancyConditions.DECLARE_CROSS_TENANT_CODE)
			.because("@CrossTenant code runs with an identity that can reach every tenant's items, so it has to stay "
					+ "where reviewers expect it. Move it into " + describe(packages)
					+ ", or allow its package with TenancyRules.configure().allowCrossTenantIn(...)")
			.allowEmptyShould(true);
	}

	/**
	 * Like {@link #crossTenantCodeShouldOnlyResideIn(String...)} with
	 * {@link #DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES}.
	 * @return the rule
	 */
	public static ArchRule crossTenantCodeShouldOnlyResideInCrossTenantPackages() {
		return crossTenantCodeShouldOnlyResideIn(DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES.toArray(String[]::new));
	}

	/**
	 * Only classes in the given packages may choose a tenant themselves: call or reference
	 * {@code TenantContext.open}, {@code switchTo}, {@code runAs} or {@code callAs}. {@code TenantContext.wrap},
	 * which carries the current tenant to another thread, stays allowed everywhere. Matches nothing when all classes
	 * are in the given packages, which is allowed.
	 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..jobs.."}; none means no package
	 * @return the rule
	 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
	 * @see TenancyConditions#SWITCH_TENANTS
	 */
	public static ArchRule tenantSwitchingShouldOnlyHappenIn(String... packageIdentifiers) {
		List<String> packages = packageIdentifiers("tenantSwitchingShouldOnlyHappenIn",
				Arrays.asList(packageIdentifiers));
		return noClassesOutsideOf(packages, TenancyConditions.SWITCH_TENANTS)
			.because("TenantContext.open, switchTo, runAs and callAs bind a tenant that did not come from the "
					+ "authenticated principal, so a wrong argument silently acts for another tenant. Let "
					+ "@TenantScoped resolve the tenant from the principal, choose tenants explicitly only in "
					+ describe(packages)
					+ ", or allow the package with TenancyRules.configure().allowCrossTenantIn(...)")
			.allowEmptyShould(true);
	}

	/**
	 * Like {@link #tenantSwitchingShouldOnlyHappenIn(String...)} with {@link #DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES}.
	 * @return the rule
	 */
	public static ArchRule tenantSwitchingShouldOnlyHappenInCrossTenantPackages() {
		return tenantSwitchingShouldOnlyHappenIn(DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES.toArray(String[]::new));
	}

	/**
	 * Start configuring all rules with the packages of your application, e.g.
	 * {@code TenancyRules.configure().allowUnscopedClientsIn("..infrastructure..").build().all()}.
	 * @return a builder starting from the default packages
	 * @see TenancyRuleSet#builder()
	 */
	public static TenancyRuleSet.Builder configure() {
		return TenancyRuleSet.builder();
	}

	/**
	 * Freeze a rule to adopt it in a codebase that already violates it: the first evaluation records the existing
	 * violations in the violation store, later evaluations fail only on new ones, and fixed ones are removed from the
	 * store. Configure the store in {@code archunit.properties}, commit it to version control, and keep store creation
	 * off in CI so that a missing store fails instead of silently freezing everything:
	 *
	 * <pre>
	 * freeze.store.default.path=src/test/resources/archunit_store
	 * freeze.store.default.allowStoreCreation=false
	 * freeze.store.default.allowStoreUpdate=false   # in CI only, e.g. -Darchunit.freeze.store.default.allowStoreUpdate=false
	 * </pre>
	 *
	 * The store is keyed by the rule's description, which contains the allowed packages: changing them starts a new
	 * entry that freezes every current violation, unless store updates are off ({@code allowStoreUpdate=false} in
	 * CI), in which case the build fails until the reviewed store is committed.
	 * @param rule the rule to freeze, must not be {@literal null}
	 * @return the frozen rule
	 * @see FreezingArchRule#freeze(ArchRule)
	 * @see TenancyRuleSet#frozen()
	 */
	public static FreezingArchRule frozen(ArchRule rule) {
		if (rule == null) {
			throw new IllegalArgumentException("The rule to freeze must not be null.");
		}
		return FreezingArchRule.freeze(rule);
	}

	/**
	 * Validate, de-duplicate and copy package identifiers.
	 * @param source the method or property the identifiers were given to, named in errors
	 * @param packageIdentifiers the identifiers
	 * @return an unmodifiable list in the given order
	 */
	static List<String> packageIdentifiers(String source, Collection<String> packageIdentifiers) {
		Set<String> result = new LinkedHashSet<>();
		for (String identifier : packageIdentifiers) {
			if (identifier == null || identifier.isBlank()) {
				throw new IllegalArgumentException(String.format("Package identifiers given to %s must not be null or "
						+ "blank; use ArchUnit package syntax such as '..config..'.", source));
			}
			try {
				PackageMatcher.of(identifier);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(String.format("Package identifier '%s' given to %s is invalid: %s. "
						+ "Use ArchUnit package syntax such as '..config..'.", identifier, source, ex.getMessage()), ex);
			}
			result.add(identifier);
		}
		return List.copyOf(result);
	}

	private static ArchRule noClassesOutsideOf(List<String> packages, ArchCondition<JavaClass> condition) {
		if (packages.isEmpty()) {
			return noClasses().should(condition);
		}
		return noClasses().that().resideOutsideOfPackages(packages.toArray(String[]::new)).should(condition);
	}

	private static String describe(List<String> packages) {
		if (packages.isEmpty()) {
			return "an allowed package (none is allowed yet)";
		}
		return packages.stream()
			.map(identifier -> "'" + identifier + "'")
			.collect(Collectors.joining(", ", "packages [", "]"));
	}

}
