package dev.tenancy.autoconfigure.health;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.StubAwsHttpClient;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TenancyHealthContributorAutoConfiguration}.
 */
@SuppressWarnings("try") // tenant scopes are opened for their effect on the thread
class TenancyHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class,
				TenancyHealthContributorAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	@Nested
	class Beans {

		@Test
		void presentInIsolationModeIam() {
			contextRunner.run((context) -> {
				assertThat(context).hasSingleBean(StsRefreshTracker.class);
				assertThat(context.getBean("tenancyHealthIndicator")).isInstanceOf(TenancyHealthIndicator.class);
			});
		}

		@Test
		void absentInIsolationModeApplication() {
			contextRunner
				.withPropertyValues("tenancy.isolation-mode=application", "tenancy.account-id=123456789012")
				.run((context) -> {
					assertThat(context).hasSingleBean(TenantScopedDynamoDbClientFactory.class);
					assertThat(context).doesNotHaveBean(TenancyHealthIndicator.class);
				});
		}

		@Test
		void backsOffForAUserDefinedIndicator() {
			HealthIndicator own = () -> Health.up().build();
			contextRunner.withBean("tenancyHealthIndicator", HealthIndicator.class, () -> own)
				.run((context) -> assertThat(context.getBean("tenancyHealthIndicator")).isSameAs(own));
		}

		@Test
		void absentWithoutSpringBootHealth() {
			contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context).doesNotHaveBean(StsRefreshTracker.class);
				});
		}

		@Test
		void disabledByProperty() {
			contextRunner.withPropertyValues("management.health.tenancy.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(TenancyHealthIndicator.class)
					.doesNotHaveBean(StsRefreshTracker.class));
		}

	}

	@Nested
	class Probes {

		@Test
		void reportsStsFailuresOfRealRequestsAndNeverCallsStsItself() {
			contextRunner.run((context) -> {
				StubAwsHttpClient http = context.getBean(StubAwsHttpClient.class);
				HealthIndicator indicator = context.getBean("tenancyHealthIndicator", HealthIndicator.class);
				for (int i = 0; i < 5; i++) {
					assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				}
				assertThat(http.stsCalls()).isZero();
				http.stsFailing(true);
				DynamoDbClient client = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
						DynamoDbClient.class);
				try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
					assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
						.isThrownBy(() -> client.getItem((request) -> request.tableName("items")
							.key(Map.of("pk",
									AttributeValue.fromS("TENANT#acme"),
									"sk", AttributeValue.fromS("A")))));
				}
				int stsCalls = http.stsCalls();
				assertThat(stsCalls).isEqualTo(1);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
				assertThat(indicator.health().getDetails()).containsEntry("consecutiveFailures", 1L);
				assertThat(http.stsCalls()).isEqualTo(stsCalls);
			});
		}

	}

}
