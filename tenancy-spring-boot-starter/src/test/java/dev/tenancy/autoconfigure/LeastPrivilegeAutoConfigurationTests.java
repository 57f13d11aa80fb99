package dev.tenancy.autoconfigure;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * TH-17/TH-18 (#11 finding 1): the DynamoDB clients the auto-configuration offers for injection are the tenant-scoped
 * ones in both isolation modes; the base credentials sign no injectable DynamoDB client; an application-defined
 * client fails the startup unless acknowledged; the admin client is opt-in.
 */
class LeastPrivilegeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withPropertyValues("tenancy.region=eu-central-1", "tenancy.account-id=123456789012",
				"tenancy.sts.role-arn=" + TenancyAutoConfigurationTests.ROLE_ARN,
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	@Nested
	class BeanCandidates {

		@ParameterizedTest(name = "isolation mode {0}")
		@ValueSource(strings = { "iam", "application" })
		@DisplayName("TH-17 the only injectable DynamoDbClient and DynamoDbEnhancedClient are the tenant-scoped ones")
		void th17TheTenantScopedClientsAreTheOnlyCandidates(String mode) {
			contextRunner.withPropertyValues("tenancy.isolation-mode=" + mode)
				.withUserConfiguration(PlainInjection.class)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					TenantScopedDynamoDbClientFactory factory = context.getBean(TenantScopedDynamoDbClientFactory.class);
					assertThat(context.getBeanNamesForType(DynamoDbClient.class))
						.containsExactly(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT);
					assertThat(context.getBeanNamesForType(DynamoDbEnhancedClient.class))
						.containsExactly(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT);
					assertThat(context.getBeanNamesForType(DynamoDbAsyncClient.class)).isEmpty();
					assertThat(context).doesNotHaveBean(TenancyAdminClient.class);
					PlainInjection injected = context.getBean(PlainInjection.class);
					assertThat(injected.client).isSameAs(factory.client());
					assertThat(injected.enhancedClient).isSameAs(factory.enhancedClient());
					assertThat(context.getBean(DynamoDbClient.class)).isSameAs(factory.client());
				});
		}

		@ParameterizedTest(name = "isolation mode {0}")
		@ValueSource(strings = { "iam", "application" })
		@DisplayName("TH-18 the injected client fails closed without a tenant and sends nothing")
		void th18TheInjectedClientFailsClosedWithoutATenant(String mode) {
			contextRunner.withPropertyValues("tenancy.isolation-mode=" + mode).run((context) -> {
				DynamoDbClient client = context.getBean(DynamoDbClient.class);
				assertThatExceptionOfType(MissingTenantException.class)
					.isThrownBy(() -> client.getItem(TenancyAutoConfigurationTests.getItem("items")));
				StubAwsHttpClient http = context.getBean(StubAwsHttpClient.class);
				assertThat(http.dynamoDbCalls()).isZero();
				assertThat(http.stsCalls()).isZero();
			});
		}

	}

	@Nested
	class ApplicationDefinedClients {

		@Test
		@DisplayName("TH-17 an application-defined DynamoDbClient fails the startup with the remedy")
		void th17AnApplicationDefinedClientFailsTheStartup() {
			contextRunner.withUserConfiguration(UserDynamoDbClient.class).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.isInstanceOf(InvalidTenancyConfigurationException.class)
					.hasMessageContaining("'userDynamoDbClient' (DynamoDbClient)")
					.hasMessageContaining("tenancy.allowed-unscoped-clients")
					.hasMessageContaining("tenancy.admin-client.enabled=true");
			});
		}

		@Test
		@DisplayName("TH-17 an application-defined async or enhanced client fails the startup too")
		void th17AnyKindOfUnscopedClientFailsTheStartup() {
			contextRunner.withBean("reportingClient", DynamoDbAsyncClient.class, () -> mock(DynamoDbAsyncClient.class))
				.withBean("legacyEnhanced", DynamoDbEnhancedClient.class, () -> mock(DynamoDbEnhancedClient.class))
				.run((context) -> assertThat(context.getStartupFailure())
					.hasMessageContaining("'reportingClient' (DynamoDbAsyncClient)")
					.hasMessageContaining("'legacyEnhanced' (DynamoDbEnhancedClient)"));
		}

		@Test
		@DisplayName("TH-17 an acknowledged unscoped client is allowed, and plain injection still gets the tenant-scoped one")
		void th17AnAcknowledgedClientIsAllowedButNotPrimary() {
			contextRunner.withUserConfiguration(UserDynamoDbClient.class, PlainInjection.class)
				.withPropertyValues("tenancy.allowed-unscoped-clients=userDynamoDbClient")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					TenantScopedDynamoDbClientFactory factory = context.getBean(TenantScopedDynamoDbClientFactory.class);
					assertThat(context.getBean(PlainInjection.class).client).isSameAs(factory.client());
					assertThat(context.getBean(DynamoDbClient.class)).isSameAs(factory.client());
				});
		}

		@Test
		@DisplayName("TH-17 a bean that takes the tenant-scoped client's name must be the factory's client")
		void th17ATenantScopedNameOnAnotherClientFailsTheStartup() {
			contextRunner
				.withBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT, DynamoDbClient.class,
						() -> mock(DynamoDbClient.class))
				.run((context) -> assertThat(context.getStartupFailure())
					.isInstanceOf(InvalidTenancyConfigurationException.class)
					.hasMessageContaining("'tenantScopedDynamoDbClient' is not the tenant-scoped client"));
		}

	}

	@Nested
	class AdminClient {

		@Test
		void absentByDefault() {
			contextRunner.run((context) -> assertThat(context).doesNotHaveBean(TenancyAdminClient.class));
		}

		@ParameterizedTest(name = "isolation mode {0}")
		@ValueSource(strings = { "iam", "application" })
		@DisplayName("TH-18 the opt-in admin client signs with the base credentials and its client is no bean")
		void th18OptInAdminClientSignsWithTheBaseCredentials(String mode) {
			contextRunner.withPropertyValues("tenancy.admin-client.enabled=true", "tenancy.isolation-mode=" + mode)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					TenancyAdminClient admin = context.getBean(TenancyAdminClient.class);
					assertThat(admin.dynamoDbClient().serviceClientConfiguration().credentialsProvider())
						.isSameAs(context.getBean(AwsCredentialsProvider.class));
					assertThat(context.getBeansOfType(DynamoDbClient.class).values())
						.doesNotContain(admin.dynamoDbClient())
						.containsExactly(context.getBean(TenantScopedDynamoDbClientFactory.class).client());
					assertThat(context.getBeansOfType(DynamoDbEnhancedClient.class).values())
						.doesNotContain(admin.enhancedClient());
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainInjection {

		@Autowired
		DynamoDbClient client;

		@Autowired
		DynamoDbEnhancedClient enhancedClient;

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDynamoDbClient {

		@Bean
		DynamoDbClient userDynamoDbClient() {
			return mock(DynamoDbClient.class);
		}

	}

}
