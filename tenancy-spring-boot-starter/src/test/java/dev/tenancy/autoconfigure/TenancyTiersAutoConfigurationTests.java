package dev.tenancy.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.dynamodb.TierChangeEviction;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.TenantTables;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tiers configured with {@code tenancy.tiers.*}: silo tenants get session policies on their own tables, and a silo
 * table template that does not fit the tables fails the startup. The {@link TenantTierRegistry} bean changes a
 * tenant's tier at runtime, and the change reaches the policies, the tables and the cached sessions.
 */
class TenancyTiersAutoConfigurationTests {

	private static final String TABLES = "arn:aws:dynamodb:eu-central-1:123456789012:table/";

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

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

	@Test
	void withoutTiersTheRegistryKeepsEveryTenantPooled() {
		this.contextRunner.run((context) -> {
			TenantTierRegistry registry = context.getBean(TenantTierRegistry.class);
			assertThat(registry.allowsSilo()).isFalse();
			assertThat(context).hasSingleBean(TierChangeEviction.class);
			assertThatIllegalStateException().isThrownBy(() -> registry.assign(ACME, TenantTier.SILO))
				.withMessageContaining("Tenant 'acme' cannot be assigned tier SILO")
				.withMessageContaining("'tenancy.tiers.enabled=true'");
		});
	}

	@Test
	void aTierChangeThroughTheRegistryReachesTablesPoliciesAndSessions() {
		this.contextRunner.withPropertyValues("tenancy.tiers.silo-tenants=acme").run((context) -> {
			TenantTierRegistry registry = context.getBean(TenantTierRegistry.class);
			TenantTables tables = context.getBean(TenantTables.class);
			TenancyPolicies policies = context.getBean(TenancyPolicies.class);
			TenantCredentialsProvider sessions = context.getBean(TenantCredentialsProvider.class);
			assertThat(tables.resolver()).isSameAs(registry);
			assertThat(registry.knownSiloTenants()).containsExactly(ACME);
			sessions.forTenant(GLOBEX);
			sessions.forTenant(ACME);
			assertThat(sessions.cachedTenants()).isEqualTo(2);

			registry.assign(GLOBEX, TenantTier.SILO);

			assertThat(sessions.cachedTenants()).as("globex's session was dropped, acme's kept").isOne();
			assertThat(tables.tableName("items", GLOBEX)).isEqualTo("items-globex");
			assertThat(policies.sessionPolicyJson(GLOBEX)).contains(TABLES + "items-globex\"")
				.doesNotContain(TABLES + "items\"");
			assertThat(registry.knownSiloTenants()).containsExactlyInAnyOrder(ACME, GLOBEX);
		});
	}

	@Test
	void tiersCanBeEnabledWithoutSiloTenantsToMoveTenantsLater() {
		this.contextRunner.withPropertyValues("tenancy.tiers.enabled=true").run((context) -> {
			TenancyPolicies policies = context.getBean(TenancyPolicies.class);
			assertThat(policies.sessionPolicyJson(ACME)).contains(TABLES + "items\"");

			context.getBean(TenantTierRegistry.class).assign(ACME, TenantTier.SILO);

			assertThat(policies.sessionPolicyJson(ACME)).contains(TABLES + "items-acme\"");
		});
	}

	@Test
	void theApplicationsResolverIsWrappedInTheRegistry() {
		this.contextRunner.withUserConfiguration(SiloResolverConfiguration.class).run((context) -> {
			TenantTierRegistry registry = context.getBean(TenantTierRegistry.class);
			assertThat(context.getBean(TenantTables.class).resolver()).isSameAs(registry);
			assertThat(registry.tierOf(ACME)).isEqualTo(TenantTier.SILO);

			registry.assign(ACME, TenantTier.POOL);

			assertThat(context.getBean(TenancyPolicies.class).sessionPolicyJson(ACME)).contains(TABLES + "items\"");
		});
	}

	@Test
	void anApplicationsRegistryIsUsedAsItIs() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TenantTierRegistry.class);
			TenantTierRegistry registry = context.getBean(TenantTierRegistry.class);
			assertThat(context.getBean(TenantTables.class).resolver()).isSameAs(registry);
			TenantCredentialsProvider sessions = context.getBean(TenantCredentialsProvider.class);
			sessions.forTenant(GLOBEX);

			registry.assign(GLOBEX, TenantTier.SILO);

			assertThat(sessions.cachedTenants()).isZero();
		});
	}

	@Test
	void severalResolversFailTheStartup() {
		this.contextRunner.withUserConfiguration(SiloResolverConfiguration.class, SecondResolverConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Several TenantTierResolver beans"));
	}

	@Test
	void tierChangesEvictAlsoWithLazyInitialization() {
		this.contextRunner.withPropertyValues("tenancy.tiers.silo-tenants=acme")
			.withInitializer((context) -> context
				.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				TenantCredentialsProvider sessions = context.getBean(TenantCredentialsProvider.class);
				sessions.forTenant(GLOBEX);

				context.getBean(TenantTierRegistry.class).assign(GLOBEX, TenantTier.SILO);

				assertThat(sessions.cachedTenants()).isZero();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class SiloResolverConfiguration {

		@Bean
		TenantTierResolver siloResolver() {
			return TenantTierResolver.silo(List.of(ACME));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondResolverConfiguration {

		@Bean
		TenantTierResolver secondResolver() {
			return TenantTierResolver.ALL_POOLED;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		TenantTierRegistry applicationTierRegistry() {
			return TenantTierRegistry.of(TenantTierResolver.ALL_POOLED);
		}

	}

}
