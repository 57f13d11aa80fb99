package dev.tenancy.repository.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyQuery;
import dev.tenancy.core.TenantEntityMetadata;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.util.Assert;

/**
 * The execution shared by derived and declared queries: a {@link TenancyQueryPlan}, validated when the repository is
 * created, is bound to the arguments of each call and run by {@link TenancyOperations} as a DynamoDB Query in the
 * current tenant's partition (or under the tenant's key of a tenant index).
 * <p>
 * Return types: a collection, {@code Stream} (read a page at a time as it is consumed, for the caller's tenant;
 * see {@link TenantScopedStream}), a single entity or {@code Optional} (at most one match, else
 * {@link IncorrectResultSizeDataAccessException}), {@code Window} with a {@link ScrollPosition} parameter (keyset
 * scrolling on DynamoDB's {@code LastEvaluatedKey}), counts, existence and deletes. A {@link Limit} parameter limits
 * the results; a {@code Sort} parameter may only choose the direction of the sort key. {@code Pageable}, {@code Page}
 * and {@code Slice} (offset paging) are refused. Closed projections (interfaces and DTOs, also as a dynamic
 * {@code Class<T>} parameter) read only their attributes and the keys.
 *
 * @author tenancy
 * @since 0.2
 */
abstract class AbstractTenancyQuery implements RepositoryQuery {

	private final TenancyQueryMethod queryMethod;

	private final TenancyOperations operations;

	private final Class<?> domainType;

	private final TenantEntityMetadata<?> metadata;

	private final Map<Class<?>, DtoProjectionConverter> dtoConverters = new ConcurrentHashMap<>();

	/**
	 * @param queryMethod must not be {@literal null}
	 * @param operations must not be {@literal null}
	 * @param refusal turns the reason a method cannot be a query into the exception that says so
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException for offset paging
	 */
	AbstractTenancyQuery(TenancyQueryMethod queryMethod, TenancyOperations operations,
			Function<String, InvalidDataAccessApiUsageException> refusal) {
		Assert.notNull(queryMethod, "TenancyQueryMethod must not be null");
		Assert.notNull(operations, "TenancyOperations must not be null");
		this.queryMethod = queryMethod;
		this.operations = operations;
		this.domainType = queryMethod.getEntityInformation().getJavaType();
		if (queryMethod.getParameters().hasPageableParameter() || queryMethod.isPageQuery()
				|| queryMethod.isSliceQuery()) {
			throw refusal.apply("offset paging (Pageable, Page, Slice) would read and discard every skipped item; use "
					+ "a ScrollPosition and a Limit parameter with a Window result (keyset paging).");
		}
		this.metadata = operations.mappingContext().getRequiredMetadata(this.domainType);
	}

	/**
	 * @return the metadata of the repository's entity
	 */
	final TenantEntityMetadata<?> metadata() {
		return this.metadata;
	}

	/**
	 * @return the validated plan the arguments of each call are bound to
	 */
	abstract TenancyQueryPlan plan();

	/**
	 * @return what the query does with the matching items
	 */
	abstract Execution execution();

	/**
	 * @return the most results the method declares (for example {@code findFirst3…}), or {@literal null} for no limit
	 */
	abstract @Nullable Integer maxResults();

	@Override
	public @Nullable Object execute(Object[] parameters) {
		ParametersParameterAccessor accessor = new ParametersParameterAccessor(this.queryMethod.getParameters(),
				parameters);
		ResultProcessor processor = this.queryMethod.getResultProcessor().withDynamicProjection(accessor);
		Execution execution = execution();
		TenancyQuery query = plan().bind(accessor, limit(accessor));
		if (execution == Execution.FIND) {
			query = projected(query, processor.getReturnedType());
		}
		switch (execution) {
			case COUNT -> {
				long count = this.operations.count(query, this.domainType);
				Class<?> returnType = this.queryMethod.method().getReturnType();
				if (returnType == int.class || returnType == Integer.class) {
					return Math.toIntExact(count);
				}
				return count;
			}
			case EXISTS -> {
				return this.operations.exists(query, this.domainType);
			}
			case DELETE -> {
				return deleted(this.operations.delete(query, this.domainType));
			}
			case FIND -> {
				return found(query, accessor, processor);
			}
		}
		throw new IllegalStateException("Unknown execution " + execution);
	}

	private @Nullable Object found(TenancyQuery query, ParametersParameterAccessor accessor,
			ResultProcessor processor) {
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
		if (!returned.isProjecting() || returned.getInputProperties().isEmpty()) {
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
					+ "result but found more; return a collection, or limit the results (findFirst…, @Query(limit = 1)).",
					this.queryMethod.describe()), 1);
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
		Integer max = maxResults();
		if (max != null && (limit.isUnlimited() || limit.max() > max)) {
			return Limit.of(max);
		}
		return limit;
	}

	@Override
	public TenancyQueryMethod getQueryMethod() {
		return this.queryMethod;
	}

	/** What a query does with the items that match. */
	enum Execution {

		/** Return them (or a projection of them). */
		FIND,

		/** Count them. */
		COUNT,

		/** Tell whether there is one. */
		EXISTS,

		/** Delete them and return them or their number. */
		DELETE

	}

}
