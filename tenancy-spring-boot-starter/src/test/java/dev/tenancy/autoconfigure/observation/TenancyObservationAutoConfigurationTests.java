package dev.tenancy.autoconfigure.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.metrics.TenancyAccessMetrics;
import dev.tenancy.autoconfigure.metrics.TenancyCredentialsMetrics;
import dev.tenancy.autoconfigure.metrics.TenancyMetricsAutoConfiguration;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.observation.DefaultRepositoryObservationConvention;
import dev.tenancy.observation.TenancyObservationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TenancyObservationAutoConfiguration}: guard denials become events of the observation in progress,
 * and are counted once, by tenancy's metrics, not again by Micrometer's observation-to-meter bridge.
 */
class TenancyObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				TenancyAutoConfiguration.class, TenancyMetricsAutoConfiguration.class,
				TenancyObservationAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withBean(EventRecorder.class)
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	@Test
	void absentWithoutAnObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TenancyAutoConfiguration.class, TenancyObservationAutoConfiguration.class))
			.withUserConfiguration(StubAwsConfiguration.class)
			.withPropertyValues("tenancy.region=eu-central-1",
					"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
					"tenancy.tables.items.partition-key=pk")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TenancyObservationEvents.class);
			});
	}

	@Test
	void theStsCallAndTheDenialAreEventsOfTheObservationAndAreCountedOnce() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TenancyObservationEvents.class);
			deniedInsideARepositoryObservation(context);

			assertThat(context.getBean(EventRecorder.class).events).extracting(Observation.Event::getName)
				.containsExactly("sts.assume-role", "denied");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(TenancyCredentialsMetrics.STS_REQUESTS).timer().count()).isEqualTo(1);
			assertThat(meters.find(DefaultRepositoryObservationConvention.NAME + ".sts.assume-role").meter()).isNull();
			assertThat(meters.get(TenancyAccessMetrics.DENIALS).tags("tenant", "acme").counter().count())
				.isEqualTo(1);
			assertThat(meters.find(DefaultRepositoryObservationConvention.NAME + ".denied").meter()).isNull();
			assertThat(meters.get(DefaultRepositoryObservationConvention.NAME).timer().count()).isEqualTo(1);
		});
	}

	@Test
	void withoutTenancyMetricsTheObservationEventIsTheOnlyCount() {
		this.contextRunner.withPropertyValues("tenancy.metrics.enabled=false").run((context) -> {
			deniedInsideARepositoryObservation(context);

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find(TenancyAccessMetrics.DENIALS).meter()).isNull();
			assertThat(meters.get(DefaultRepositoryObservationConvention.NAME + ".denied").counter().count())
				.isEqualTo(1);
		});
	}

	/**
	 * A tenant-scoped request for another tenant's item, inside an observation named like the repository's.
	 */
	private static void deniedInsideARepositoryObservation(AssertableApplicationContext context) {
		ObservationRegistry registry = context.getBean(ObservationRegistry.class);
		DynamoDbClient client = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
				DynamoDbClient.class);
		GetItemRequest foreign = GetItemRequest.builder()
			.tableName("items")
			.key(Map.of("pk", AttributeValue.fromS("TENANT#globex"), "sk", AttributeValue.fromS("PROJECT#1")))
			.build();
		Observation observation = Observation.start(DefaultRepositoryObservationConvention.NAME, registry);
		try (Observation.Scope scope = observation.openScope()) {
			TenantContext.runAs(TenantId.of("acme"), () -> assertThatExceptionOfType(
					TenantAccessDeniedException.class).isThrownBy(() -> client.getItem(foreign)));
		}
		finally {
			observation.stop();
		}
	}

	static final class EventRecorder implements ObservationHandler<Observation.Context> {

		final List<Observation.Event> events = new CopyOnWriteArrayList<>();

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			this.events.add(event);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
