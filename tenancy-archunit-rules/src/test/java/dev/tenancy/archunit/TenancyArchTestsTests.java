package dev.tenancy.archunit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static dev.tenancy.archunit.Fixtures.assertPasses;
import static dev.tenancy.archunit.Fixtures.classes;
import static dev.tenancy.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

class TenancyArchTestsTests {

	private static final List<String> FIELD_NAMES = List.of("no_classes_should_scan_dynamodb",
			"no_classes_should_use_partiql", "unscoped_dynamodb_clients_should_only_be_used_in_allowed_packages",
			"tenant_scoped_repositories_should_declare_their_tenancy",
			"cross_tenant_code_should_only_reside_in_allowed_packages",
			"tenant_switching_should_only_happen_in_allowed_packages",
			"no_classes_should_call_their_own_tenant_scoped_methods",
			"no_classes_should_override_request_credentials_or_plugins",
			"no_classes_should_invoke_dynamodb_clients_reflectively",
			"tenant_resolvers_should_only_be_implemented_in_allowed_packages",
			"tenancy_admin_client_should_only_be_used_in_allowed_packages");

	@Test
	void holdsOneStaticFinalArchRuleFieldPerRuleNamedInSnakeCase() {
		assertThat(ArchTests.in(TenancyArchTests.class).getDefinitionLocation()).isEqualTo(TenancyArchTests.class);
		List<Field> fields = archTestFields();
		assertThat(fields).extracting(Field::getName).containsExactlyElementsOf(FIELD_NAMES);
		assertThat(fields).allSatisfy(field -> {
			assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())).isTrue();
			assertThat(field.getType()).isEqualTo(ArchRule.class);
		});
	}

	@Test
	void usesTheDefaultRulesWithoutArchUnitProperties() {
		assertThat(archTestFields()).extracting(field -> rule(field.getName()).getDescription())
			.containsExactlyElementsOf(
					TenancyRuleSet.defaults().rules().stream().map(ArchRule::getDescription).toList());
	}

	@Test
	void runsOneSuccessfulTestPerRuleThroughTheArchUnitEngineOnACleanApplication() {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(CleanApplicationArchitecture.class))
			.filters(includeEngines("archunit"))
			.build();
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		List<String> successful = new ArrayList<>();
		TestExecutionListener names = new TestExecutionListener() {

			@Override
			public void executionFinished(TestIdentifier test, TestExecutionResult result) {
				if (test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
					successful.add(test.getDisplayName());
				}
			}

		};
		LauncherFactory.create().execute(request, summary, names);
		TestExecutionSummary result = summary.getSummary();
		assertThat(result.getFailures()).isEmpty();
		assertThat(result.getTestsFoundCount()).isEqualTo(11);
		assertThat(successful).containsExactlyInAnyOrderElementsOf(
				FIELD_NAMES.stream().map(name -> "TenancyArchTests > " + name).toList());
	}

	@ParameterizedTest(name = "{0} fails on {1}")
	@CsvSource(delimiter = '|', textBlock = """
			no_classes_should_scan_dynamodb                                   | scan.methodreference       | MethodReferenceScanner.later()> references method
			no_classes_should_use_partiql                                     | partiql.async              | AsyncPartiQl.statementRunner()> references method
			unscoped_dynamodb_clients_should_only_be_used_in_allowed_packages | unscopedclient.violating   | EnhancedClientService.newClientBuilder()> calls method
			tenant_scoped_repositories_should_declare_their_tenancy           | repository.violating       | UnannotatedProjectRepository> is annotated with neither
			cross_tenant_code_should_only_reside_in_allowed_packages          | crosstenant.violating      | LoginController.tenantOf(java.lang.String)> is annotated with @CrossTenant
			tenant_switching_should_only_happen_in_allowed_packages           | switching.violating        | ReportController.rebuild(java.lang.String, java.lang.Runnable)> calls method
			no_classes_should_call_their_own_tenant_scoped_methods            | selfinvocation.inherited   | ChildService.run()> calls @TenantScoped method
			no_classes_should_override_request_credentials_or_plugins         | overrides.violating        | PluginOverride.<init>(software.amazon.awssdk.core.SdkPlugin)> calls method
			no_classes_should_invoke_dynamodb_clients_reflectively            | reflection.violating       | ReflectiveScanner.scan(java.lang.Object)> calls method <java.lang.reflect.Method.invoke
			tenant_resolvers_should_only_be_implemented_in_allowed_packages   | resolver.violating         | HeaderTenantResolver> implements TenantResolver
			tenancy_admin_client_should_only_be_used_in_allowed_packages      | adminclient.violating      | ReindexService.admin> has type <dev.tenancy.dynamodb.TenancyAdminClient>
			""")
	void eachRuleOfTheBundleFailsOnItsViolatingFixtureAndPassesOnTheCleanApplication(String field,
			String fixtureCase, String violation) {
		ArchRule rule = rule(field);
		assertThat(violations(rule, classes(fixtureCase), ", because "))
			.anySatisfy(line -> assertThat(line).contains(violation));
		assertPasses(rule, classes("bundle.clean"));
	}

	private static List<Field> archTestFields() {
		return Arrays.stream(TenancyArchTests.class.getDeclaredFields())
			.filter(field -> field.isAnnotationPresent(ArchTest.class))
			.toList();
	}

	private static ArchRule rule(String fieldName) {
		try {
			return (ArchRule) TenancyArchTests.class.getDeclaredField(fieldName).get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read field '" + fieldName + "' of TenancyArchTests", ex);
		}
	}

}
