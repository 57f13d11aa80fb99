package dev.tenancy.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.tenancy.autoconfigure.InvalidTenancyConfigurationException;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.TenancyProperties;
import dev.tenancy.credentials.TenantCredentialsProvider;

/**
 * Auto-configuration of the {@code tenancy} health contributor in isolation mode {@code iam}:
 * {@code tenancyStsRefreshTracker} ({@link StsRefreshTracker}) and {@code tenancyHealthIndicator}
 * ({@link TenancyHealthIndicator}). Disabled by {@code management.health.tenancy.enabled=false}.
 *
 * @author tenancy
 * @since 0.1
 */
@AutoConfiguration(after = TenancyAutoConfiguration.class, beforeName = {
		"org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration" })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = "tenancy.enabled", matchIfMissing = true)
@ConditionalOnBean(TenantCredentialsProvider.class)
public final class TenancyHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEnabledHealthIndicator("tenancy")
	StsRefreshTracker tenancyStsRefreshTracker() {
		return new StsRefreshTracker();
	}

	@Bean
	@ConditionalOnMissingBean(name = "tenancyHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("tenancy")
	TenancyHealthIndicator tenancyHealthIndicator(TenancyProperties properties, StsRefreshTracker tracker,
			TenantCredentialsProvider tenantCredentialsProvider) {
		Duration interval = properties.getHealth().getInterval();
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new InvalidTenancyConfigurationException("tenancy.health.interval", interval,
					"The health interval must be positive.",
					"Set 'tenancy.health.interval' to a positive duration, for example '5m', or leave it unset.",
					null);
		}
		return new TenancyHealthIndicator(tracker, interval, String.valueOf(tenantCredentialsProvider.roleArn()),
				tenantCredentialsProvider::cachedTenants,
				Clock.systemUTC());
	}

}
