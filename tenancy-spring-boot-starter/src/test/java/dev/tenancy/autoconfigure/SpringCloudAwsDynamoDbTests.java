package dev.tenancy.autoconfigure;

import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.dynamodb.DynamoDbOperations;
import io.awspring.cloud.dynamodb.DynamoDbTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * TH-17 (#11 finding 1) with Spring Cloud AWS DynamoDB: its auto-configured {@link DynamoDbTemplate} runs on the
 * tenant-scoped enhanced client, and a template built on another client fails the startup.
 */
class SpringCloudAwsDynamoDbTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, DynamoDbAutoConfiguration.class, TenancyAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withPropertyValues("spring.cloud.aws.region.static=eu-central-1", "tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=" + TenancyAutoConfigurationTests.ROLE_ARN,
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	@Test
	@DisplayName("TH-17 Spring Cloud AWS backs off and its DynamoDbTemplate runs on the tenant-scoped client")
	void th17DynamoDbTemplateRunsOnTheTenantScopedClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			TenantScopedDynamoDbClientFactory factory = context.getBean(TenantScopedDynamoDbClientFactory.class);
			assertThat(context.getBeanNamesForType(DynamoDbClient.class))
				.containsExactly(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT);
			assertThat(context.getBeanNamesForType(DynamoDbEnhancedClient.class))
				.containsExactly(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT);
			DynamoDbTemplate template = context.getBean(DynamoDbTemplate.class);
			assertThat(ReflectionTestUtils.getField(template, "dynamoDbEnhancedClient"))
				.isSameAs(factory.enhancedClient());
		});
	}

	@Test
	@DisplayName("TH-17 a DynamoDbTemplate on an unscoped enhanced client fails the startup, even when acknowledged")
	void th17DynamoDbTemplateOnAnotherClientFailsTheStartup() {
		this.contextRunner.withBean("legacyEnhanced", DynamoDbEnhancedClient.class, () -> mock(DynamoDbEnhancedClient.class))
			.withBean("legacyTemplate", DynamoDbOperations.class,
					() -> new DynamoDbTemplate(mock(DynamoDbEnhancedClient.class)))
			.withPropertyValues("tenancy.allowed-unscoped-clients=legacyEnhanced")
			.run((context) -> assertThat(context.getStartupFailure())
				.isInstanceOf(InvalidTenancyConfigurationException.class)
				.hasMessageContaining("DynamoDbTemplate bean 'legacyTemplate'")
				.hasMessageContaining("not built on the tenant-scoped DynamoDbEnhancedClient"));
	}

}
