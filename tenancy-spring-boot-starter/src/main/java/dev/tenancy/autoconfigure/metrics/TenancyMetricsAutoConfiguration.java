package dev.tenancy.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tenancy.autoconfigure.InvalidTenancyConfigurationException;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.TenancyProperties;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;

/**
 * Auto-configuration of tenancy's Micrometer metrics when Micrometer and a {@link MeterRegistry} bean are present:
 * {@code tenancyCredentialsMetrics} ({@link TenancyCredentialsMetrics}), {@code tenancyAccessMetrics}
 * ({@link TenancyAccessMetrics}) and the tenant tag bound {@code tenancyMetricsTenantTags} ({@link TenantTags}).
 * Disabled by {@code tenancy.metrics.enabled=false}.
 *
 * @author tenancy
 * @since 0.1
 */
@AutoConfiguration(after = TenancyAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, TenantScopedDynamoDbClientFactory.class })
@ConditionalOnBooleanProperty(name = "tenancy.metrics.enabled", matchIfMissing = true)
public final class TenancyMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TenantTags tenancyMetricsTenantTags(TenancyProperties properties) {
		int maximum = properties.getMetrics().getMaximumTenantTags();
		if (maximum < 0) {
			throw new InvalidTenancyConfigurationException("tenancy.metrics.maximum-tenant-tags", maximum,
					"The number of tenants tagged in metrics cannot be negative.",
					"Set 'tenancy.metrics.maximum-tenant-tags' to zero or more, or leave it unset for 100.", null);
		}
		return new TenantTags(maximum);
	}

	@Bean
	@ConditionalOnMissingBean
	TenancyCredentialsMetrics tenancyCredentialsMetrics(MeterRegistry meterRegistry) {
		return new TenancyCredentialsMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	TenancyAccessMetrics tenancyAccessMetrics(MeterRegistry meterRegistry, TenantTags tenancyMetricsTenantTags) {
		return new TenancyAccessMetrics(meterRegistry, tenancyMetricsTenantTags);
	}

}
