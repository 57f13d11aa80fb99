package dev.tenancy.archunit;

import java.util.List;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.tenancy.archunit.Fixtures.assertPasses;
import static dev.tenancy.archunit.Fixtures.classes;
import static dev.tenancy.archunit.Fixtures.member;
import static dev.tenancy.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenancyRulesTests {

	@Nested
	@DisplayName("NO_CLASSES_SHOULD_SCAN_DYNAMODB (TH-4)")
	class NoScan {

		private static final String FIX = "Read through a TenantScopedRepository instead";

		private final ArchRule rule = TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB;

		// TH-4
		@ParameterizedTest(name = "{0}: {1}.{2} {3} {4}")
		@CsvSource(delimiter = '|', textBlock = """
				scan.clientfield      | scan.clientfield.ProjectScanner               | listAll    | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbClient.scan(software.amazon.awssdk.services.dynamodb.model.ScanRequest)
				scan.asyncpaginator   | scan.asyncpaginator.AsyncProjectScanner       | pages      | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient.scanPaginator(software.amazon.awssdk.services.dynamodb.model.ScanRequest)
				scan.enhanced         | scan.enhanced.TableScanner                    | all        | calls      | software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable.scan()
				scan.enhanced         | scan.enhanced.AsyncTableScanner               | firstTen   | calls      | software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable.scan(java.util.function.Consumer)
				scan.enhanced         | scan.enhanced.IndexScanner                    | byStatus   | calls      | software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex.scan()
				scan.enhanced         | scan.enhanced.IndexScanner                    | byStatusAsync | calls   | software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex.scan()
				scan.lambda           | scan.lambda.LambdaScanner                     | later      | calls      | software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable.scan()
				scan.methodreference  | scan.methodreference.MethodReferenceScanner   | later      | references | software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable.scan()
				scan.request          | scan.request.ScanRequestFactory               | everything | calls      | software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder()
				scan.request          | scan.request.EnhancedScanRequestFactory       | firstTen   | calls      | software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest.builder()
				scan.inherited        | scan.inherited.InheritingDao                  | listAll    | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbClient.scan(software.amazon.awssdk.services.dynamodb.model.ScanRequest)
				scan.inherited        | scan.inherited.WrapperUser                    | listAll    | calls      | dev.tenancy.archunit.fixtures.scan.inherited.AuditingDynamoDbClient.scan(software.amazon.awssdk.services.dynamodb.model.ScanRequest)
				""")
		void failsOnScan(String fixtureCase, String fixtureClass, String method, String verb, String target) {
			List<String> violations = violations(this.rule, classes(fixtureCase), FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(member("Method", fixtureClass, method))
				.contains("> " + verb + " method <" + target + ">"));
		}

		@Test
		void reportsOnlyTheScanningClassesOfACase() {
			List<String> violations = violations(this.rule, classes("scan.inherited"), FIX);
			assertThat(violations).hasSize(2)
				.noneMatch(line -> line.contains("BaseDao") || line.startsWith(member("Method", "scan.inherited.DelegatingDynamoDbClient", "")));
		}

		@Test
		void checkThrowsWithTheReasonAndTheFix() {
			assertThatThrownBy(() -> this.rule.check(classes("scan.lambda"))).isInstanceOf(AssertionError.class)
				.hasMessageContaining("no classes should scan DynamoDB")
				.hasMessageContaining("reads every tenant's items")
				.hasMessageContaining(FIX)
				.hasMessageContaining(member("Method", "scan.lambda.LambdaScanner", "later"));
		}

		@Test
		void passesOnQueriesAndOnMethodsNamedScanOfOtherTypes() {
			assertPasses(this.rule, classes("scan.clean"));
		}

	}

	@Nested
	@DisplayName("NO_CLASSES_SHOULD_USE_PARTIQL (TH-4)")
	class NoPartiQl {

		private static final String FIX = "Use TenantScopedRepository methods instead";

		private final ArchRule rule = TenancyRules.NO_CLASSES_SHOULD_USE_PARTIQL;

		// TH-4
		@ParameterizedTest(name = "{0}: {1}.{2} {3} {4}")
		@CsvSource(delimiter = '|', textBlock = """
				partiql.sync  | partiql.sync.PartiQlReports | everything      | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbClient.executeStatement(java.util.function.Consumer)
				partiql.sync  | partiql.sync.PartiQlReports | batch           | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbClient.batchExecuteStatement(java.util.function.Consumer)
				partiql.sync  | partiql.sync.PartiQlReports | transaction     | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbClient.executeTransaction(software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest)
				partiql.async | partiql.async.AsyncPartiQl  | statementRunner | references | software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient.executeStatement(software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest)
				partiql.async | partiql.async.AsyncPartiQl  | transaction     | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient.executeTransaction(software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest)
				""")
		void failsOnPartiQl(String fixtureCase, String fixtureClass, String method, String verb, String target) {
			List<String> violations = violations(this.rule, classes(fixtureCase), FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(member("Method", fixtureClass, method))
				.contains("> " + verb + " method <" + target + ">"));
		}

		@Test
		void passesOnGetItemAndOnMethodsWithPartiQlNamesOfOtherTypes() {
			assertPasses(this.rule, classes("partiql.clean"));
		}

	}

	@Nested
	@DisplayName("UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES")
	class UnscopedClients {

		private static final String FIX = "create clients only in packages ['..config..', '..configuration..'], or allow another package with tenancy.allowedClientPackages in archunit.properties";

		private final ArchRule rule = TenancyRules.UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES;

		@ParameterizedTest(name = "{0} <{1}.{2}> {3}")
		@CsvSource(delimiter = '|', textBlock = """
				Field  | unscopedclient.violating.service.ReportService         | projects         | has type <software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable>
				Method | unscopedclient.violating.service.AdHocClientService    | serviceName      | calls method <software.amazon.awssdk.services.dynamodb.DynamoDbClient.create()>
				Method | unscopedclient.violating.service.EnhancedClientService | newClientBuilder | calls method <software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient.builder()>
				Field  | unscopedclient.violating.service.WrappedClientService  | client           | has type <dev.tenancy.archunit.fixtures.unscopedclient.violating.config.TracingDynamoDbClient>
				""")
		void failsOnClientsOutsideConfigurationPackages(String kind, String fixtureClass, String member, String usage) {
			List<String> violations = violations(this.rule, classes("unscopedclient.violating"), FIX);
			String start = (kind.equals("Field") ? "Field <" + Fixtures.PACKAGE + fixtureClass + "." + member + ">"
					: member(kind, fixtureClass, member));
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(start).contains(usage));
		}

		@Test
		void allowsClientsInConfigurationPackages() {
			List<String> violations = violations(this.rule, classes("unscopedclient.violating"), FIX);
			assertThat(violations).isNotEmpty().allSatisfy(line -> assertThat(line).contains(".violating.service."))
				.noneMatch(line -> line.startsWith("Method <" + Fixtures.PACKAGE + "unscopedclient.violating.config."));
		}

		@Test
		void passesWhenOnlyConfigurationPackagesTouchClients() {
			assertPasses(this.rule, classes("unscopedclient.clean"));
		}

		@Test
		void passesWhenEveryClassIsInAnAllowedPackage() {
			assertPasses(this.rule, classes("unscopedclient.clean.config"));
		}

		@Test
		void factoryUsesTheGivenPackagesInsteadOfTheDefaults() {
			ArchRule custom = TenancyRules.unscopedDynamoDbClientsShouldOnlyBeUsedIn("..service..");
			List<String> violations = violations(custom, classes("unscopedclient.violating"),
					"create clients only in packages ['..service..']");
			assertThat(custom.getDescription()).startsWith("no classes that reside outside of packages ['..service..']");
			assertThat(violations).anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "unscopedclient.violating.config.DynamoDbConfig", "dynamoDbClient"))
				.contains("DynamoDbClient.builder()"))
				.noneMatch(line -> line.contains("violating.service.ReportService"));
		}

		@Test
		void factoryWithoutPackagesAllowsNone() {
			ArchRule none = TenancyRules.unscopedDynamoDbClientsShouldOnlyBeUsedIn();
			List<String> violations = violations(none, classes("unscopedclient.clean"),
					"create clients only in an allowed package (none is allowed yet)");
			assertThat(none.getDescription()).startsWith("no classes should use unscoped DynamoDB clients");
			assertThat(violations).anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "unscopedclient.clean.config.DynamoDbConfig", "dynamoDbAsyncClient")));
		}

		@Test
		void defaultingOverloadEqualsTheConstant() {
			assertThat(TenancyRules.unscopedDynamoDbClientsShouldOnlyBeUsedInConfigurationPackages().getDescription())
				.isEqualTo(this.rule.getDescription());
		}

	}

	@Nested
	@DisplayName("TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY")
	class Repositories {

		private static final String FIX = "Annotate the interface (or a super-interface) with @TenantScoped";

		private final ArchRule rule = TenancyRules.TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY;

		@Test
		void failsOnARepositoryWithoutTenancy() {
			List<String> violations = violations(this.rule, classes("repository.violating"), FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line)
				.startsWith("Class <" + Fixtures.PACKAGE + "repository.violating.UnannotatedProjectRepository>")
				.contains("is annotated with neither @TenantScoped nor @CrossTenant"));
		}

		@Test
		void failsOnARepositoryWithBothAnnotations() {
			List<String> violations = violations(this.rule, classes("repository.violating"), FIX);
			assertThat(violations).hasSize(2)
				.anySatisfy(line -> assertThat(line)
					.startsWith("Class <" + Fixtures.PACKAGE + "repository.violating.AmbiguousProjectRepository>")
					.contains("is annotated with both @TenantScoped and @CrossTenant"));
		}

		@Test
		void passesOnDirectMetaInheritedAndCrossTenantAnnotationsAndSkipsNoRepositoryBeans() {
			JavaClasses classes = classes("repository.clean");
			assertThat(classes.stream().filter(TenancyPredicates.TENANT_SCOPED_REPOSITORIES))
				.extracting(type -> type.getSimpleName())
				.containsExactlyInAnyOrder("ScopedProjectRepository", "LoginRepository", "InheritingProjectRepository",
						"MetaAnnotatedProjectRepository");
			assertPasses(this.rule, classes);
		}

		@Test
		void passesOnAnApplicationWithoutRepositories() {
			assertPasses(this.rule, classes("scan.clean"));
		}

	}

	@Nested
	@DisplayName("CROSS_TENANT_CODE_SHOULD_ONLY_RESIDE_IN_CROSS_TENANT_PACKAGES")
	class CrossTenantCode {

		private static final String FIX = "Move it into packages ['..admin..', '..jobs..']";

		private final ArchRule rule = TenancyRules.CROSS_TENANT_CODE_SHOULD_ONLY_RESIDE_IN_CROSS_TENANT_PACKAGES;

		@Test
		void failsOnACrossTenantMethodOutsideTheAllowedPackages() {
			List<String> violations = violations(this.rule, classes("crosstenant.violating"), FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "crosstenant.violating.web.LoginController", "tenantOf"))
				.contains("is annotated with @CrossTenant"));
		}

		@Test
		void failsOnACrossTenantClassOutsideTheAllowedPackages() {
			List<String> violations = violations(this.rule, classes("crosstenant.violating"), FIX);
			assertThat(violations).hasSize(2)
				.anySatisfy(line -> assertThat(line)
					.startsWith("Class <" + Fixtures.PACKAGE + "crosstenant.violating.web.TenantDirectory>")
					.contains("is annotated with @CrossTenant"))
				.noneMatch(line -> line.contains("TenantStatistics") || line.contains("greet("));
		}

		@Test
		void passesOnCrossTenantCodeInAdminAndJobsPackages() {
			assertPasses(this.rule, classes("crosstenant.clean"));
		}

		@Test
		void factoryUsesTheGivenPackages() {
			ArchRule custom = TenancyRules.crossTenantCodeShouldOnlyResideIn("..web..");
			List<String> violations = violations(custom, classes("crosstenant.violating"),
					"Move it into packages ['..web..']");
			assertThat(violations).singleElement()
				.satisfies(line -> assertThat(line)
					.startsWith("Class <" + Fixtures.PACKAGE + "crosstenant.violating.admin.TenantStatistics>"));
		}

	}

	@Nested
	@DisplayName("TENANT_SWITCHING_SHOULD_ONLY_HAPPEN_IN_CROSS_TENANT_PACKAGES")
	class TenantSwitching {

		private static final String FIX = "Let @TenantScoped resolve the tenant from the principal";

		private final ArchRule rule = TenancyRules.TENANT_SWITCHING_SHOULD_ONLY_HAPPEN_IN_CROSS_TENANT_PACKAGES;

		@ParameterizedTest(name = "{0}.{1} {2} {3}")
		@CsvSource(delimiter = '|', textBlock = """
				switching.violating.web.ReportController      | rebuild     | calls      | dev.tenancy.context.TenantContext.runAs(dev.tenancy.context.TenantId, java.lang.Runnable)
				switching.violating.web.ReportController      | count       | calls      | dev.tenancy.context.TenantContext.callAs(dev.tenancy.context.TenantId, java.util.function.Supplier)
				switching.violating.web.ImpersonationFilter   | impersonate | calls      | dev.tenancy.context.TenantContext.switchTo(dev.tenancy.context.TenantId)
				switching.violating.web.ImpersonationFilter   | open        | calls      | dev.tenancy.context.TenantContext.open(dev.tenancy.context.TenantId)
				switching.violating.web.SwitchReference       | switcher    | references | dev.tenancy.context.TenantContext.switchTo(dev.tenancy.context.TenantId)
				""")
		void failsOnExplicitSwitchingOutsideTheAllowedPackages(String fixtureClass, String method, String verb,
				String target) {
			List<String> violations = violations(this.rule, classes("switching.violating"), FIX);
			assertThat(violations).hasSize(5)
				.anySatisfy(line -> assertThat(line).startsWith(member("Method", fixtureClass, method))
					.contains("> " + verb + " method <" + target + ">"))
				.noneMatch(line -> line.contains("NightlyJob"));
		}

		@Test
		void passesOnSwitchingInJobsAndAdminAndOnReadingOrPropagatingTheTenant() {
			assertPasses(this.rule, classes("switching.clean"));
		}

		@Test
		void factoryUsesTheGivenPackages() {
			ArchRule custom = TenancyRules.tenantSwitchingShouldOnlyHappenIn("..web..");
			List<String> violations = violations(custom, classes("switching.violating"),
					"choose tenants explicitly only in packages ['..web..']");
			assertThat(violations).singleElement()
				.satisfies(line -> assertThat(line)
					.startsWith(member("Method", "switching.violating.jobs.NightlyJob", "run"))
					.contains("TenantContext.runAs("));
		}

	}

	@Nested
	@DisplayName("NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS (TH-9)")
	class SelfInvocation {

		private static final String FIX = "move the method to another bean and inject that bean";

		private final ArchRule rule = TenancyRules.NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS;

		// TH-9: a self-invocation skips the interceptor and with it the nested-scope check
		@ParameterizedTest(name = "{0}: {1}.{2} {3} {4}")
		@CsvSource(delimiter = '|', textBlock = """
				selfinvocation.methodlevel | selfinvocation.methodlevel.ProjectService | importAll   | calls      | selfinvocation.methodlevel.ProjectService.sync()
				selfinvocation.classlevel  | selfinvocation.classlevel.ReportService   | refreshLater | calls     | selfinvocation.classlevel.ReportService.load()
				selfinvocation.lambda      | selfinvocation.lambda.ExportService       | exportLater | calls      | selfinvocation.lambda.ExportService.export()
				selfinvocation.lambda      | selfinvocation.lambda.ExportService       | exportSoon  | references | selfinvocation.lambda.ExportService.export()
				selfinvocation.inherited   | selfinvocation.inherited.ChildService     | run         | calls      | selfinvocation.inherited.ChildService.refresh()
				selfinvocation.inner       | selfinvocation.inner.ScheduledService$1   | run         | calls      | selfinvocation.inner.ScheduledService.tick()
				""")
		void failsOnSelfInvocation(String fixtureCase, String fixtureClass, String method, String verb, String target) {
			List<String> violations = violations(this.rule, classes(fixtureCase), FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(member("Method", fixtureClass, method))
				.contains(" " + verb + " @TenantScoped method <" + Fixtures.PACKAGE + target + ">")
				.contains("bypassing the Spring proxy"));
		}

		@Test
		void ignoresStaticHelpersAndCallsFromInsideTheScopeOfATenantScopedClass() {
			List<String> violations = violations(this.rule, classes("selfinvocation.classlevel"), FIX);
			assertThat(violations).hasSize(3).allSatisfy(line -> assertThat(line).contains("ReportService.load()"));
		}

		@Test
		void passesOnCallsThroughOtherBeansPrivateHelpersAndRepositoryDefaultMethods() {
			assertPasses(this.rule, classes("selfinvocation.clean", "repository.clean"));
		}

	}

	@Nested
	class PackageIdentifiers {

		@Test
		void rejectsInvalidPackageIdentifiers() {
			assertThatThrownBy(() -> TenancyRules.crossTenantCodeShouldOnlyResideIn("..admin..", "...jobs"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Package identifier '...jobs' given to crossTenantCodeShouldOnlyResideIn is invalid: "
						+ "Package Identifier may not contain more than two '.' in a row. Use ArchUnit package syntax "
						+ "such as '..config..'.");
		}

		@Test
		void rejectsBlankPackageIdentifiers() {
			assertThatThrownBy(() -> TenancyRules.tenantSwitchingShouldOnlyHappenIn(" "))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Package identifiers given to tenantSwitchingShouldOnlyHappenIn must not be null or blank; "
						+ "use ArchUnit package syntax such as '..config..'.");
		}

	}

	@Test
	void frozenWrapsTheRuleWithItsDescription() {
		assertThat(TenancyRules.frozen(TenancyRules.NO_CLASSES_SHOULD_USE_PARTIQL).getDescription())
			.isEqualTo(TenancyRules.NO_CLASSES_SHOULD_USE_PARTIQL.getDescription());
	}

	@Test
	void everyRuleExplainsItself() {
		assertThat(TenancyRuleSet.defaults().rules()).hasSize(11)
			.allSatisfy(rule -> assertThat(rule.getDescription()).contains(", because "));
	}

	@Test
	void rulesReferToTenancyAndSdkTypesByNameOnly() {
		// Direct dependencies suffice; resolving their hierarchies from the class path would only slow the import.
		JavaClasses library = ArchConfiguration.withThreadLocalScope(configuration -> {
			configuration.setResolveMissingDependenciesFromClassPath(false);
			return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.tenancy.archunit");
		});
		assertThat(library.stream().map(type -> type.getSimpleName())).contains("TenancyRules", "TenancyArchTests");
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("software.amazon..", "io.awspring..", "dev.tenancy.annotation..", "dev.tenancy.context..",
					"dev.tenancy.repository..", "dev.tenancy.dynamodb..", "dev.tenancy.aop..", "org.springframework..",
					"org.junit..")
			.because("the rules must run without the AWS SDK, Spring Cloud AWS, tenancy-core, Spring or a test engine "
					+ "on the class path")
			.check(library);
	}

}
