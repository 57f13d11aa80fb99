package dev.tenancy.repository.support;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.tenancy.aop.TenantScopingConfiguration;
import dev.tenancy.context.TenantResolver;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.observation.RepositoryObservationConvention;
import dev.tenancy.observation.TenancyObservation;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The Spring {@link org.springframework.beans.factory.FactoryBean} of tenant-scoped repositories. It needs the
 * {@link TenancyOperations} to run on and applies {@link dev.tenancy.annotation.TenantScoped} to repository
 * interfaces, resolving the tenant with the configured {@link TenantResolver}, else the application context's only
 * {@code TenantResolver} bean, else {@link TenantScopingConfiguration#defaultTenantResolver()}.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 * @param <ID> the id type
 * @author tenancy
 * @since 0.1
 */
public class TenancyRepositoryFactoryBean<T extends Repository<S, ID>, S, ID>
		extends RepositoryFactoryBeanSupport<T, S, ID> {

	private @Nullable TenancyOperations operations;

	private @Nullable TenantResolver tenantResolver;

	private @Nullable BeanFactory beanFactory;

	private @Nullable ObservationRegistry observationRegistry;

	private @Nullable RepositoryObservationConvention observationConvention;

	/**
	 * @param repositoryInterface must not be {@literal null}
	 */
	public TenancyRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/**
	 * @param operations the operations the repository runs on; must not be {@literal null}
	 */
	public void setTenancyOperations(TenancyOperations operations) {
		Assert.notNull(operations, "TenancyOperations must not be null");
		this.operations = operations;
	}

	/**
	 * @param tenantResolver resolves the tenant for {@code @TenantScoped} repositories; must not be {@literal null}
	 */
	public void setTenantResolver(TenantResolver tenantResolver) {
		Assert.notNull(tenantResolver, "TenantResolver must not be null");
		this.tenantResolver = tenantResolver;
	}

	/**
	 * @param observationRegistry observes each repository call (see {@link TenancyObservation}); without one, the
	 * application context's only {@code ObservationRegistry} bean is used, if any
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "ObservationRegistry must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * @param observationConvention a custom convention for the repository observations; without one, the application
	 * context's only {@code RepositoryObservationConvention} bean is used, else the default convention
	 */
	public void setObservationConvention(RepositoryObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "RepositoryObservationConvention must not be null");
		this.observationConvention = observationConvention;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		super.setBeanFactory(beanFactory);
		this.beanFactory = beanFactory;
	}

	@Override
	protected final RepositoryFactorySupport createRepositoryFactory() {
		Assert.state(this.operations != null, "TenancyOperations must not be null");
		RepositoryFactorySupport factory = createRepositoryFactory(this.operations);
		factory.addRepositoryProxyPostProcessor(new TenantScopedRepositoryProxyPostProcessor(tenantResolver()));
		factory.addRepositoryProxyPostProcessor(
				new RepositoryObservationProxyPostProcessor(observationRegistry(), observationConvention()));
		return factory;
	}

	/**
	 * Create the repository factory; override to customize it.
	 * @param operations never {@literal null}
	 * @return the factory
	 */
	protected TenancyRepositoryFactory createRepositoryFactory(TenancyOperations operations) {
		return new TenancyRepositoryFactory(operations);
	}

	private TenantResolver tenantResolver() {
		if (this.tenantResolver != null) {
			return this.tenantResolver;
		}
		BeanFactory factory = this.beanFactory;
		if (factory == null) {
			return TenantScopingConfiguration.defaultTenantResolver();
		}
		SingletonSupplier<TenantResolver> resolver = SingletonSupplier.of(() -> factory
			.getBeanProvider(TenantResolver.class)
			.getIfUnique(TenantScopingConfiguration::defaultTenantResolver));
		return () -> resolver.obtain().resolve();
	}

	private ObservationRegistry observationRegistry() {
		if (this.observationRegistry != null) {
			return this.observationRegistry;
		}
		BeanFactory factory = this.beanFactory;
		return (factory != null)
				? factory.getBeanProvider(ObservationRegistry.class).getIfUnique(() -> ObservationRegistry.NOOP)
				: ObservationRegistry.NOOP;
	}

	private @Nullable RepositoryObservationConvention observationConvention() {
		if (this.observationConvention != null) {
			return this.observationConvention;
		}
		BeanFactory factory = this.beanFactory;
		return (factory != null) ? factory.getBeanProvider(RepositoryObservationConvention.class).getIfUnique() : null;
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.operations != null, "TenancyOperations must not be null");
		super.afterPropertiesSet();
	}

}
