package dev.tenancy.repository.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyQuery;
import dev.tenancy.core.TenantEntityMetadata;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.util.Assert;

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
public class PartTreeTenancyQuery implements RepositoryQuery {

	private final TenancyQueryMethod queryMethod;

	private final TenancyOperations operations;

	private final Class<?> domainType;

	private final PartTree tree;

	private final TenantEntityMetadata<?> metadata;

	private final Map<Class<?>, DtoProjectionConverter> dtoConverters = new ConcurrentHashMap<>();

	private final TenancyQueryPlan plan;

	/**
	 * Derive and validate the query.
	 * @param queryMethod must not be {@literal null}
	 * @param operations must not be {@literal null}
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException if no key condition can answer the method
	 */
	public PartTreeTenancyQuery(TenancyQueryMethod queryMethod, TenancyOperations operations) {
		Assert.notNull(queryMethod, "TenancyQueryMethod must not be null");
		Assert.notNull(operations, "TenancyOperations must not be null");
		this.queryMethod = queryMethod;
		this.operations = operations;
		this.domainType = queryMethod.getEntityInformation().getJavaType();
		String method = queryMethod.describe();
		if (queryMethod.getParameters().hasPageableParameter() || queryMethod.isPageQuery()
				|| queryMethod.isSliceQuery()) {
			throw TenancyQueryCreator.unsupported(method, "offset paging (Pageable, Page, Slice) would read and "
					+ "discard every skipped item; use a ScrollPosition and a Limit parameter with a Window result "
					+ "(keyset paging).");
		}
		this.tree = new PartTree(queryMethod.getName(), this.domainType);
		if (this.tree.isDistinct()) {
			throw TenancyQueryCreator.unsupported(method, "Distinct has no DynamoDB equivalent; items are unique by "
					+ "key already.");
		}
		this.metadata = operations.mappingContext().getRequiredMetadata(this.domainType);
		this.plan = new TenancyQueryCreator(this.tree, this.metadata, queryMethod.indexName(), method).createQuery();
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		ParametersParameterAccessor accessor = new ParametersParameterAccessor(this.queryMethod.getParameters(),
				parameters);
		ResultProcessor processor = this.queryMethod.getResultProcessor().withDynamicProjection(accessor);
		TenancyQuery query = projected(this.plan.bind(accessor, limit(accessor)), processor.getReturnedType());
		if (this.tree.isCountProjection()) {
			long count = this.operations.count(query, this.domainType);
			return (this.queryMethod.method().getReturnType() == int.class
					|| this.queryMethod.method().getReturnType() == Integer.class) ? Math.toIntExact(count) : count;
		}
		if (this.tree.isExistsProjection()) {
			return this.operations.exists(query, this.domainType);
		}
		if (this.tree.isDelete()) {
			return deleted(this.operations.delete(query, this.domainType));
		}
		Object result;
		if (this.queryMethod.isScrollQuery()) {
			ScrollPosition position = accessor.getScrollPosition();
			result = this.operations.scroll(query, (position != null) ? position : ScrollPosition.keyset(),
					this.domainType);
		}
		else if (this.queryMethod.isStreamQuery()) {
			result = TenantScopedStream.of(this.operations, query, this.domainType);
		}
		else if (this.queryMethod.isCollectionQuery()) {
			result = this.operations.find(query, this.domainType);
		}
		else {
			result = single(query);
		}
		Class<?> returned = processor.getReturnedType().getReturnedType();
		if (processor.getReturnedType().isProjecting() && !returned.isInterface()) {
			return processor.processResult(result, this.dtoConverters.computeIfAbsent(returned,
					DtoProjectionConverter::new));
		}
		return processor.processResult(result);
	}

	/**
	 * A closed projection (an interface whose getters all name entity properties, or a DTO) needs only its
	 * properties: the query reads only their attributes (and the keys), so it also works for a column-restricted
	 * caller whose policy allows just those. An open projection (SpEL) or a property that maps to no attribute reads
	 * whole items.
	 */
	private TenancyQuery projected(TenancyQuery query, ReturnedType returned) {
		if (!returned.isProjecting() || returned.getInputProperties().isEmpty() || this.tree.isCountProjection()
				|| this.tree.isExistsProjection() || this.tree.isDelete()) {
			return query;
		}
		List<String> attributes = new ArrayList<>();
		for (String property : returned.getInputProperties()) {
			String attribute = this.metadata.attribute(property);
			if (attribute == null) {
				return query;
			}
			attributes.add(attribute);
		}
		return query.withProjection(attributes);
	}

	private @Nullable Object single(TenancyQuery query) {
		boolean limited = query.limit().isLimited();
		List<?> found = this.operations.find(limited ? query : query.withLimit(Limit.of(2)), this.domainType);
		if (found.size() > 1 && !limited) {
			throw new IncorrectResultSizeDataAccessException(String.format("Query method '%s' expects at most one "
					+ "result but found more; return a collection, or use findFirst.", this.queryMethod.describe()), 1);
		}
		return found.isEmpty() ? null : found.get(0);
	}

	private @Nullable Object deleted(List<?> deleted) {
		Class<?> returnType = this.queryMethod.method().getReturnType();
		if (returnType == void.class || returnType == Void.class) {
			return null;
		}
		if (returnType == long.class || returnType == Long.class) {
			return (long) deleted.size();
		}
		if (returnType == int.class || returnType == Integer.class) {
			return deleted.size();
		}
		return this.queryMethod.getResultProcessor().processResult(deleted);
	}

	private Limit limit(ParametersParameterAccessor accessor) {
		Limit limit = accessor.getLimit();
		if (this.tree.isLimiting()) {
			int max = this.tree.getMaxResults();
			if (limit.isUnlimited() || limit.max() > max) {
				return Limit.of(max);
			}
		}
		return limit;
	}

	@Override
	public TenancyQueryMethod getQueryMethod() {
		return this.queryMethod;
	}

}
