package dev.tenancy.archunit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports the fixture cases under {@code dev.tenancy.archunit.fixtures}, one package (and its subpackages) per case,
 * and evaluates rules on them.
 */
final class Fixtures {

	static final String PACKAGE = "dev.tenancy.archunit.fixtures.";

	private static final Map<List<String>, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

	private Fixtures() {
	}

	/**
	 * @param cases fixture packages relative to {@value #PACKAGE}, e.g. {@code "scan.lambda"}
	 * @return the classes of those packages, imported once per combination
	 */
	static JavaClasses classes(String... cases) {
		return IMPORTED.computeIfAbsent(List.of(cases), key -> new ClassFileImporter()
			.importPackages(Arrays.stream(cases).map(fixtureCase -> PACKAGE + fixtureCase).toList()));
	}

	/**
	 * Evaluate a rule that must fail, and check that its report carries the fix of its {@code because} clause.
	 * @return the violation lines
	 */
	static List<String> violations(ArchRule rule, JavaClasses classes, String fix) {
		EvaluationResult result = rule.evaluate(classes);
		assertThat(result.hasViolation()).as("violations of '%s'", rule.getDescription()).isTrue();
		assertThat(result.getFailureReport().toString()).contains(fix);
		return result.getFailureReport().getDetails();
	}

	/**
	 * Evaluate a rule that must pass, failing with its report otherwise.
	 */
	static void assertPasses(ArchRule rule, JavaClasses classes) {
		EvaluationResult result = rule.evaluate(classes);
		assertThat(result.hasViolation()).as("%s", result.getFailureReport()).isFalse();
	}

	/**
	 * The start of a violation line about a member of a fixture class, e.g. {@code Method <...ProjectScanner.listAll(}.
	 */
	static String member(String kind, String fixtureClass, String member) {
		return kind + " <" + PACKAGE + fixtureClass + "." + member + "(";
	}

}
