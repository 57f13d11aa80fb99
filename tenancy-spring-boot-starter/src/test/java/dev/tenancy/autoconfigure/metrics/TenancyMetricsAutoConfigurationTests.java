package dev.tenancy.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.StubAwsHttpClient;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;

import static dev.tenancy.autoconfigure.metrics.TenancyMetricsTestSupport.getItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TenancyMetricsAutoConfiguration} and the meters it publishes.
 */
@SuppressWarnings("try") // tenant scopes are opened for their effect on the thread
class TenancyMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TenancyAutoConfiguration.class, TenancyMetricsAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("tenancy.region=eu-central-1", "tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	@Nested
	class Beans {

		@Test
		void presentWithMicrometerAndARegistry() {
			contextRunner.run((context) -> {
				assertThat(context).hasSingleBean(TenancyCredentialsMetrics.class);
				assertThat(context).hasSingleBean(TenancyAccessMetrics.class);
				assertThat(context.getBean(TenantTags.class).maximum()).isEqualTo(100);
			});
		}

		@Test
		void backOffForUserDefinedBeans() {
			TenantTags tags = new TenantTags(3);
			contextRunner.withBean("userTags", TenantTags.class, () -> tags)
				.withBean("userCredentialsMetrics", TenancyCredentialsMetrics.class,
						() -> new TenancyCredentialsMetrics(new SimpleMeterRegistry()))
				.run((context) -> {
					assertThat(context.getBean(TenantTags.class)).isSameAs(tags);
					assertThat(context).doesNotHaveBean("tenancyCredentialsMetrics");
					assertThat(context.getBean(TenancyCredentialsMetrics.class))
						.isSameAs(context.getBean("userCredentialsMetrics"));
				});
		}

		@Test
		void absentWithoutMicrometer() {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(TenancyAutoConfiguration.class, TenancyMetricsAutoConfiguration.class))
				.withPropertyValues("tenancy.region=eu-central-1",
						"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
						"tenancy.tables.items.partition-key=pk")
				.withClassLoader(new FilteredClassLoader("io.micrometer"))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context).doesNotHaveBean(TenancyCredentialsMetrics.class);
					assertThat(context).doesNotHaveBean(TenancyAccessMetrics.class);
				});
		}

		@Test
		void absentWithoutARegistry() {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(TenancyAutoConfiguration.class, TenancyMetricsAutoConfiguration.class))
				.withPropertyValues("tenancy.region=eu-central-1",
						"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
						"tenancy.tables.items.partition-key=pk")
				.run((context) -> {
					assertThat(context).doesNotHaveBean(MeterRegistry.class);
					assertThat(context).doesNotHaveBean(TenancyCredentialsMetrics.class);
				});
		}

		@Test
		void disabledByProperty() {
			contextRunner.withPropertyValues("tenancy.metrics.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(TenancyAccessMetrics.class)
					.doesNotHaveBean(TenancyCredentialsMetrics.class)
					.hasBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT));
		}

		@Test
		void absentWhenTenancyIsDisabled() {
			contextRunner.withPropertyValues("tenancy.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(TenancyAccessMetrics.class));
		}

	}

	@Nested
	class Meters {

		@Test
		void stsCallsCacheHitsAndMissesAndCacheSize() {
			contextRunner.run((context) -> {
				DynamoDbClient client = scopedClient(context);
				TenantContext.runAs(TenantId.of("acme"), () -> {
					client.getItem(getItem("items", "acme"));
					client.getItem(getItem("items", "acme"));
				});
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(TenancyCredentialsMetrics.STS_REQUESTS)
					.tags("outcome", "success", "error", "none")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get(TenancyCredentialsMetrics.CACHE_GETS).tag("result", "miss").counter().count())
					.isEqualTo(1);
				assertThat(registry.get(TenancyCredentialsMetrics.CACHE_GETS).tag("result", "hit").counter().count())
					.isEqualTo(1);
				assertThat(registry.get(TenancyCredentialsMetrics.CACHE_SIZE).gauge().value()).isEqualTo(1);
				assertThat(registry.get(TenancyAccessMetrics.REQUESTS)
					.tags("operation", "GetItem", "outcome", "success")
					.timer()
					.count()).isEqualTo(2);
			});
		}

		@Test
		void stsFailuresByErrorCode() {
			contextRunner.run((context) -> {
				context.getBean(StubAwsHttpClient.class).stsFailing(true);
				DynamoDbClient client = scopedClient(context);
				try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
					assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
						.isThrownBy(() -> client.getItem(getItem("items", "acme")));
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(TenancyCredentialsMetrics.STS_REQUESTS)
					.tags("outcome", "failure", "error", "AccessDenied")
					.timer()
					.count()).isEqualTo(1);
				assertThat(context.getBean(StubAwsHttpClient.class).dynamoDbCalls()).isZero();
			});
		}

		@Test // TH-1
		void guardDenialsByTenantAndActionTH1() {
			contextRunner.run((context) -> {
				DynamoDbClient client = scopedClient(context);
				try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
					assertThatExceptionOfType(TenantAccessDeniedException.class)
						.isThrownBy(() -> client.getItem(getItem("items", "globex")))
						.satisfies((ex) -> assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.GUARD));
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(TenancyAccessMetrics.DENIALS)
					.tags("layer", "guard", "tenant", "acme", "action", "dynamodb:GetItem")
					.counter()
					.count()).isEqualTo(1);
				assertThat(context.getBean(StubAwsHttpClient.class).dynamoDbCalls()).isZero();
			});
		}

		@Test
		void iamDenialsByTenantAndAction() {
			contextRunner.run((context) -> {
				context.getBean(StubAwsHttpClient.class).dynamoDbDenying(true);
				DynamoDbClient client = scopedClient(context);
				try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
					assertThatExceptionOfType(RuntimeException.class)
						.isThrownBy(() -> client.getItem(getItem("items", "acme")))
						.withMessageContaining("is not authorized to perform: dynamodb:GetItem");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(TenancyAccessMetrics.DENIALS)
					.tags("layer", "iam", "tenant", "acme", "action", "dynamodb:GetItem")
					.counter()
					.count()).isEqualTo(1);
				assertThat(registry.get(TenancyAccessMetrics.REQUESTS)
					.tags("operation", "GetItem", "outcome", "denied")
					.timer()
					.count()).isEqualTo(1);
			});
		}

		@Test
		void tenantTagsAreBounded() {
			contextRunner.withPropertyValues("tenancy.metrics.maximum-tenant-tags=1").run((context) -> {
				DynamoDbClient client = scopedClient(context);
				for (String tenant : new String[] { "acme", "globex", "initech" }) {
					try (TenantScope scope = TenantContext.open(TenantId.of(tenant))) {
						assertThatExceptionOfType(TenantAccessDeniedException.class)
							.isThrownBy(() -> client.getItem(getItem("other-table", tenant)));
					}
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(TenancyAccessMetrics.DENIALS).tag("tenant", "acme").counter().count())
					.isEqualTo(1);
				assertThat(registry.get(TenancyAccessMetrics.DENIALS).tag("tenant", TenantTags.OTHER).counter().count())
					.isEqualTo(2);
				assertThat(registry.find(TenancyAccessMetrics.DENIALS).tag("tenant", "globex").counter()).isNull();
			});
		}

	}

	private static DynamoDbClient scopedClient(AssertableApplicationContext context) {
		return context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT, DynamoDbClient.class);
	}

}
