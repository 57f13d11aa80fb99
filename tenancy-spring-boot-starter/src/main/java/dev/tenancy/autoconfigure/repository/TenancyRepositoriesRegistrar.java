package dev.tenancy.autoconfigure.repository;

import java.lang.annotation.Annotation;

import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

import dev.tenancy.repository.config.EnableTenancyRepositories;
import dev.tenancy.repository.config.TenancyRepositoryConfigurationExtension;

/**
 * Registers tenant-scoped repositories in the auto-configuration packages, as {@link EnableTenancyRepositories} with
 * its defaults would.
 *
 * @author tenancy
 * @since 0.1
 */
class TenancyRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableTenancyRepositories.class;
	}

	@Override
	protected Class<?> getConfiguration() {
		return EnableTenancyRepositoriesConfiguration.class;
	}

	@Override
	protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
		return new TenancyRepositoryConfigurationExtension();
	}

	@EnableTenancyRepositories
	private static final class EnableTenancyRepositoriesConfiguration {

	}

}
