package dev.tenancy.repository.support;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyOperations;

import org.springframework.data.mapping.MappingException;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.util.Assert;

/**
 * Creates tenant-scoped repositories: {@link SimpleTenantScopedRepository} as the base implementation, queries
 * derived from method names ({@link dev.tenancy.repository.query.PartTreeTenancyQuery}), all running on one
 * {@link TenancyOperations}. Add a {@link TenantScopedRepositoryProxyPostProcessor} to honour
 * {@link dev.tenancy.annotation.TenantScoped} on repository interfaces ({@link TenancyRepositoryFactoryBean} does).
 *
 * @author tenancy
 * @since 0.1
 */
public class TenancyRepositoryFactory extends RepositoryFactorySupport {

	private final TenancyOperations operations;

	/**
	 * @param operations must not be {@literal null}
	 */
	public TenancyRepositoryFactory(TenancyOperations operations) {
		Assert.notNull(operations, "TenancyOperations must not be null");
		this.operations = operations;
	}

	@Override
	public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
		return new TenantEntityInformation<>(this.operations.mappingContext()
			.getRequiredMetadata(metadata.getDomainType()));
	}

	@Override
	protected Object getTargetRepository(RepositoryInformation metadata) {
		return getTargetRepositoryViaReflection(metadata, getEntityInformation(metadata), this.operations);
	}

	@Override
	protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
		return SimpleTenantScopedRepository.class;
	}

	@Override
	protected void validate(RepositoryMetadata repositoryMetadata) {
		super.validate(repositoryMetadata);
		if (repositoryMetadata.getIdType() != String.class) {
			throw new MappingException(String.format("Repository '%s' declares id type '%s'; the id of a tenant entity "
					+ "is its identity inside the tenant (the sort key without prefix) and must be a String.",
					repositoryMetadata.getRepositoryInterface().getName(), repositoryMetadata.getIdType().getName()));
		}
	}

	@Override
	protected Optional<QueryLookupStrategy> getQueryLookupStrategy(@Nullable Key key,
			ValueExpressionDelegate valueExpressionDelegate) {
		return Optional.of(TenancyQueryLookupStrategy.create(key, this.operations));
	}

}
