package dev.tenancy.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.iam.policy.TenancyPolicies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenancyEndpointAutoConfiguration}.
 */
class TenancyEndpointAutoConfigurationTests {

	private static final String TABLES = "arn:aws:dynamodb:eu-central-1:123456789012:table/";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TenancyAutoConfiguration.class, TenancyEndpointAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
				"tenancy.tables.items.partition-key=pk", "management.endpoints.web.exposure.include=tenancy");

	@Test
	void presentWhenExposed() {
		contextRunner.run((context) -> {
			TenancyEndpoint endpoint = context.getBean(TenancyEndpoint.class);
			TenancyEndpoint.TenancyDescriptor descriptor = endpoint.tenancy();
			assertThat(descriptor.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/tenant-data");
			assertThat(descriptor.cachedTenants()).isZero();
			assertThat(descriptor.resources())
				.containsExactlyElementsOf(context.getBean(TenancyPolicies.class).resources());
		});
	}

	@Test
	void presentInIsolationModeApplicationWithoutSessions() {
		contextRunner.withPropertyValues("tenancy.isolation-mode=application")
			.run((context) -> {
				TenancyEndpoint.TenancyDescriptor descriptor = context.getBean(TenancyEndpoint.class).tenancy();
				assertThat(descriptor.isolationMode()).isEqualTo(IsolationMode.APPLICATION.name().toLowerCase());
				assertThat(descriptor.cachedTenants()).isNull();
			});
	}

	@Test
	@SuppressWarnings("unchecked")
	void exportsASiloTenantsPolicyOnItsSiloTableAndFollowsTierChanges() {
		contextRunner.withPropertyValues("tenancy.tiers.silo-tenants=acme").run((context) -> {
			TenancyEndpoint endpoint = context.getBean(TenancyEndpoint.class);
			assertThat(resources(endpoint, "acme")).containsExactly(TABLES + "items-acme");
			assertThat(resources(endpoint, "globex")).containsExactly(TABLES + "items");

			context.getBean(TenantTierRegistry.class).assign(TenantId.of("globex"), TenantTier.SILO);
			context.getBean(TenantTierRegistry.class).assign(TenantId.of("acme"), TenantTier.POOL);

			assertThat(resources(endpoint, "globex")).containsExactly(TABLES + "items-globex");
			assertThat(resources(endpoint, "acme")).containsExactly(TABLES + "items");
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Object> resources(TenancyEndpoint endpoint, String tenant) {
		Map<String, Object> policy = endpoint.document(TenancyEndpoint.POLICY, tenant);
		assertThat(policy).isNotNull();
		Object statements = policy.get("Statement");
		Map<String, Object> statement = (Map<String, Object>) ((statements instanceof List<?> list) ? list.get(0)
				: statements);
		Object resource = statement.get("Resource");
		return (resource instanceof List<?> list) ? (List<Object>) list : List.of(resource);
	}

	@Test
	void absentWhenNotExposed() {
		contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(TenancyEndpoint.class)
				.hasSingleBean(TenantScopedDynamoDbClientFactory.class));
	}

	@Test
	void disabledByProperty() {
		// Upper case: the runner has no ApplicationConversionService to convert "none" leniently.
		contextRunner.withPropertyValues("management.endpoint.tenancy.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(TenancyEndpoint.class));
	}

	@Test
	void absentWithoutActuator() {
		contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TenancyEndpoint.class);
			});
	}

	@Test
	void absentWhenTenancyIsDisabled() {
		contextRunner.withPropertyValues("tenancy.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TenancyEndpoint.class));
	}

	@Test
	void backsOffForAUserDefinedEndpoint() {
		contextRunner.withBean("userEndpoint", TenancyEndpoint.class,
				() -> new TenancyEndpoint(TenancyPoliciesFixture.policies(), IsolationMode.IAM, null,
						Duration.ofHours(1), null))
			.run((context) -> assertThat(context.getBean(TenancyEndpoint.class))
				.isSameAs(context.getBean("userEndpoint")));
	}

}
