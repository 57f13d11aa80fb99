package dev.tenancy.repository.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.repository.support.TenancyRepositoryFactoryBean;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.util.ClassUtils;

/**
 * Reads the tenant entity types of the tenant-scoped repositories registered in a bean factory from their bean
 * definitions, without creating any repository: for code that must know the entities before the repositories exist,
 * such as policy generation (the repositories depend on the policies) or creating tables for a local run.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantRepositoryDefinitions {

	private TenantRepositoryDefinitions() {
	}

	/**
	 * @param beanFactory the bean factory holding the repository definitions
	 * @return the {@link TenantEntity} types of the registered tenant-scoped repositories, each once, in
	 * registration order
	 */
	public static List<Class<?>> tenantEntityTypes(ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanNamesForType(TenancyRepositoryFactoryBean.class, true, false)) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(BeanFactoryUtils.transformedBeanName(name));
			Class<?> domainType = tenantEntityType(definition, beanFactory.getBeanClassLoader());
			if (domainType != null) {
				types.add(domainType);
			}
		}
		return new ArrayList<>(types);
	}

	/**
	 * @param definition the bean definition of a tenant-scoped repository factory bean
	 * @param classLoader the class loader to resolve the repository interface with
	 * @return the repository's domain type if it is a tenant entity, otherwise {@literal null}
	 */
	public static @Nullable Class<?> tenantEntityType(BeanDefinition definition, @Nullable ClassLoader classLoader) {
		ValueHolder argument = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
		Object value = (argument != null) ? argument.getValue() : null;
		Class<?> repositoryInterface = null;
		if (value instanceof Class<?> type) {
			repositoryInterface = type;
		}
		else if (value instanceof String name) {
			repositoryInterface = ClassUtils.resolveClassName(name, classLoader);
		}
		if (repositoryInterface == null) {
			return null;
		}
		Class<?> domainType = AbstractRepositoryMetadata.getMetadata(repositoryInterface).getDomainType();
		return AnnotatedElementUtils.hasAnnotation(domainType, TenantEntity.class) ? domainType : null;
	}

}
