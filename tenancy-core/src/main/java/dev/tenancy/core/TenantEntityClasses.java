package dev.tenancy.core;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.TenantEntity;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds the {@link TenantEntity} classes in packages, for the {@linkplain TenancyMappingContext#setInitialEntitySet
 * initial entity set} of the mapping context.
 *
 * @author tenancy
 * @since 0.3
 */
public final class TenantEntityClasses {

	private TenantEntityClasses() {
	}

	/**
	 * @param classLoader the class loader to load the classes with, or {@literal null} for the default
	 * @param basePackages the packages to scan, with their sub-packages; must not be {@literal null}
	 * @return the tenant entity classes, in the order found
	 * @throws IllegalStateException if a class found cannot be loaded
	 */
	public static Set<Class<?>> findIn(@Nullable ClassLoader classLoader, Collection<String> basePackages) {
		Assert.notNull(basePackages, "Base packages must not be null");
		ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(false);
		provider.addIncludeFilter(new AnnotationTypeFilter(TenantEntity.class));
		Set<Class<?>> entities = new LinkedHashSet<>();
		for (String basePackage : basePackages) {
			if (!StringUtils.hasText(basePackage)) {
				continue;
			}
			for (BeanDefinition candidate : provider.findCandidateComponents(basePackage)) {
				String name = candidate.getBeanClassName();
				try {
					entities.add(ClassUtils.forName(String.valueOf(name), classLoader));
				}
				catch (ClassNotFoundException | LinkageError ex) {
					throw new IllegalStateException("Cannot load tenant entity class '" + name + "' found in package '"
							+ basePackage + "'", ex);
				}
			}
		}
		return entities;
	}

}
