package dev.tenancy.archunit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.tenancy.archunit.Fixtures.classes;
import static dev.tenancy.archunit.Fixtures.member;
import static dev.tenancy.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenancyRuleSetTests {

	@Nested
	class Builder {

		@Test
		void startsFromTheDefaultsWhichMatchTheConstants() {
			TenancyRuleSet rules = TenancyRules.configure().build();
			assertThat(rules.allowedClientPackages()).containsExactly("..config..", "..configuration..");
			assertThat(rules.allowedCrossTenantPackages()).containsExactly("..admin..", "..jobs..");
			assertThat(rules.allowedTenantResolverPackages()).containsExactly("..security..");
			assertThat(rules.allowedAdminClientPackages()).containsExactly("..config..", "..configuration..");
			assertThat(rules.isFrozen()).isFalse();
			assertThat(rules.rules()).extracting(ArchRule::getDescription)
				.containsExactly(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB.getDescription(),
						TenancyRules.NO_CLASSES_SHOULD_USE_PARTIQL.getDescription(),
						TenancyRules.UNSCOPED_DYNAMODB_CLIENTS_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES
							.getDescription(),
						TenancyRules.TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY.getDescription(),
						TenancyRules.CROSS_TENANT_CODE_SHOULD_ONLY_RESIDE_IN_CROSS_TENANT_PACKAGES.getDescription(),
						TenancyRules.TENANT_SWITCHING_SHOULD_ONLY_HAPPEN_IN_CROSS_TENANT_PACKAGES.getDescription(),
						TenancyRules.NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS.getDescription(),
						TenancyRules.NO_CLASSES_SHOULD_OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS.getDescription(),
						TenancyRules.NO_CLASSES_SHOULD_INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY.getDescription(),
						TenancyRules.TENANT_RESOLVERS_SHOULD_ONLY_BE_IMPLEMENTED_IN_SECURITY_PACKAGES.getDescription(),
						TenancyRules.TENANCY_ADMIN_CLIENT_SHOULD_ONLY_BE_USED_IN_CONFIGURATION_PACKAGES.getDescription());
		}

		@Test
		void allowedPackagesReplaceTheDefaults() {
			TenancyRuleSet rules = TenancyRules.configure()
				.allowUnscopedClientsIn("..service..")
				.allowCrossTenantIn("..web..")
				.build();
			List<String> clientViolations = violations(rules.unscopedDynamoDbClientsShouldOnlyBeUsedInAllowedPackages(),
					classes("unscopedclient.violating"), "create clients only in packages ['..service..']");
			assertThat(clientViolations).isNotEmpty()
				.allSatisfy(line -> assertThat(line).contains(".unscopedclient.violating.config."));
			List<String> crossTenantViolations = violations(rules.crossTenantCodeShouldOnlyResideInAllowedPackages(),
					classes("crosstenant.violating"), "Move it into packages ['..web..']");
			assertThat(crossTenantViolations).singleElement()
				.satisfies(line -> assertThat(line).contains("crosstenant.violating.admin.TenantStatistics"));
			List<String> switchingViolations = violations(rules.tenantSwitchingShouldOnlyHappenInAllowedPackages(),
					classes("switching.violating"), "choose tenants explicitly only in packages ['..web..']");
			assertThat(switchingViolations).singleElement()
				.satisfies(line -> assertThat(line).startsWith(member("Method", "switching.violating.jobs.NightlyJob", "run")));
		}

		@Test
		void copiesPackagesDropsDuplicatesAndReturnsThemUnmodifiable() {
			List<String> packages = new ArrayList<>(List.of("..infrastructure..", "..config..", "..infrastructure.."));
			TenancyRuleSet rules = TenancyRules.configure().allowUnscopedClientsIn(packages).build();
			packages.clear();
			assertThat(rules.allowedClientPackages()).containsExactly("..infrastructure..", "..config..");
			assertThatThrownBy(() -> rules.allowedClientPackages().add("..web.."))
				.isInstanceOf(UnsupportedOperationException.class);
			assertThatThrownBy(() -> rules.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
		}

		@Test
		void noPackagesAllowsNone() {
			TenancyRuleSet rules = TenancyRules.configure().allowUnscopedClientsIn().build();
			assertThat(rules.allowedClientPackages()).isEmpty();
			List<String> violations = violations(rules.unscopedDynamoDbClientsShouldOnlyBeUsedInAllowedPackages(),
					classes("unscopedclient.clean"), "create clients only in an allowed package (none is allowed yet)");
			assertThat(violations)
				.anySatisfy(line -> assertThat(line).contains("unscopedclient.clean.configuration.TableConfiguration"));
		}

		@Test
		void rejectsInvalidPackageIdentifiersNamingTheSetter() {
			assertThatThrownBy(() -> TenancyRules.configure().allowUnscopedClientsIn("..config..", "com.acme.[a]"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("Package identifier 'com.acme.[a]' given to allowUnscopedClientsIn is invalid: ")
				.hasMessageEndingWith("Use ArchUnit package syntax such as '..config..'.");
		}

		@Test
		void toBuilderKeepsTheConfiguration() {
			TenancyRuleSet rules = TenancyRules.configure().allowCrossTenantIn("..ops..").frozen(true).build();
			assertThat(rules.toBuilder().allowTenantResolversIn("..auth..").allowAdminClientIn().build())
				.satisfies(copy -> assertThat(copy.allowedTenantResolverPackages()).containsExactly("..auth.."))
				.satisfies(copy -> assertThat(copy.allowedAdminClientPackages()).isEmpty());
			TenancyRuleSet copy = rules.toBuilder().build();
			assertThat(copy.allowedCrossTenantPackages()).containsExactly("..ops..");
			assertThat(copy.allowedClientPackages()).isEqualTo(TenancyRules.DEFAULT_ALLOWED_CLIENT_PACKAGES);
			assertThat(copy.isFrozen()).isTrue();
			assertThat(copy).hasToString(
					"TenancyRuleSet[allowedClientPackages=[..config.., ..configuration..], allowedCrossTenantPackages=[..ops..], "
							+ "allowedTenantResolverPackages=[..security..], allowedAdminClientPackages=[..config.., ..configuration..], "
							+ "frozen=true]");
		}

	}

	@Test
	void allReportsTheViolationsOfEveryRule() {
		EvaluationResult result = TenancyRuleSet.defaults()
			.all()
			.evaluate(classes("scan.enhanced", "repository.violating", "selfinvocation.methodlevel"));
		String report = result.getFailureReport().toString();
		assertThat(result.hasViolation()).isTrue();
		assertThat(report).contains(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB.getDescription())
			.contains(TenancyRules.TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY.getDescription())
			.contains(TenancyRules.NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS.getDescription());
		assertThat(result.getFailureReport().getDetails())
			.anySatisfy(line -> assertThat(line).startsWith(member("Method", "scan.enhanced.TableScanner", "all")))
			.anySatisfy(line -> assertThat(line).contains("repository.violating.UnannotatedProjectRepository"))
			.anySatisfy(line -> assertThat(line)
				.startsWith(member("Method", "selfinvocation.methodlevel.ProjectService", "importAll")));
	}

	@Test
	void allPassesOnACleanApplication() {
		EvaluationResult result = TenancyRuleSet.defaults().all().evaluate(classes("bundle.clean"));
		assertThat(result.hasViolation()).as("%s", result.getFailureReport()).isFalse();
	}

	@Nested
	class Freezing {

		@Test
		void frozenRuleSetFreezesEveryRule() {
			TenancyRuleSet frozen = TenancyRuleSet.defaults().frozen();
			assertThat(frozen.isFrozen()).isTrue();
			assertThat(frozen.rules()).hasSize(11).allSatisfy(rule -> assertThat(rule).isInstanceOf(FreezingArchRule.class));
			assertThat(TenancyRuleSet.defaults().rules()).noneSatisfy(
					rule -> assertThat(rule).isInstanceOf(FreezingArchRule.class));
		}

		@Test
		void frozenRuleAcceptsRecordedViolationsAndFailsOnNewOnes(@TempDir Path store) {
			ArchConfiguration.withThreadLocalScope(configuration -> {
				configuration.setProperty("freeze.store.default.path", store.toString());
				configuration.setProperty("freeze.store.default.allowStoreCreation", "true");

				EvaluationResult legacy = TenancyRules.frozen(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB)
					.evaluate(classes("scan.clientfield"));
				assertThat(legacy.hasViolation()).as("%s", legacy.getFailureReport()).isFalse();
				assertThat(store.resolve("stored.rules")).exists();

				EvaluationResult again = TenancyRules.frozen(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB)
					.evaluate(classes("scan.clientfield"));
				assertThat(again.hasViolation()).isFalse();

				EvaluationResult withNewScan = TenancyRules.frozen(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB)
					.evaluate(classes("scan.clientfield", "scan.lambda"));
				assertThat(withNewScan.hasViolation()).isTrue();
				assertThat(withNewScan.getFailureReport().getDetails()).singleElement()
					.satisfies(line -> assertThat(line).startsWith(member("Method", "scan.lambda.LambdaScanner", "later")));
			});
		}

		@Test
		void frozenRuleFailsWhenTheStoreIsMissingAndStoreCreationIsOff(@TempDir Path root) throws Exception {
			Path store = Files.createDirectory(root.resolve("archunit_store"));
			ArchConfiguration.withThreadLocalScope(configuration -> {
				configuration.setProperty("freeze.store.default.path", store.toString());
				configuration.setProperty("freeze.store.default.allowStoreCreation", "false");
				ArchRule frozen = TenancyRules.frozen(TenancyRules.NO_CLASSES_SHOULD_SCAN_DYNAMODB);
				assertThatThrownBy(() -> frozen.evaluate(classes("scan.clientfield")))
					.isInstanceOf(RuntimeException.class)
					.hasMessageContaining("Creating new violation store is disabled")
					.hasMessageContaining("freeze.store.default.allowStoreCreation=true");
			});
		}

	}

	@Nested
	class FromArchConfiguration {

		@Test
		void usesTheDefaultsWithoutProperties() {
			TenancyRuleSet rules = ArchConfiguration.withThreadLocalScope(configuration -> {
				return TenancyRuleSet.fromArchConfiguration();
			});
			assertThat(rules.allowedClientPackages()).isEqualTo(TenancyRules.DEFAULT_ALLOWED_CLIENT_PACKAGES);
			assertThat(rules.allowedCrossTenantPackages()).isEqualTo(TenancyRules.DEFAULT_ALLOWED_CROSS_TENANT_PACKAGES);
			assertThat(rules.allowedTenantResolverPackages())
				.isEqualTo(TenancyRules.DEFAULT_ALLOWED_TENANT_RESOLVER_PACKAGES);
			assertThat(rules.allowedAdminClientPackages()).isEqualTo(TenancyRules.DEFAULT_ALLOWED_ADMIN_CLIENT_PACKAGES);
			assertThat(rules.isFrozen()).isFalse();
		}

		@Test
		void readsPackagesAndFreezingFromProperties() {
			TenancyRuleSet rules = ArchConfiguration.withThreadLocalScope(configuration -> {
				configuration.setProperty(TenancyRuleSet.ALLOWED_CLIENT_PACKAGES_PROPERTY,
						" ..infrastructure.dynamodb.. , ..config..,");
				configuration.setProperty(TenancyRuleSet.ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY, "");
				configuration.setProperty(TenancyRuleSet.ALLOWED_TENANT_RESOLVER_PACKAGES_PROPERTY, "..auth..");
				configuration.setProperty(TenancyRuleSet.ALLOWED_ADMIN_CLIENT_PACKAGES_PROPERTY, "..config..,..migration..");
				configuration.setProperty(TenancyRuleSet.FREEZE_PROPERTY, "TRUE");
				return TenancyRuleSet.fromArchConfiguration();
			});
			assertThat(rules.allowedTenantResolverPackages()).containsExactly("..auth..");
			assertThat(rules.allowedAdminClientPackages()).containsExactly("..config..", "..migration..");
			assertThat(rules.allowedClientPackages()).containsExactly("..infrastructure.dynamodb..", "..config..");
			assertThat(rules.allowedCrossTenantPackages()).isEmpty();
			assertThat(rules.isFrozen()).isTrue();
			assertThat(rules.crossTenantCodeShouldOnlyResideInAllowedPackages().getDescription())
				.startsWith("no classes should declare @CrossTenant code");
		}

		@Test
		void rejectsAnInvalidPackageNamingTheProperty() {
			assertThatThrownBy(() -> ArchConfiguration.withThreadLocalScope(configuration -> {
				configuration.setProperty(TenancyRuleSet.ALLOWED_CROSS_TENANT_PACKAGES_PROPERTY, "..admin..,a b");
				return TenancyRuleSet.fromArchConfiguration();
			})).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("Package identifier 'a b' given to property "
						+ "'tenancy.allowedCrossTenantPackages' in archunit.properties is invalid: ");
		}

		@Test
		void rejectsAnInvalidFreezeValue() {
			assertThatThrownBy(() -> ArchConfiguration.withThreadLocalScope(configuration -> {
				configuration.setProperty(TenancyRuleSet.FREEZE_PROPERTY, "yes");
				return TenancyRuleSet.fromArchConfiguration();
			})).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Property 'tenancy.freeze' in archunit.properties must be 'true' or 'false' but was 'yes'.");
		}

	}

}
