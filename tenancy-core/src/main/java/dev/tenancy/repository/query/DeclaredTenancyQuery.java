package dev.tenancy.repository.query;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyOperations;

import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A {@link RepositoryQuery} declared with {@link Query}: the method's key condition and filter, checked when the
 * repository is created (see {@link DeclaredQueryParser}), run like a derived query as a DynamoDB Query in the
 * current tenant's partition, with the same return types, projections and keyset scrolling.
 *
 * @author tenancy
 * @since 0.2
 */
public class DeclaredTenancyQuery extends AbstractTenancyQuery {

	private final TenancyQueryPlan plan;

	private final Execution execution;

	private final @Nullable Integer maxResults;

	/**
	 * Parse and check the declared query.
	 * @param queryMethod must not be {@literal null} and must carry {@link Query}
	 * @param operations must not be {@literal null}
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException if the declaration is refused
	 */
	public DeclaredTenancyQuery(TenancyQueryMethod queryMethod, TenancyOperations operations) {
		super(queryMethod, operations, (reason) -> DeclaredQueryParser.refused(queryMethod.describe(), reason));
		Query query = queryMethod.declaredQuery();
		Assert.notNull(query, () -> queryMethod.describe() + " declares no @Query");
		String method = queryMethod.describe();
		if (query.limit() < 0) {
			throw DeclaredQueryParser.refused(method, "limit must be 0 (none) or positive, not " + query.limit() + ".");
		}
		this.maxResults = (query.limit() > 0) ? query.limit() : null;
		this.execution = execution(query, queryMethod);
		this.plan = new DeclaredQueryParser(queryMethod, metadata()).parse(query, queryMethod.indexName());
	}

	private static Execution execution(Query query, TenancyQueryMethod queryMethod) {
		String method = queryMethod.describe();
		int flags = (query.count() ? 1 : 0) + (query.exists() ? 1 : 0) + (query.delete() ? 1 : 0);
		if (flags > 1) {
			throw DeclaredQueryParser.refused(method, "count, exists and delete exclude each other; set one.");
		}
		Class<?> returnType = ClassUtils.resolvePrimitiveIfNecessary(queryMethod.method().getReturnType());
		if (query.count()) {
			if (returnType != Long.class && returnType != Integer.class) {
				throw DeclaredQueryParser.refused(method, "a count returns long or int.");
			}
			return Execution.COUNT;
		}
		if (query.exists()) {
			if (returnType != Boolean.class) {
				throw DeclaredQueryParser.refused(method, "exists returns boolean.");
			}
			return Execution.EXISTS;
		}
		if (query.delete()) {
			return Execution.DELETE;
		}
		if (returnType == Long.class || returnType == Integer.class || returnType == Boolean.class) {
			throw DeclaredQueryParser.refused(method, String.format("it returns %s, which is no result of a find; set "
					+ "@Query(count = true) or @Query(exists = true).", queryMethod.method().getReturnType()));
		}
		return Execution.FIND;
	}

	@Override
	TenancyQueryPlan plan() {
		return this.plan;
	}

	@Override
	Execution execution() {
		return this.execution;
	}

	@Override
	@Nullable Integer maxResults() {
		return this.maxResults;
	}

}
