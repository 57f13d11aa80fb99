package dev.tenancy.sample;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import dev.tenancy.archunit.TenancyArchTests;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shipped tenancy rules applied to the sample (no Scan, no PartiQL, unscoped clients and the admin client only in
 * {@code ..config..}, repositories declare their tenancy, tenant switching only in {@code ..jobs..} and
 * {@code ..admin..}, no self-invocation that can change the tenant, no request overrides of credentials or plugins, no
 * reflection next to DynamoDB types, tenant resolvers only in {@code ..security..}), and no package cycles.
 */
@AnalyzeClasses(packages = "dev.tenancy.sample", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests TENANCY = ArchTests.in(TenancyArchTests.class);

	@ArchTest
	static final ArchRule packages_should_be_free_of_cycles = slices().matching("dev.tenancy.sample.(*)..")
		.should()
		.beFreeOfCycles();

}
