package dev.tenancy.repository.config;

import java.lang.annotation.Annotation;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers the repositories declared by {@link EnableTenancyRepositories}.
 *
 * @author tenancy
 * @since 0.1
 */
class TenancyRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableTenancyRepositories.class;
	}

	@Override
	protected RepositoryConfigurationExtension getExtension() {
		return new TenancyRepositoryConfigurationExtension();
	}

}
