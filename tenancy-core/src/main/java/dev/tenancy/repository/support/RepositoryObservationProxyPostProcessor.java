package dev.tenancy.repository.support;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.tenancy.observation.RepositoryObservationConvention;
import dev.tenancy.observation.TenancyObservation;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;
import org.springframework.util.Assert;

/**
 * Adds a {@link TenancyObservation#REPOSITORY_OPERATION} observation of each repository method call. Added after the
 * {@link TenantScopedRepositoryProxyPostProcessor}, so the observation runs inside the tenant scope. With a no-op
 * registry nothing is added.
 *
 * @author tenancy
 * @since 0.1
 */
public final class RepositoryObservationProxyPostProcessor implements RepositoryProxyPostProcessor {

	private final ObservationRegistry registry;

	private final @Nullable RepositoryObservationConvention convention;

	/**
	 * @param registry the registry to observe with; must not be {@literal null}
	 * @param convention a custom convention, or {@literal null} for the default one
	 */
	public RepositoryObservationProxyPostProcessor(ObservationRegistry registry,
			@Nullable RepositoryObservationConvention convention) {
		Assert.notNull(registry, "ObservationRegistry must not be null");
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public void postProcess(ProxyFactory factory, RepositoryInformation repositoryInformation) {
		if (this.registry.isNoop()) {
			return;
		}
		factory.addAdvice(new RepositoryObservationInterceptor(this.registry, this.convention,
				repositoryInformation.getRepositoryInterface(), repositoryInformation.getDomainType()));
	}

}
