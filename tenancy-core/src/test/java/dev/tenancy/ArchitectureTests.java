package dev.tenancy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules of tenancy-core: no Spring Boot imports, packages free of cycles, the IAM packages layered on
 * the key definitions.
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.tenancy");
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.tenancy.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void coreNeverDependsOnSpringBoot() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.because("tenancy-core must stay usable without Spring Boot; Boot wiring belongs in the starter")
			.check(classes);
	}

	@Test
	void contextKeysAndIamStayAtTheBottom() {
		noClasses().that()
			.resideInAnyPackage("dev.tenancy.context..", "dev.tenancy.keys..", "dev.tenancy.iam..",
					"dev.tenancy.annotation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tenancy.dynamodb..", "dev.tenancy.credentials..", "dev.tenancy.repository..",
					"dev.tenancy.core..", "dev.tenancy.columns..", "dev.tenancy.aop..", "dev.tenancy.lifecycle..")
			.check(classes);
	}

	@Test
	void onlyTheStarterUsesTheLifecycleOperations() {
		noClasses().that()
			.resideOutsideOfPackage("dev.tenancy.lifecycle..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.tenancy.lifecycle..")
			.because("moving and purging tenants is built on the client, the policies and the fences, never the "
					+ "other way round")
			.check(classes);
	}

	@Test
	void keysNeverDependOnIam() {
		noClasses().that()
			.resideInAPackage("dev.tenancy.keys..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.tenancy.iam..")
			.because("the key template and key schema are shared by the repositories and the IAM packages")
			.check(classes);
	}

	@Test
	void iamPackagesKeepOneConcernEach() {
		noClasses().that()
			.resideInAPackage("dev.tenancy.iam.evaluation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tenancy.iam.policy..", "dev.tenancy.iam.request..", "dev.tenancy.keys..")
			.because("the evaluator decides authorization requests and knows neither DynamoDB requests nor tables")
			.check(classes);
		noClasses().that()
			.resideInAPackage("dev.tenancy.iam.policy..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tenancy.iam.request..", "dev.tenancy.iam.evaluation..")
			.because("policy generation needs neither request extraction nor evaluation")
			.check(classes);
		noClasses().that()
			.resideInAPackage("dev.tenancy.iam.request..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.tenancy.iam.policy..")
			.because("request extraction produces authorization requests and needs no policy generation")
			.check(classes);
	}

	@Test
	void infrastructureIsDerivedFromThePoliciesAndTheKeysOnly() {
		noClasses().that()
			.resideInAPackage("dev.tenancy.infrastructure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tenancy.dynamodb..", "dev.tenancy.credentials..", "dev.tenancy.repository..",
					"dev.tenancy.core..", "dev.tenancy.columns..", "dev.tenancy.aop..", "dev.tenancy.iam.evaluation..",
					"dev.tenancy.iam.request..")
			.because("infrastructure as code is generated from the runtime's policies and key schema, nothing else")
			.check(classes);
		noClasses().that()
			.resideOutsideOfPackage("dev.tenancy.infrastructure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.tenancy.infrastructure..")
			.because("the runtime never depends on its infrastructure export")
			.check(classes);
	}

	@Test
	void noStandardStreamsInLibraryCode() {
		com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
	}

}
