package dev.tenancy.autoconfigure.endpoint;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.iam.policy.TenancyPolicies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenancyEndpointAutoConfiguration}.
 */
class TenancyEndpointAutoConfigurationTests {

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
