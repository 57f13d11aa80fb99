package dev.tenancy.repository.query;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyOperations;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * A {@link RepositoryQuery} derived from the method name, answered by a DynamoDB Query with a key condition in the
 * current tenant's partition (or under the tenant's key of a tenant index). The query shape is derived and validated
 * when the repository is created; unsupported shapes fail then, with the reason (see {@link TenancyQueryCreator}).
 * <p>
 * Return types: a collection, {@code Stream} (read a page at a time as it is consumed, for the caller's tenant;
 * see {@link TenantScopedStream}), a single entity or {@code Optional} (at most one match, else
 * {@link IncorrectResultSizeDataAccessException}), {@code Window} with a {@link ScrollPosition} parameter (keyset
 * scrolling on DynamoDB's {@code LastEvaluatedKey}), {@code count…}, {@code exists…} and {@code delete…}. {@code Top}/
 * {@code First} and a {@link Limit} parameter limit the results; a {@code Sort} parameter may only choose the
 * direction of the sort key. {@code Pageable} (offset paging) and {@code Distinct} are refused. Closed projections
 * (interfaces and DTOs, also as a dynamic {@code Class<T>} parameter) read only their attributes and the keys.
 *
 * @author tenancy
 * @since 0.1
 */
public class PartTreeTenancyQuery extends AbstractTenancyQuery {

	private final PartTree tree;

	private final TenancyQueryPlan plan;

	/**
	 * Derive and validate the query.
	 * @param queryMethod must not be {@literal null}
	 * @param operations must not be {@literal null}
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException if no key condition can answer the method
	 */
	public PartTreeTenancyQuery(TenancyQueryMethod queryMethod, TenancyOperations operations) {
		super(queryMethod, operations, (reason) -> TenancyQueryCreator.unsupported(queryMethod.describe(), reason));
		this.tree = new PartTree(queryMethod.getName(), queryMethod.getEntityInformation().getJavaType());
		if (this.tree.isDistinct()) {
			throw TenancyQueryCreator.unsupported(queryMethod.describe(), "Distinct has no DynamoDB equivalent; items "
					+ "are unique by key already.");
		}
		this.plan = new TenancyQueryCreator(this.tree, metadata(), queryMethod.indexName(), queryMethod.describe())
			.createQuery();
	}

	@Override
	TenancyQueryPlan plan() {
		return this.plan;
	}

	@Override
	Execution execution() {
		if (this.tree.isCountProjection()) {
			return Execution.COUNT;
		}
		if (this.tree.isExistsProjection()) {
			return Execution.EXISTS;
		}
		return this.tree.isDelete() ? Execution.DELETE : Execution.FIND;
	}

	@Override
	@Nullable Integer maxResults() {
		return this.tree.isLimiting() ? this.tree.getMaxResults() : null;
	}

}
