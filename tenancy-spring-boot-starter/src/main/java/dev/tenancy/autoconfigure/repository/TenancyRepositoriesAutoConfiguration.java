package dev.tenancy.autoconfigure.repository;

import java.util.LinkedHashSet;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.TenancyProperties;
import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.core.TableNameResolver;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.keys.TenantTables;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyTemplate;
import dev.tenancy.core.TenantEntityClasses;
import dev.tenancy.core.TenantReadCheckListener;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.TenantScopedRepository;
import dev.tenancy.repository.config.TenancyRepositoryConfigurationExtension;

/**
 * Auto-configuration of tenant-scoped repositories, the way Spring Boot configures Spring Data JDBC: repositories in
 * the auto-configuration packages are registered unless the application declares {@code @EnableTenancyRepositories}
 * itself.
 * <p>
 * Beans: {@code tenancyTableNameResolver} ({@link TableNameResolver} adding {@code tenancy.table-name-prefix}),
 * {@code tenancyMappingContext} ({@link TenancyMappingContext} with the application's only {@code TableNameResolver},
 * started with the {@code @TenantEntity} classes of the auto-configuration packages, as Boot scans for entities),
 * {@code tenancyRepositoriesKeySchemaCustomizer} (declares the repositories' tables and indexes in the policies) and,
 * without {@code @EnableTenancyRepositories}, {@code tenancyTemplate} ({@link TenancyTemplate} on the tenant-scoped
 * client). {@code tenancyRepositoriesTablesCheck} fails the startup when a repository would address a table the
 * policies do not grant. Disabled by {@code tenancy.repositories.enabled=false}.
 * <p>
 * There is one mapping context, and so one table-name resolution: the template, the repositories and the policy
 * generation all use it. With {@code @EnableTenancyRepositories} the mapping context it registers (under the same
 * name) takes the place of the one here and resolves table names with the same {@code TableNameResolver} bean.
 *
 * @author tenancy
 * @since 0.1
 */
@AutoConfiguration(after = TenancyAutoConfiguration.class)
@ConditionalOnClass(TenantScopedRepository.class)
@ConditionalOnBean(name = TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT)
@ConditionalOnBooleanProperty(name = "tenancy.repositories.enabled", matchIfMissing = true)
public final class TenancyRepositoriesAutoConfiguration {

	/** Name of the {@link TenancyTemplate} bean the repositories run on. */
	public static final String TENANCY_TEMPLATE = "tenancyTemplate";

	/**
	 * Name of the {@link TenancyMappingContext} bean shared by the template, the repositories and the policies; the
	 * default of {@code @EnableTenancyRepositories(mappingContextRef)}.
	 */
	public static final String MAPPING_CONTEXT = "tenancyMappingContext";

	@Bean
	@ConditionalOnMissingBean
	TableNameResolver tenancyTableNameResolver(TenancyProperties properties) {
		return TableNameResolver.prefixed(properties.getTableNamePrefix());
	}

	@Bean(MAPPING_CONTEXT)
	@ConditionalOnMissingBean
	TenancyMappingContext tenancyMappingContext(TableNameResolver tableNameResolver,
			ObjectProvider<TenantTables> tenantTables, ConfigurableListableBeanFactory beanFactory) {
		TenancyMappingContext context = new TenancyMappingContext(tableNameResolver,
				tenantTables.getIfAvailable(TenantTables::pooled));
		if (AutoConfigurationPackages.has(beanFactory)) {
			context.setInitialEntitySet(TenantEntityClasses.findIn(beanFactory.getBeanClassLoader(),
					AutoConfigurationPackages.get(beanFactory)));
		}
		return context;
	}

	@Bean
	@ConditionalOnMissingBean
	TenancyRepositoriesKeySchemaCustomizer tenancyRepositoriesKeySchemaCustomizer(
			ConfigurableListableBeanFactory beanFactory, TenancyProperties properties,
			TenancyMappingContext tenancyMappingContext) {
		Set<String> declared = new LinkedHashSet<>();
		properties.getTables().keySet().forEach((name) -> declared.add(properties.getTableNamePrefix() + name));
		return new TenancyRepositoriesKeySchemaCustomizer(beanFactory, tenancyMappingContext, declared);
	}

	@Bean
	TenancyRepositoriesTablesCheck tenancyRepositoriesTablesCheck(ConfigurableListableBeanFactory beanFactory,
			TenancyProperties properties, TenancyRepositoriesKeySchemaCustomizer tenancyRepositoriesKeySchemaCustomizer) {
		return new TenancyRepositoriesTablesCheck(beanFactory, tenancyRepositoriesKeySchemaCustomizer,
				properties.getTableNamePrefix());
	}

	/**
	 * Registers the repositories and their template unless {@code @EnableTenancyRepositories} is declared. The
	 * template is defined here, before the registrar runs, so that the registrar does not register its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(TenancyRepositoryConfigurationExtension.class)
	@Import(TenancyRepositoriesRegistrar.class)
	static class TenancyRepositoriesConfiguration {

		@Bean(TENANCY_TEMPLATE)
		@ConditionalOnMissingBean(TenancyOperations.class)
		TenancyTemplate tenancyTemplate(
				@Qualifier(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT) DynamoDbClient client,
				TenantKeyTemplate tenantKeyTemplate, TenancyMappingContext tenancyMappingContext,
				ColumnRestrictions tenancyColumnRestrictions,
				ObjectProvider<TenantReadCheckListener> readCheckListeners) {
			TenancyTemplate.Builder builder = TenancyTemplate.builder()
				.client(tenancyColumnRestrictions.repositoryClient(client))
				.keyTemplate(tenantKeyTemplate)
				.mappingContext(tenancyMappingContext);
			TenantReadCheckListener listener = readCheckListeners.getIfUnique();
			if (listener != null) {
				builder.readCheckListener(listener);
			}
			return builder.build();
		}

	}

}
