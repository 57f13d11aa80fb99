package dev.tenancy.autoconfigure.observation;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.metrics.TenancyAccessMetrics;
import dev.tenancy.autoconfigure.metrics.TenancyMetricsAutoConfiguration;
import dev.tenancy.observation.DefaultRepositoryObservationConvention;
import dev.tenancy.observation.TenancyObservation;
import dev.tenancy.observation.TenancyObservationEvents;

/**
 * Auto-configuration of tenancy's observations when an {@link ObservationRegistry} bean exists (Spring Boot Actuator):
 * repositories observe each call as {@code tenancy.repository} (they find the registry and a
 * {@link dev.tenancy.observation.RepositoryObservationConvention} bean themselves), and
 * {@code tenancyObservationEvents} ({@link TenancyObservationEvents}) adds the guard's denials and STS calls to the
 * observation in progress. Switch the observation off with Boot's
 * {@code management.observations.enable.tenancy.repository=false}.
 * <p>
 * With tenancy's metrics on, denials and STS calls are already counted ({@code tenancy.access.denials},
 * {@code tenancy.sts.requests}); Micrometer would count the observation events again as
 * {@code tenancy.repository.denied} and {@code tenancy.repository.sts.assume-role}, so
 * {@code tenancyObservationEventMeterFilter} denies those two meters. Traces still carry the events.
 *
 * @author tenancy
 * @since 0.1
 */
@AutoConfiguration(after = { TenancyAutoConfiguration.class, TenancyMetricsAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public final class TenancyObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TenancyObservationEvents tenancyObservationEvents(ObservationRegistry observationRegistry) {
		return new TenancyObservationEvents(observationRegistry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterFilter.class)
	@ConditionalOnBean(TenancyAccessMetrics.class)
	static class EventMeters {

		@Bean
		MeterFilter tenancyObservationEventMeterFilter() {
			Set<String> counted = Arrays.stream(TenancyObservation.Events.values())
				.map((event) -> DefaultRepositoryObservationConvention.NAME + "." + event.getName())
				.collect(Collectors.toUnmodifiableSet());
			return MeterFilter.deny((id) -> counted.contains(id.getName()));
		}

	}

}
