package dev.tenancy.repository.support;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyOperations;
import dev.tenancy.repository.query.PartTreeTenancyQuery;
import dev.tenancy.repository.query.TenancyQueryMethod;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.RepositoryQuery;

/**
 * Creates the queries of tenant-scoped repositories. Only derived queries exist: there is no query language that
 * could be declared, because anything but a key condition would leave the tenant partition.
 *
 * @author tenancy
 * @since 0.1
 */
final class TenancyQueryLookupStrategy implements QueryLookupStrategy {

	private final TenancyOperations operations;

	private TenancyQueryLookupStrategy(TenancyOperations operations) {
		this.operations = operations;
	}

	/**
	 * @param key the configured lookup key, or {@literal null} for the default
	 * @param operations the operations the queries run on
	 * @return the lookup strategy
	 * @throws InvalidDataAccessApiUsageException for {@link Key#USE_DECLARED_QUERY}
	 */
	static QueryLookupStrategy create(@Nullable Key key, TenancyOperations operations) {
		Key keyToUse = (key != null) ? key : Key.CREATE_IF_NOT_FOUND;
		return switch (keyToUse) {
			case CREATE, CREATE_IF_NOT_FOUND -> new TenancyQueryLookupStrategy(operations);
			case USE_DECLARED_QUERY -> throw new InvalidDataAccessApiUsageException("Tenant-scoped repositories have "
					+ "no declared queries, only queries derived from method names; use queryLookupStrategy CREATE or "
					+ "CREATE_IF_NOT_FOUND.");
		};
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		return new PartTreeTenancyQuery(new TenancyQueryMethod(method, metadata, factory), this.operations);
	}

}
