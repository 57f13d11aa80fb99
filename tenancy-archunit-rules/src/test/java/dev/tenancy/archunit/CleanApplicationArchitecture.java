package dev.tenancy.archunit;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * An application's architecture test as the README shows it, on a clean fixture application. Not named
 * {@code *Tests}: {@link TenancyArchTestsTests} runs it through the ArchUnit engine and checks the outcome.
 */
@AnalyzeClasses(packages = "dev.tenancy.archunit.fixtures.bundle.clean")
class CleanApplicationArchitecture {

	@ArchTest
	static final ArchTests TENANCY = ArchTests.in(TenancyArchTests.class);

}
