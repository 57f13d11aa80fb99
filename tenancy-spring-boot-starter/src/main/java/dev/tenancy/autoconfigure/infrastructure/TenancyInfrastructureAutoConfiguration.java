package dev.tenancy.autoconfigure.infrastructure;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.tenancy.autoconfigure.InfrastructureProperties;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.TenancyProperties;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.infrastructure.InfrastructureFormat;

/**
 * Auto-configuration of the infrastructure export: the {@link InfrastructureExport} of the application's policies
 * and {@code tenancy.infrastructure.*} choices, and, with {@code tenancy.infrastructure.export}, the
 * {@link InfrastructureExportRunner} that writes it and stops the application.
 *
 * @author tenancy
 * @since 0.4
 */
@AutoConfiguration(after = TenancyAutoConfiguration.class)
@ConditionalOnBean(TenancyPolicies.class)
public final class TenancyInfrastructureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InfrastructureExport tenancyInfrastructureExport(TenancyProperties properties, TenancyPolicies tenancyPolicies,
			ObjectProvider<TenantCredentialsProvider> sessions, ObjectProvider<TenancyMappingContext> mappingContext) {
		TenantCredentialsProvider provider = sessions.getIfAvailable();
		String roleArn = (provider != null && provider.roleArn() != null) ? provider.roleArn()
				: properties.getSts().getRoleArn();
		TenancyMappingContext entities = mappingContext.getIfAvailable();
		return new InfrastructureExport(tenancyPolicies, properties.getIsolationMode(), roleArn,
				properties.getSts().getSessionDuration(), properties.getInfrastructure(),
				(entities != null) ? entities.keyAttributeTypes() : Map.of());
	}

	@Bean
	@ConditionalOnProperty("tenancy.infrastructure.export")
	InfrastructureExportRunner tenancyInfrastructureExportRunner(TenancyProperties properties,
			InfrastructureExport tenancyInfrastructureExport, ConfigurableApplicationContext context) {
		InfrastructureProperties infrastructure = properties.getInfrastructure();
		InfrastructureFormat format = InfrastructureFormat.of(infrastructure.getExport());
		Path file = (infrastructure.getExportFile() != null) ? infrastructure.getExportFile()
				: Path.of(format.fileName());
		return new InfrastructureExportRunner(tenancyInfrastructureExport, format, file, context);
	}

}
