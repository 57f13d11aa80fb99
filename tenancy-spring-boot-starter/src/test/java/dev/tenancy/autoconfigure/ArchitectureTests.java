package dev.tenancy.autoconfigure;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure rules of the starter: no cycles between its packages, configuration rather than logic.
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.tenancy.autoconfigure");
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.tenancy.autoconfigure.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void noComponentScanning() {
		noClasses().should()
			.beAnnotatedWith(ComponentScan.class)
			.because("auto-configurations are loaded only from AutoConfiguration.imports and wire beans explicitly")
			.check(classes);
	}

	@Test
	void autoConfigurationsAreFinalAndNestedConfigurationsDoNotProxyBeanMethods() {
		classes().that().areAnnotatedWith(AutoConfiguration.class).should().haveModifier(JavaModifier.FINAL)
			.check(classes);
		classes().that()
			.areAnnotatedWith(Configuration.class)
			.should(ArchCondition.from(DescribedPredicate.describe("set proxyBeanMethods = false",
					(JavaClass javaClass) -> !javaClass.getAnnotationOfType(Configuration.class).proxyBeanMethods())))
			.check(classes);
	}

	@Test
	void noStandardStreams() {
		GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
	}

}
