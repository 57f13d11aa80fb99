package dev.tenancy.repository.support;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyOperations;
import dev.tenancy.repository.query.DeclaredTenancyQuery;
import dev.tenancy.repository.query.PartTreeTenancyQuery;
import dev.tenancy.repository.query.TenancyQueryMethod;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.RepositoryQuery;

/**
 * Creates the queries of tenant-scoped repositories: a {@link dev.tenancy.repository.query.Query} declared on the
 * method, else one derived from the method name. Both are key conditions in the tenant partition; there is no query
 * language that could leave it. The lookup keys work as in other Spring Data modules: {@link Key#CREATE} derives every
 * query from its name, {@link Key#USE_DECLARED_QUERY} requires a declared query on every query method, and
 * {@link Key#CREATE_IF_NOT_FOUND} (the default) derives the queries of methods without one.
 *
 * @author tenancy
 * @since 0.1
 */
final class TenancyQueryLookupStrategy implements QueryLookupStrategy {

	private final TenancyOperations operations;

	private final Key key;

	private TenancyQueryLookupStrategy(Key key, TenancyOperations operations) {
		this.key = key;
		this.operations = operations;
	}

	/**
	 * @param key the configured lookup key, or {@literal null} for the default
	 * @param operations the operations the queries run on
	 * @return the lookup strategy
	 */
	static QueryLookupStrategy create(@Nullable Key key, TenancyOperations operations) {
		return new TenancyQueryLookupStrategy((key != null) ? key : Key.CREATE_IF_NOT_FOUND, operations);
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		TenancyQueryMethod queryMethod = new TenancyQueryMethod(method, metadata, factory);
		boolean declared = queryMethod.declaredQuery() != null;
		if (this.key == Key.USE_DECLARED_QUERY && !declared) {
			throw new InvalidDataAccessApiUsageException(String.format("Query method '%s' declares no @Query, but the "
					+ "repositories use queryLookupStrategy USE_DECLARED_QUERY; declare one, or use CREATE_IF_NOT_FOUND "
					+ "to derive it from the method name.", queryMethod.describe()));
		}
		if (declared && this.key != Key.CREATE) {
			return new DeclaredTenancyQuery(queryMethod, this.operations);
		}
		return new PartTreeTenancyQuery(queryMethod, this.operations);
	}

}
