package dev.tenancy.archunit;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.tenancy.archunit.PackageIdentifiers.describe;
import static dev.tenancy.archunit.PackageIdentifiers.noClassesOutsideOf;
import static dev.tenancy.archunit.PackageIdentifiers.validate;

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
	 * Packages in which the default rules allow {@code TenantResolver} and {@code AccessVariantResolver}
	 * implementations: any package named {@code security}, at any depth ({@code ..security..}), next to the
	 * authentication code.
	 */
	public static final List<String> DEFAULT_ALLOWED_TENANT_RESOLVER_PACKAGES = List.of("..security..");

	/**
	 * Packages in which the default rules allow the {@code TenancyAdminClient}: the same as
	 * {@link #DEFAULT_ALLOWED_CLIENT_PACKAGES}, where tables are typically created. A {@link TenancyRuleSet} allows it
	 * in its client packages unless configured otherwise.
	 */
	public static final List<String> DEFAULT_ALLOWED_ADMIN_CLIENT_PACKAGES = DEFAULT_ALLOWED_CLIENT_PACKAGES;

	private static final String FREEZE_ADVICE = " To adopt the rule in code that already violates it, freeze it with "
			+ TenancyRuleSet.FREEZE_PROPERTY + " in archunit.properties";

	/**
	 * No code scans DynamoDB: no call or method reference to {@code scan}/{@code scanPaginator} of
	 * {@code DynamoDbClient}, {@code DynamoDbAsyncClient}, {@code DynamoDbTable}, {@code DynamoDbAsyncTable},
	 * {@code DynamoDbIndex} or {@code DynamoDbAsyncIndex} (or a subtype), and no {@code ScanRequest} or
	 * {@code ScanEnhancedRequest}; also {@code scan}/{@code scanAll} of Spring Cloud AWS {@code DynamoDbOperations}
	 * (and {@code DynamoDbTemplate}).
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
				+ "(dynamodb:LeadingKeys) can confine it; the guard and IAM deny it at run time. "
				+ "Read through a TenantScopedRepository instead: findAll() and derived queries are Queries on the "
				+ "tenant's partition." + FREEZE_ADVICE);

	/**
	 * No code runs PartiQL: no call or method reference to {@code executeStatement}, {@code batchExecuteStatement}
	 * or {@code executeTransaction} of {@code DynamoDbClient} or {@code DynamoDbAsyncClient} (or a subtype).
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
				+ "BatchExecuteStatement and ExecuteTransaction. Use TenantScopedRepository methods "
				+ "instead: derived queries, conditional writes and transactions within the tenant." + FREEZE_ADVICE);

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
				+ "@CrossTenant(\"why\") when it crosses tenants by design." + FREEZE_ADVICE)
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
	 * No class calls (or references) a {@code @TenantScoped} method of its own through {@code this} from code that
	 * can run it for another tenant than the proxy would. Such a call bypasses the Spring proxy, so the interceptor does
	 * not run for the callee. That is harmless when the call is made directly (not in a lambda) from a method that is
	 * itself {@code @TenantScoped}, or from a private method called only that way: the interceptor has just resolved
	 * the tenant for the caller and opened or checked its scope, and would do the same for the callee. Every other
	 * self-call is reported: from a constructor or initializer, a lambda, a method reference, an inner or anonymous
	 * class, or a method that is not {@code @TenantScoped}. A target counts as {@code @TenantScoped} when the method is
	 * annotated, or when it is neither private nor static and its class (or a supertype) is annotated. Default methods
	 * of repository interfaces are exempt (they run on the proxy). ArchUnit cannot tell {@code this.sync()} from
	 * {@code other.sync()} on a second instance of the same class; the latter is flagged as well.
	 *
	 * <pre>{@code
	 * class ProjectService {
	 *     public void importAll() { sync(); }                          // violation: sync() runs without the interceptor
	 *     @TenantScoped public void syncAll() { sync(); }               // no violation: already in the scope
	 *     @TenantScoped public void sync() { ... }
	 * }
	 * @TenantScoped class ReportService {
	 *     public Report report() { return render(load()); }             // no violation
	 *     public void later() { executor.execute(this::load); }       // violation: runs on another thread
	 *     public List<Row> load() { ... }
	 *     private Report render(List<Row> rows) { ... }
	 * }
	 * }</pre>
	 *
	 * @see TenancyConditions#CALL_THEIR_OWN_TENANT_SCOPED_METHODS
	 */
	public static final ArchRule NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS = noClasses()
		.should(TenancyConditions.CALL_THEIR_OWN_TENANT_SCOPED_METHODS)
		.because("a call on 'this' does not go through the Spring proxy, so the @TenantScoped interceptor does not run "
				+ "for the callee. From code that does not already run in the tenant scope (a method that is not "
				+ "@TenantScoped, a constructor, a lambda, a method reference, an inner class) the callee then runs in "
				+ "whatever scope the thread has, possibly another tenant's that the interceptor would have refused, "
				+ "or in none. Calls made directly from a @TenantScoped method run in the scope the proxy opened for "
				+ "it and are not reported. Call it through the proxy: move the method to another bean and inject that "
				+ "bean, call it directly from a @TenantScoped method, or make a helper private so that it is not "
				+ "@TenantScoped itself." + FREEZE_ADVICE);

	/**
	 * No code overrides, per request, who signs a DynamoDB request or what runs around it: no call or method
	 * reference to {@code credentialsProvider}, {@code tokenIdentityProvider}, {@code signer}, {@code addPlugin},
	 * {@code plugins}, {@code executionAttributes}, {@code putExecutionAttribute} or {@code endpointProvider} of a
	 * request override builder ({@code AwsRequestOverrideConfiguration.Builder}). Timeouts, headers and metric
	 * publishers stay allowed. This applies to requests of every AWS service, since an override built for one can be
	 * handed to a DynamoDB request.
	 *
	 * <pre>{@code
	 * GetItemRequest.builder().overrideConfiguration(o -> o.credentialsProvider(base));     // violation
	 * AwsRequestOverrideConfiguration.builder().addPlugin(plugin).build();                 // violation
	 * GetItemRequest.builder().overrideConfiguration(o -> o.apiCallTimeout(timeout));      // no violation
	 * }</pre>
	 *
	 * @see TenancyConditions#OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS
	 */
	public static final ArchRule NO_CLASSES_SHOULD_OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS = noClasses()
		.should(TenancyConditions.OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS)
		.because("a request override replaces, for that request, what the tenancy library configured on the client: "
				+ "another credentials provider or signer signs it with other credentials than the tenant's STS "
				+ "session, and a plugin, execution attribute or endpoint provider can remove the guard or change the "
				+ "request after the guard checked it. Leave credentials, signing and plugins to the tenancy library; "
				+ "timeouts, headers and metric publishers stay allowed." + FREEZE_ADVICE);

	/**
	 * No code that uses DynamoDB types finds or invokes methods reflectively ({@code Method.invoke},
	 * {@code Class.getMethod}/{@code getDeclaredMethod}, {@code MethodHandles.Lookup.find*}, {@code MethodHandle.invoke*}),
	 * since that reaches a client's {@code scan} or {@code executeStatement} without the call showing in bytecode.
	 * Reflection in classes that use no DynamoDB type is not reported. A class uses a DynamoDB type when it depends on
	 * one (a class literal is enough), reads a field of one or calls a method returning one.
	 *
	 * <pre>{@code
	 * client.getClass().getMethod("scan", ScanRequest.class).invoke(client, request);  // violation
	 * target.getClass().getMethod(name).invoke(target);   // no violation in a class that uses no DynamoDB type
	 * }</pre>
	 *
	 * @see TenancyConditions#INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY
	 */
	public static final ArchRule NO_CLASSES_SHOULD_INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY = noClasses()
		.should(TenancyConditions.INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY)
		.because("reflection hides a call from every other rule: Method.invoke or a MethodHandle can run scan, "
				+ "executeStatement or any client method the rules forbid, and the bytecode does not show which. "
				+ "Call DynamoDB through a TenantScopedRepository, and keep reflection out of classes that use "
				+ "DynamoDB types." + FREEZE_ADVICE);

	/**
	 * {@link #tenantResolversShouldOnlyBeImplementedIn(String...)} with
	 * {@link #DEFAULT_ALLOWED_TENANT_RESOLVER_PACKAGES}.
	 *
	 * <pre>{@code
	 * package com.example.app.web;
	 * class HeaderTenantResolver implements TenantResolver { ... }         // violation
	 * package com.example.app.security;
	 * class ClaimTenantResolver implements TenantResolver { ... }          // no violation
	 * class RoleVariantResolver implements AccessVariantResolver { ... }   // no violation
	 * }</pre>
	 *
	 * @see TenancyConditions#IMPLEMENT_TENANT_RESOLVERS
	 */
	public static final ArchRule TENANT_RESOLVERS_SHOULD_ONLY_BE_IMPLEMENTED_IN_SECURITY_PACKAGES = tenantResolversShouldOnlyBeImplementedIn(
			DEFAULT_ALLOWED_TENANT_RESOLVER_PACKAGES.toArray(String[]::new));

	/**
	 * {@link #tenancyAdminClientShouldOnlyBeUsedIn(String...)} with {@link #DEFAULT_ALLOWED_ADMIN_CLIENT_PACKAGES}.
	 *
	 * <pre>{@code
	 * package com.example.app.service;
	 * class ReindexService { private final TenancyAdminClient admin; }    // violation
	 * package com.example.app.config;
	 * class Tables { void create(TenancyAdminClient admin) { ... } }       // no violation
	 * }</pre>
	 *
	 * @see TenancyConditions#USE_THE_TENANCY_ADMIN_CLIENT
	 */
	public static final ArchRule TENANCY_ADMIN_CLIENT_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES = tenancyAdminClientShouldOnlyBeUsedIn(
			DEFAULT_ALLOWED_ADMIN_CLIENT_PACKAGES.toArray(String[]::new));

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
		return unscopedClientsRule(validate("unscopedDynamoDbClientsShouldOnlyBeUsedIn",
				Arrays.asList(packageIdentifiers)), List.of());
	}

	/**
	 * The unscoped-client rule allowing the client packages and, since the {@code TenancyAdminClient} hands out
	 * unscoped clients, the admin-client packages.
	 */
	static ArchRule unscopedClientsRule(List<String> clientPackages, List<String> adminClientPackages) {
		Set<String> allowed = new LinkedHashSet<>(clientPackages);
		allowed.addAll(adminClientPackages);
		List<String> adminOnly = adminClientPackages.stream()
			.filter(identifier -> !clientPackages.contains(identifier))
			.toList();
		String adminNote = adminOnly.isEmpty() ? "" : " (code in the admin-client " + describe(adminOnly) + " of "
				+ TenancyRuleSet.ALLOWED_ADMIN_CLIENT_PACKAGES_PROPERTY
				+ " may use the clients the TenancyAdminClient hands out)";
		return noClassesOutsideOf(List.copyOf(allowed),
				TenancyConditions.USE_UNSCOPED_DYNAMODB_CLIENTS_OUTSIDE_CROSS_TENANT_CODE)
			.because("code that handles a DynamoDB client itself is not confined to a tenant: a client it builds "
					+ "(builder(), create()), the plain DynamoDbClient bean, a Spring Cloud AWS DynamoDbTemplate over it "
					+ "or a streams client signs with the application's own credentials and passes no guard, so one bug "
					+ "can read or write every tenant's items (streams carry every tenant's changes). Only the "
					+ "tenant-scoped client behind the repositories is confined: the guard checks each of its requests, "
					+ "and in iam mode it signs them with the tenant's STS session. Reach DynamoDB through a "
					+ "TenantScopedRepository instead, or through the cross-tenant client in @CrossTenant code, and "
					+ "create clients only in " + describe(clientPackages) + adminNote + ", or allow another package "
					+ "with " + TenancyRuleSet.ALLOWED_CLIENT_PACKAGES_PROPERTY + " in archunit.properties "
					+ "(TenancyRules.configure().allowUnscopedClientsIn(...))")
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
		List<String> packages = validate("crossTenantCodeShouldOnlyResideIn",
				Arrays.asList(packageIdentifiers));
		return noClassesOutsideOf(packages, TenancyConditions.DECLARE_CROSS_TENANT_CODE)
			.because("@CrossTenant code runs with an identity that can reach every tenant's items, so it has to stay "
					+ "where reviewers expect it. Move it into " + describe(packages) + ", or allow its package with "
					+ TenancyRuleSet.ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY + " in archunit.properties "
					+ "(TenancyRules.configure().allowCrossTenantIn(...))")
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
		List<String> packages = validate("tenantSwitchingShouldOnlyHappenIn",
				Arrays.asList(packageIdentifiers));
		return noClassesOutsideOf(packages, TenancyConditions.SWITCH_TENANTS)
			.because("TenantContext.open, switchTo, runAs and callAs bind a tenant that did not come from the "
					+ "authenticated principal, so a wrong argument silently acts for another tenant. Let "
					+ "@TenantScoped resolve the tenant from the principal, choose tenants explicitly only in "
					+ describe(packages) + ", or allow the package with "
					+ TenancyRuleSet.ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY + " in archunit.properties "
					+ "(TenancyRules.configure().allowCrossTenantIn(...))")
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
	 * Only classes in the given packages may implement a {@code TenantResolver} or an {@code AccessVariantResolver}
	 * (directly or through a superclass), declare a method returning one (which covers lambdas and method references,
	 * typically {@code @Bean} methods) or create one with {@code new}. A tenant resolver decides which tenant's
	 * credentials every {@code @TenantScoped} call gets, an access-variant resolver which of the tenant's
	 * column-restricted sessions; both must trust only authenticated data: the authenticated principal or the
	 * validated claims of its token, never a request header, parameter or cookie. Matches nothing when all classes
	 * are in the given packages, which is allowed. A lambda passed directly as an argument of a resolver type is not
	 * visible in bytecode.
	 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..security.."}; none means no package
	 * @return the rule
	 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
	 * @see TenancyConditions#IMPLEMENT_TENANT_RESOLVERS
	 */
	public static ArchRule tenantResolversShouldOnlyBeImplementedIn(String... packageIdentifiers) {
		List<String> packages = validate("tenantResolversShouldOnlyBeImplementedIn",
				Arrays.asList(packageIdentifiers));
		return noClassesOutsideOf(packages, TenancyConditions.IMPLEMENT_TENANT_RESOLVERS)
			.because("a TenantResolver decides which tenant's credentials every @TenantScoped call gets (an "
					+ "AccessVariantResolver which columns of the tenant's items), so one that reads a request header, "
					+ "a parameter or a cookie lets the caller choose any tenant (or unrestricted columns). Resolve the "
					+ "tenant only from authenticated data (the authenticated principal or the validated claims of its "
					+ "token), never a request header or parameter, and keep resolvers in " + describe(packages)
					+ ", where they are reviewed with the authentication code, or allow another package with "
					+ TenancyRuleSet.ALLOWED_TENANT_RESOLVER_PACKAGES_PROPERTY + " in archunit.properties "
					+ "(TenancyRules.configure().allowTenantResolversIn(...))")
			.allowEmptyShould(true);
	}

	/**
	 * Only classes in the given packages may use the {@code TenancyAdminClient}: depend on it in any way. It signs
	 * with the application's own identity, is confined to no tenant and passes no guard; it is meant for table
	 * creation, migrations and operational tooling. {@code @CrossTenant} code is not exempt: it uses the narrower
	 * cross-tenant client. Matches nothing when all classes are in the given packages, which is allowed.
	 * @param packageIdentifiers ArchUnit package identifiers such as {@code "..migration.."}; none means no package
	 * @return the rule
	 * @throws IllegalArgumentException if an identifier is {@literal null}, blank or not valid ArchUnit syntax
	 * @see TenancyConditions#USE_THE_TENANCY_ADMIN_CLIENT
	 */
	public static ArchRule tenancyAdminClientShouldOnlyBeUsedIn(String... packageIdentifiers) {
		List<String> packages = validate("tenancyAdminClientShouldOnlyBeUsedIn",
				Arrays.asList(packageIdentifiers));
		return noClassesOutsideOf(packages, TenancyConditions.USE_THE_TENANCY_ADMIN_CLIENT)
			.because("the TenancyAdminClient signs with the application's own identity, is confined to no tenant and "
					+ "passes no guard; it is meant for table creation, migrations and operational tooling, and "
					+ "@CrossTenant code uses the narrower cross-tenant client instead. Use repositories, keep admin "
					+ "work in " + describe(packages) + ", or allow another package with "
					+ TenancyRuleSet.ALLOWED_ADMIN_CLIENT_PACKAGES_PROPERTY + " in archunit.properties "
					+ "(TenancyRules.configure().allowAdminClientIn(...))")
			.allowEmptyShould(true);
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

}
