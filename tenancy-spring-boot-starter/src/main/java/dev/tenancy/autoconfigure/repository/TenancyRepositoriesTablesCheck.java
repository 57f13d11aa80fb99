package dev.tenancy.autoconfigure.repository;

import java.util.Set;

import org.springframework.beans.PropertyValue;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.util.Assert;

import dev.tenancy.autoconfigure.InvalidTenancyConfigurationException;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.repository.support.TenancyRepositoryFactoryBean;

/**
 * Fails the startup when a tenant-scoped repository would address a table that the generated policies do not grant,
 * for example because its {@link TenancyOperations} resolves table names with a mapping context of its own rather
 * than the shared {@code tenancyMappingContext}: every call would then be denied, while the policies grant a table
 * the application does not use.
 *
 * @author tenancy
 * @since 0.2
 */
final class TenancyRepositoriesTablesCheck implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private final TenancyRepositoriesKeySchemaCustomizer repositories;

	private final String tableNamePrefix;

	/**
	 * @param beanFactory the bean factory holding the repositories; must not be {@literal null}
	 * @param repositories reads the repositories' entity types; must not be {@literal null}
	 * @param tableNamePrefix the configured table-name prefix, for the report; must not be {@literal null}
	 */
	TenancyRepositoriesTablesCheck(ConfigurableListableBeanFactory beanFactory,
			TenancyRepositoriesKeySchemaCustomizer repositories, String tableNamePrefix) {
		Assert.notNull(beanFactory, "BeanFactory must not be null");
		Assert.notNull(repositories, "Repositories must not be null");
		Assert.notNull(tableNamePrefix, "Table name prefix must not be null");
		this.beanFactory = beanFactory;
		this.repositories = repositories;
		this.tableNamePrefix = tableNamePrefix;
	}

	@Override
	public void afterSingletonsInstantiated() {
		TenancyPolicies policies = this.beanFactory.getBeanProvider(TenancyPolicies.class).getIfUnique();
		if (policies == null) {
			return;
		}
		Set<String> granted = policies.keySchema().tables();
		for (String name : this.beanFactory.getBeanNamesForType(TenancyRepositoryFactoryBean.class, true, false)) {
			String repository = BeanFactoryUtils.transformedBeanName(name);
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(repository);
			Class<?> entityType = this.repositories.tenantEntityType(definition);
			PropertyValue operationsRef = definition.getPropertyValues().getPropertyValue("tenancyOperations");
			if (entityType == null || operationsRef == null
					|| !(operationsRef.getValue() instanceof RuntimeBeanReference reference)) {
				continue;
			}
			TenancyOperations operations = this.beanFactory.getBean(reference.getBeanName(), TenancyOperations.class);
			String table = operations.mappingContext().getRequiredMetadata(entityType).tableName();
			if (!granted.contains(table)) {
				throw new InvalidTenancyConfigurationException("tenancy.table-name-prefix", this.tableNamePrefix,
						String.format("Repository '%s' (entity %s) addresses table '%s' through the TenancyOperations "
								+ "bean '%s', but the tenant policies grant only %s: every call would be denied.",
								repository, entityType.getName(), table, reference.getBeanName(), granted),
						String.format("Build the TenancyOperations bean '%s' on the shared '%s' bean "
								+ "(TenancyTemplate.builder().mappingContext(...)), and resolve table names with "
								+ "'tenancy.table-name-prefix' or one TableNameResolver bean.",
								reference.getBeanName(), TenancyRepositoriesAutoConfiguration.MAPPING_CONTEXT),
						null);
			}
		}
	}

}
