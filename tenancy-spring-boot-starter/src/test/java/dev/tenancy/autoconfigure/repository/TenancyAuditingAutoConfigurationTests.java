package dev.tenancy.autoconfigure.repository;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.repository.sample.SampleConfiguration;
import dev.tenancy.repository.auditing.EnableTenancyAuditing;
import dev.tenancy.repository.auditing.TenancyAuditingCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenancyAuditingAutoConfiguration}.
 */
class TenancyAuditingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class,
				TenancyRepositoriesAutoConfiguration.class, TenancyAuditingAutoConfiguration.class))
		.withUserConfiguration(SampleConfiguration.class, StubAwsConfiguration.class)
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data");

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(TenancyAuditingCallback.class));
	}

	@Test
	void onWithTheProperty() {
		this.contextRunner.withPropertyValues("tenancy.auditing.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(TenancyAuditingCallback.class));
	}

	@Test
	void theAnnotationAndThePropertyTogetherAuditOnce() {
		this.contextRunner.withPropertyValues("tenancy.auditing.enabled=true")
			.withUserConfiguration(AuditingByAnnotation.class)
			.run((context) -> assertThat(context).hasSingleBean(TenancyAuditingCallback.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenancyAuditing
	static class AuditingByAnnotation {

	}

}
