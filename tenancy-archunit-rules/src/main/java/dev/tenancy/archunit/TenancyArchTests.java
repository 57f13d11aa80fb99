package dev.tenancy.archunit;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tenancy rules as an {@link ArchTests} bundle, one test per rule, for an application's architecture tests:
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
 * The rules come from {@link TenancyRuleSet#fromArchConfiguration()}: without configuration, unscoped clients and
 * the {@code TenancyAdminClient} are allowed in {@code ..config..} and {@code ..configuration..}, {@code @CrossTenant}
 * code and explicit tenant switching in {@code ..admin..} and {@code ..jobs..}, {@code TenantResolver}
 * implementations in {@code ..security..}. Change the packages, or freeze the rules, with the keys
 * {@code tenancy.allowedClientPackages}, {@code tenancy.allowedCrossTenantPackages},
 * {@code tenancy.allowedTenantResolverPackages}, {@code tenancy.allowedAdminClientPackages} and {@code tenancy.freeze}
 * in {@code archunit.properties}; they are read once, when this class is initialised. Running this class needs an
 * ArchUnit JUnit engine ({@code archunit-junit5}) on the test class path.
 *
 * @author tenancy
 * @since 0.1
 * @see TenancyRules
 */
public final class TenancyArchTests {

	private static final TenancyRuleSet RULES = TenancyRuleSet.fromArchConfiguration();

	@ArchTest
	static final ArchRule no_classes_should_scan_dynamodb = RULES.noClassesShouldScanDynamoDb();

	@ArchTest
	static final ArchRule no_classes_should_use_partiql = RULES.noClassesShouldUsePartiQl();

	@ArchTest
	static final ArchRule unscoped_dynamodb_clients_should_only_be_used_in_allowed_packages = RULES
		.unscopedDynamoDbClientsShouldOnlyBeUsedInAllowedPackages();

	@ArchTest
	static final ArchRule tenant_scoped_repositories_should_declare_their_tenancy = RULES
		.tenantScopedRepositoriesShouldDeclareTheirTenancy();

	@ArchTest
	static final ArchRule cross_tenant_code_should_only_reside_in_allowed_packages = RULES
		.crossTenantCodeShouldOnlyResideInAllowedPackages();

	@ArchTest
	static final ArchRule tenant_switching_should_only_happen_in_allowed_packages = RULES
		.tenantSwitchingShouldOnlyHappenInAllowedPackages();

	@ArchTest
	static final ArchRule no_classes_should_call_their_own_tenant_scoped_methods = RULES
		.noClassesShouldCallTheirOwnTenantScopedMethods();

	@ArchTest
	static final ArchRule no_classes_should_override_request_credentials_or_plugins = RULES
		.noClassesShouldOverrideRequestCredentialsOrPlugins();

	@ArchTest
	static final ArchRule no_classes_should_invoke_dynamodb_clients_reflectively = RULES
		.noClassesShouldInvokeDynamoDbClientsReflectively();

	@ArchTest
	static final ArchRule tenant_resolvers_should_only_be_implemented_in_allowed_packages = RULES
		.tenantResolversShouldOnlyBeImplementedInAllowedPackages();

	@ArchTest
	static final ArchRule tenancy_admin_client_should_only_be_used_in_allowed_packages = RULES
		.tenancyAdminClientShouldOnlyBeUsedInAllowedPackages();

	private TenancyArchTests() {
	}

}
