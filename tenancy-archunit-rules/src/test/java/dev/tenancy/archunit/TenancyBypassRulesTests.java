package dev.tenancy.archunit;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.tenancy.archunit.Fixtures.assertPasses;
import static dev.tenancy.archunit.Fixtures.classes;
import static dev.tenancy.archunit.Fixtures.member;
import static dev.tenancy.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TH-24: the ways around the rules found in issue #12, each reproduced on a fixture that the rules let through
 * before, and the rules getting in the way of ordinary code.
 */
class TenancyBypassRulesTests {

	private static final String UNSCOPED_FIX = "Reach DynamoDB through a TenantScopedRepository instead";

	private static final String SCAN_FIX = "Read through a TenantScopedRepository instead";

	private static final String PARTIQL_FIX = "Use TenantScopedRepository methods instead";

	private final TenancyRuleSet defaults = TenancyRuleSet.defaults();

	@Test
	@DisplayName("TH-24 (#12 §2): the default rules report every bypass of the finding")
	void th24DefaultRulesReportEveryBypassOfTheFinding() {
		EvaluationResult result = this.defaults.all()
			.evaluate(classes("springcloudaws.violating", "streams.violating", "reflection.violating",
					"resolver.violating"));
		assertThat(result.getFailureReport().getDetails())
			.anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "springcloudaws.violating.service.TemplateReportService", "everything"))
				.contains("calls method <io.awspring.cloud.dynamodb.DynamoDbTemplate.scanAll(java.lang.Class)>"))
			.anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "springcloudaws.violating.service.OperationsLoader", "later"))
				.contains("calls method <io.awspring.cloud.dynamodb.DynamoDbOperations.load("))
			.anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "streams.violating.service.StreamReader", "read"))
				.contains("DynamoDbStreamsClient.getRecords("))
			.anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "reflection.violating.service.ReflectiveScanner", "scan"))
				.contains("calls method <java.lang.reflect.Method.invoke("))
			.anySatisfy(line -> assertThat(line)
				.startsWith("Class <" + Fixtures.PACKAGE + "resolver.violating.web.HeaderTenantResolver>")
				.contains("implements TenantResolver"));
	}

	@Nested
	@DisplayName("TH-24 Spring Cloud AWS DynamoDB types")
	class SpringCloudAws {

		@ParameterizedTest(name = "{0} <{1}.{2}> {3}")
		@CsvSource(delimiter = '|', textBlock = """
				Field       | springcloudaws.violating.service.TemplateReportService  | template   | has type <io.awspring.cloud.dynamodb.DynamoDbTemplate>
				Method      | springcloudaws.violating.service.TemplateReportService  | everything | calls method <io.awspring.cloud.dynamodb.DynamoDbTemplate.scanAll(java.lang.Class)>
				Method      | springcloudaws.violating.service.OperationsLoader       | later      | calls method <io.awspring.cloud.dynamodb.DynamoDbOperations.load(software.amazon.awssdk.enhanced.dynamodb.Key, java.lang.Class)>
				Method      | springcloudaws.violating.service.ScanAllReference       | scanner    | references method <io.awspring.cloud.dynamodb.DynamoDbOperations.scanAll(java.lang.Class)>
				Class       | springcloudaws.violating.service.AuditingTemplate       |            | extends class <io.awspring.cloud.dynamodb.DynamoDbTemplate>
				Method      | springcloudaws.violating.service.InheritingTemplateUser | find       | calls method <dev.tenancy.archunit.fixtures.springcloudaws.violating.service.AuditingTemplate.load(
				""")
		void th24TemplatesAndOperationsAreUnscopedClients(String kind, String fixtureClass, String member,
				String usage) {
			List<String> violations = violations(TenancyRules.UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES,
					classes("springcloudaws.violating"), UNSCOPED_FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(start(kind, fixtureClass, member))
				.contains(usage));
		}

		@ParameterizedTest(name = "{0}.{1} {2} {3}")
		@CsvSource(delimiter = '|', textBlock = """
				springcloudaws.violating.service.TemplateReportService | everything | calls      | io.awspring.cloud.dynamodb.DynamoDbTemplate.scanAll(java.lang.Class)
				springcloudaws.violating.service.ScanAllReference      | scanner    | references | io.awspring.cloud.dynamodb.DynamoDbOperations.scanAll(java.lang.Class)
				""")
		void th24ScanAllIsAScan(String fixtureClass, String method, String verb, String target) {
			List<String> violations = violations(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB,
					classes("springcloudaws.violating"), SCAN_FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(member("Method", fixtureClass, method))
				.contains("> " + verb + " method <" + target + ">"));
		}

		@Test
		void th24TemplatesInConfigurationAndTheTableNameSpiElsewherePass() {
			assertPasses(defaults.all(), classes("springcloudaws.clean"));
		}

	}

	@Nested
	@DisplayName("TH-24 DynamoDB Streams clients")
	class Streams {

		@ParameterizedTest(name = "{0} <{1}.{2}> {3}")
		@CsvSource(delimiter = '|', textBlock = """
				Field  | streams.violating.service.StreamReader       | streams | has type <software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient>
				Method | streams.violating.service.StreamReader       | read    | calls method <software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.getRecords(java.util.function.Consumer)>
				Method | streams.violating.service.AsyncStreamReader  | later   | calls method <software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient.getRecords(java.util.function.Consumer)>
				Method | streams.violating.service.StreamReference    | reader  | references method <software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.getRecords(software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest)>
				Method | streams.violating.service.StreamConsumerBase | streams | calls method <software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.create()>
				""")
		void th24StreamsClientsAreUnscopedClients(String kind, String fixtureClass, String member, String usage) {
			List<String> violations = violations(TenancyRules.UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES,
					classes("streams.violating"), UNSCOPED_FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(start(kind, fixtureClass, member))
				.contains(usage));
		}

		@Test
		void th24StreamsInConfigurationAndInCrossTenantCodePass() {
			assertPasses(defaults.all(), classes("streams.clean"));
		}

	}

	@Nested
	@DisplayName("TH-24 async clients cannot escape the rules of the sync ones")
	class AsyncClients {

		@ParameterizedTest(name = "{0}.{1} {2} {3}")
		@CsvSource(delimiter = '|', textBlock = """
				async.violating.AsyncScanLater     | later | calls      | software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient.scan(java.util.function.Consumer)
				async.violating.AsyncScanReference | pages | references | software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable.scan()
				""")
		void th24AsyncScan(String fixtureClass, String method, String verb, String target) {
			List<String> violations = violations(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB,
					classes("async.violating"), SCAN_FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(member("Method", fixtureClass, method))
				.contains("> " + verb + " method <" + target + ">"));
		}

		@Test
		void th24AsyncPartiQlThroughAnInheritedClient() {
			List<String> violations = violations(TenancyRules.NO_CLASSES_SHOULD_USE_PARTIQL, classes("async.violating"),
					PARTIQL_FIX);
			assertThat(violations).singleElement()
				.satisfies(line -> assertThat(line)
					.startsWith(member("Method", "async.violating.AsyncInheritingDao", "everything"))
					.contains("DynamoDbAsyncClient.executeStatement(java.util.function.Consumer)"));
		}

		@ParameterizedTest(name = "{0} <{1}.{2}> {3}")
		@CsvSource(delimiter = '|', textBlock = """
				Field  | async.violating.AsyncEnhancedService | client     | has type <software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient>
				Field  | async.violating.AsyncBaseDao         | client     | has type <software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient>
				Method | async.violating.AsyncScanReference   | pages      | has parameter of type <software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable>
				Method | async.violating.AsyncInheritingDao   | everything | calls method <software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient.executeStatement(
				""")
		void th24AsyncClientsAreUnscopedClients(String kind, String fixtureClass, String member, String usage) {
			List<String> violations = violations(TenancyRules.UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES,
					classes("async.violating"), UNSCOPED_FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(start(kind, fixtureClass, member))
				.contains(usage));
		}

	}

	@Nested
	@DisplayName("TH-19/TH-24 request overrides of credentials, signer, plugins")
	class RequestOverrides {

		private static final String FIX = "Leave credentials, signing and plugins to the tenancy library";

		private final ArchRule rule = TenancyRules.NO_CLASSES_SHOULD_OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS;

		@ParameterizedTest(name = "{0} <{1}.{2}> {3}")
		@CsvSource(delimiter = '|', textBlock = """
				Method      | overrides.violating.CredentialsOverride | request  | calls method <software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration$Builder.credentialsProvider(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider)>
				Constructor | overrides.violating.PluginOverride      | <init>   | calls method <software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration$Builder.addPlugin(software.amazon.awssdk.core.SdkPlugin)>
				Method      | overrides.violating.SignerReference     | signer   | references method <software.amazon.awssdk.core.RequestOverrideConfiguration$Builder.signer(software.amazon.awssdk.core.signer.Signer)>
				Method      | overrides.violating.InheritingOverride  | override | calls method <software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration$Builder.executionAttributes(software.amazon.awssdk.core.interceptor.ExecutionAttributes)>
				""")
		void th19RequestOverridesThatReplaceCredentialsSignerOrPluginsFail(String kind, String fixtureClass,
				String member, String usage) {
			List<String> violations = violations(this.rule, classes("overrides.violating"), FIX);
			assertThat(violations).hasSize(4)
				.anySatisfy(line -> assertThat(line).startsWith(start(kind, fixtureClass, member)).contains(usage))
				.noneMatch(line -> line.contains("OverrideBase"));
		}

		@Test
		void th19TimeoutsAndHeadersPass() {
			assertPasses(this.rule, classes("overrides.clean"));
		}

	}

	@Nested
	@DisplayName("TH-24 reflective invocation of DynamoDB clients")
	class Reflection {

		private static final String FIX = "Call DynamoDB through a TenantScopedRepository";

		private final ArchRule rule = TenancyRules.NO_CLASSES_SHOULD_INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY;

		@ParameterizedTest(name = "{0}.{1} {2} {3}")
		@CsvSource(delimiter = '|', textBlock = """
				reflection.violating.service.ReflectiveScanner           | scan      | calls      | java.lang.Class.getMethod(java.lang.String, [Ljava.lang.Class;)
				reflection.violating.service.ReflectiveScanner           | scan      | calls      | java.lang.reflect.Method.invoke(java.lang.Object, [Ljava.lang.Object;)
				reflection.violating.service.DeclaredMethodLookup        | scanAll   | calls      | java.lang.Class.getDeclaredMethod(java.lang.String, [Ljava.lang.Class;)
				reflection.violating.service.MethodHandleScanner         | scan      | calls      | java.lang.invoke.MethodHandles$Lookup.findVirtual(java.lang.Class, java.lang.String, java.lang.invoke.MethodType)
				reflection.violating.service.InvokeReference             | invoker   | references | java.lang.reflect.Method.invoke(java.lang.Object, [Ljava.lang.Object;)
				reflection.violating.service.InheritingReflectiveScanner | invoke    | calls      | java.lang.reflect.Method.invoke(java.lang.Object, [Ljava.lang.Object;)
				""")
		void th24ReflectionInCodeThatTouchesDynamoDbFails(String fixtureClass, String method, String verb,
				String target) {
			List<String> violations = violations(this.rule, classes("reflection.violating"), FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(member("Method", fixtureClass, method))
				.contains("> " + verb + " method <" + target + ">"))
				.noneMatch(line -> line.contains("ClientHolder"));
		}

		@Test
		void th24ReflectionElsewhereAndDynamoDbWithoutReflectionPass() {
			assertPasses(this.rule, classes("reflection.clean", "unscopedclient.clean", "scan.clean"));
		}

	}

	@Nested
	@DisplayName("TH-24 TenantResolver and AccessVariantResolver implementations only in allowed packages")
	class TenantResolvers {

		private static final String FIX = "Resolve the tenant only from authenticated data";

		private final ArchRule rule = TenancyRules.TENANT_RESOLVERS_SHOULD_ONLY_BE_IMPLEMENTED_IN_SECURITY_PACKAGES;

		@ParameterizedTest(name = "{0} <{1}.{2}> {3}")
		@CsvSource(delimiter = '|', textBlock = """
				Class  | resolver.violating.web.HeaderTenantResolver  |               | implements TenantResolver
				Class  | resolver.violating.web.ImpersonatingResolver |               | implements TenantResolver
				Method | resolver.violating.web.ResolverFactory       | fromParameter | returns a TenantResolver
				Method | resolver.violating.web.ResolverFactory       | fromMethod    | returns a TenantResolver
				Method | resolver.violating.web.ResolverFactory       | composite     | creates a TenantResolver
				Constructor | resolver.violating.web.ResolverField    | <init>        | creates a TenantResolver <dev.tenancy.context.SecurityContextTenantResolver>
				Class  | resolver.violating.web.HeaderAccessVariantResolver |  | implements AccessVariantResolver
				Method | resolver.violating.web.VariantResolverFactory | fromParameter | returns an AccessVariantResolver
				Constructor | resolver.violating.web.VariantResolverFactory | <init> | creates an AccessVariantResolver <dev.tenancy.archunit.fixtures.resolver.violating.web.HeaderAccessVariantResolver>
				""")
		void th24ResolversOutsideTheAllowedPackagesFail(String kind, String fixtureClass, String member,
				String usage) {
			List<String> violations = violations(this.rule, classes("resolver.violating"), FIX);
			assertThat(violations).hasSize(9)
				.anySatisfy(line -> assertThat(line).startsWith(start(kind, fixtureClass, member)).contains(usage))
				.noneMatch(line -> line.contains("violating.security."))
				.allSatisfy(line -> assertThat(line).doesNotContain("$"));
		}

		@Test
		void th24ResolversInSecurityPackagesAndCodeUsingOnePass() {
			assertPasses(this.rule, classes("resolver.clean"));
		}

		@Test
		void th24MessageSaysToTrustOnlyAuthenticatedDataAndNamesTheKey() {
			assertThat(this.rule.getDescription()).contains("never a request header or parameter")
				.contains("tenancy.allowedTenantResolverPackages");
		}

		@Test
		void th24FactoryUsesTheGivenPackages() {
			List<String> violations = violations(TenancyRules.tenantResolversShouldOnlyBeImplementedIn("..web.."),
					classes("resolver.violating"), "packages ['..web..']");
			assertThat(violations).singleElement()
				.satisfies(line -> assertThat(line).contains("resolver.violating.security.PrincipalTenantResolver"));
		}

	}

	@Nested
	@DisplayName("TH-24 TenancyAdminClient only in allowed packages")
	class AdminClient {

		private static final String FIX = "tenancy.allowedAdminClientPackages";

		private final ArchRule rule = TenancyRules.TENANCY_ADMIN_CLIENT_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES;

		@ParameterizedTest(name = "{0} <{1}.{2}> {3}")
		@CsvSource(delimiter = '|', textBlock = """
				Field  | adminclient.violating.service.ReindexService        | admin    | has type <dev.tenancy.dynamodb.TenancyAdminClient>
				Method | adminclient.violating.service.AdminLambdas          | later    | calls method <dev.tenancy.dynamodb.TenancyAdminClient.dynamoDbClient()>
				Method | adminclient.violating.service.AdminLambdas          | enhanced | references method <dev.tenancy.dynamodb.TenancyAdminClient.enhancedClient()>
				Method | adminclient.violating.service.MigrationBase         | admin    | has return type <dev.tenancy.dynamodb.TenancyAdminClient>
				Field  | adminclient.violating.admin.CrossTenantStatistics   | admin    | has type <dev.tenancy.dynamodb.TenancyAdminClient>
				""")
		void th24AdminClientOutsideTheAllowedPackagesFails(String kind, String fixtureClass, String member,
				String usage) {
			List<String> violations = violations(this.rule, classes("adminclient.violating"), FIX);
			assertThat(violations).anySatisfy(line -> assertThat(line).startsWith(start(kind, fixtureClass, member))
				.contains(usage));
		}

		@Test
		void th24AdminClientInConfigurationPasses() {
			assertPasses(this.rule, classes("adminclient.clean.config"));
		}

		@Test
		void th24AnAdminClientPackageMayAlsoUseTheClientsTheAdminClientHandsOut() {
			TenancyRuleSet rules = TenancyRules.configure().allowAdminClientIn("..config..", "..migration..").build();
			assertPasses(rules.all(), classes("adminclient.clean"));
			List<String> withoutMigration = violations(defaults.all(), classes("adminclient.clean"), FIX);
			assertThat(withoutMigration).isNotEmpty()
				.allSatisfy(line -> assertThat(line).contains("adminclient.clean.migration.CreateTables"));
		}

	}

	@Nested
	@DisplayName("TH-24 @CrossTenant code and the unscoped-client rule: one list of packages")
	class CrossTenantCodeAndClients {

		private final ArchRule rule = TenancyRules.UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES;

		@Test
		void th24CrossTenantClassesMethodsTheirLambdasAndAnonymousClassesMayUseTheCrossTenantClient() {
			assertPasses(defaults.all(), classes("crosstenantclient.clean"));
		}

		@Test
		void th24CodeThatIsNotCrossTenantAndClientsBuiltInCrossTenantCodeStillFail() {
			List<String> violations = violations(this.rule, classes("crosstenantclient.violating"), UNSCOPED_FIX);
			assertThat(violations).hasSize(2)
				.anySatisfy(line -> assertThat(line)
					.startsWith(member("Method", "crosstenantclient.violating.admin.MixedDirectory", "unannotated"))
					.contains("calls method <software.amazon.awssdk.services.dynamodb.DynamoDbClient.getItem("))
				.anySatisfy(line -> assertThat(line)
					.startsWith(member("Method", "crosstenantclient.violating.admin.MixedDirectory", "ownClient"))
					.contains("calls method <software.amazon.awssdk.services.dynamodb.DynamoDbClient.create()>"))
				.noneMatch(line -> line.startsWith(member("Method", "crosstenantclient.violating.admin.MixedDirectory", "count")));
		}

	}

	@Nested
	@DisplayName("TH-9/TH-24 self-invocation: only calls that can change the tenant")
	class SelfInvocation {

		private static final String FIX = "move the method to another bean and inject that bean";

		private final ArchRule rule = TenancyRules.NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS;

		@ParameterizedTest(name = "{0}.{1}: {2}")
		@CsvSource(delimiter = '|', textBlock = """
				Constructor | selfinvocation.classlevel.ReportService | <init>       | from a constructor
				Method      | selfinvocation.classlevel.ReportService | refreshLater | from a lambda
				Method      | selfinvocation.classlevel.ReportService | reload       | which does not run in the tenant scope itself
				""")
		void th24CallsFromCodeOutsideTheScopeFail(String kind, String fixtureClass, String member, String reason) {
			List<String> violations = violations(this.rule, classes("selfinvocation.classlevel"), FIX);
			assertThat(violations).hasSize(3)
				.anySatisfy(line -> assertThat(line).startsWith(member(kind, fixtureClass, member))
					.contains("calls @TenantScoped method <" + Fixtures.PACKAGE
							+ "selfinvocation.classlevel.ReportService.load()>")
					.contains(reason));
		}

		@Test
		void th24ClassLevelServicesCallingTheirOwnMethodsFromInsideTheScopePass() {
			List<String> violations = violations(this.rule, classes("selfinvocation.classlevel"), FIX);
			assertThat(violations).noneMatch(line -> line.contains(".report()") || line.contains(".render(")
					|| line.contains(".format("));
			assertPasses(this.rule, classes("selfinvocation.clean"));
		}

	}

	@Test
	@DisplayName("TH-24 every rule names its fix and the archunit.properties key that configures it")
	void th24EveryRuleNamesTheKeyThatConfiguresIt() {
		assertThat(this.defaults.rules()).hasSize(11)
			.allSatisfy(rule -> assertThat(rule.getDescription()).containsPattern("tenancy\\.[a-zA-Z]+ in archunit\\.properties"));
		assertThat(this.defaults.unscopedDynamoDbClientsShouldOnlyBeUsedInAllowedPackages().getDescription())
			.contains("tenancy.allowedClientPackages")
			.contains("tenant's STS session")
			.doesNotContain("a DynamoDB client, table or index used outside the tenancy library signs requests with "
					+ "the application's base credentials");
		assertThat(this.defaults.crossTenantCodeShouldOnlyResideInAllowedPackages().getDescription())
			.contains("tenancy.allowedCrossTenantPackages");
		assertThat(this.defaults.tenancyAdminClientShouldOnlyBeUsedInAllowedPackages().getDescription())
			.contains("tenancy.allowedAdminClientPackages");
	}

	private static String start(String kind, String fixtureClass, String member) {
		return switch (kind) {
			case "Class" -> "Class <" + Fixtures.PACKAGE + fixtureClass + ">";
			case "Field" -> "Field <" + Fixtures.PACKAGE + fixtureClass + "." + member + ">";
			default -> member(kind, fixtureClass, member);
		};
	}

}
