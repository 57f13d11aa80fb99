package dev.tenancy.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.TenantTables;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiers configured with {@code tenancy.tiers.*}: silo tenants get session policies on their own tables, and a silo
 * table template that does not fit the tables fails the startup.
 */
class TenancyTiersAutoConfigurationTests {

	private static final String TABLES = "arn:aws:dynamodb:eu-central-1:123456789012:table/";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class))
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	@Test
	void everyTenantIsPooledByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(TenantTables.class))
			.isSameAs(TenantTables.pooled()));
	}

	@Test
	void siloTenantsGetSessionPoliciesOnTheirOwnTables() {
		this.contextRunner.withPropertyValues("tenancy.tiers.silo-tenants=acme").run((context) -> {
			TenancyPolicies policies = context.getBean(TenancyPolicies.class);
			assertThat(policies.tenantTables().tierOf(TenantId.of("acme"))).isEqualTo(TenantTier.SILO);
			assertThat(policies.sessionPolicyJson(TenantId.of("acme"))).contains(TABLES + "items-acme\"")
				.doesNotContain(TABLES + "items\"");
			assertThat(policies.sessionPolicyJson(TenantId.of("globex"))).contains(TABLES + "items\"");
		});
	}

	@Test
	void aTemplateWithoutTenantFailsTheStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("tenancy.tiers.silo-tenants=acme", "tenancy.tiers.silo-table-template={table}-silo")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("exactly one '{tenant}'"));
	}

	@Test
	void anInvalidSiloTenantIdFailsTheStartup() {
		this.contextRunner.withPropertyValues("tenancy.tiers.silo-tenants=a*")
			.run((context) -> assertThat(context).hasFailed());
	}

}
