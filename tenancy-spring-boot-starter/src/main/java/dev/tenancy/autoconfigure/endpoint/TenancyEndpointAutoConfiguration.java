package dev.tenancy.autoconfigure.endpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.TenancyProperties;
import dev.tenancy.autoconfigure.infrastructure.InfrastructureExport;
import dev.tenancy.autoconfigure.infrastructure.TenancyInfrastructureAutoConfiguration;
import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.iam.policy.TenancyPolicies;

/**
 * Auto-configuration of the {@code tenancy} Actuator endpoint ({@code tenancyEndpoint}, {@link TenancyEndpoint}) when
 * Actuator is present and the endpoint is available (exposed and not switched off with
 * {@code management.endpoint.tenancy.access=none}).
 *
 * @author tenancy
 * @since 0.1
 */
@AutoConfiguration(after = { TenancyAutoConfiguration.class, TenancyInfrastructureAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(TenancyPolicies.class)
public final class TenancyEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	TenancyEndpoint tenancyEndpoint(TenancyProperties properties, TenancyPolicies tenancyPolicies,
			ObjectProvider<TenantCredentialsProvider> sessions, ObjectProvider<ColumnRestrictions> columnRestrictions,
			ObjectProvider<InfrastructureExport> infrastructure) {
		TenantCredentialsProvider provider = sessions.getIfAvailable();
		String roleArn = (provider != null && provider.roleArn() != null) ? provider.roleArn()
				: properties.getSts().getRoleArn();
		return new TenancyEndpoint(tenancyPolicies, properties.getIsolationMode(), roleArn,
				properties.getSts().getSessionDuration(), (provider != null) ? provider::cachedTenants : null,
				properties.getAdminClient().isEnabled(), columnRestrictions.getIfAvailable(),
				infrastructure.getIfAvailable());
	}

}
