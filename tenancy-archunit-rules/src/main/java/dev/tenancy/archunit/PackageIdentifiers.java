package dev.tenancy.archunit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The allowed packages of the package rules: validation, the rule outside of them, and their description in messages.
 */
final class PackageIdentifiers {

	private PackageIdentifiers() {
	}

	/**
	 * Validate, de-duplicate and copy package identifiers.
	 * @param source the method or property the identifiers were given to, named in errors
	 * @param packageIdentifiers the identifiers
	 * @return an unmodifiable list in the given order
	 */
	static List<String> validate(String source, Collection<String> packageIdentifiers) {
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

	static ArchRule noClassesOutsideOf(List<String> packages, ArchCondition<JavaClass> condition) {
		if (packages.isEmpty()) {
			return noClasses().should(condition);
		}
		return noClasses().that().resideOutsideOfPackages(packages.toArray(String[]::new)).should(condition);
	}

	static String describe(List<String> packages) {
		if (packages.isEmpty()) {
			return "an allowed package (none is allowed yet)";
		}
		return packages.stream()
			.map(identifier -> "'" + identifier + "'")
			.collect(Collectors.joining(", ", "packages [", "]"));
	}

}
