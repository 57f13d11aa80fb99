package dev.tenancy.repository.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.KeyCondition;
import dev.tenancy.core.KeyCondition.Operator;
import dev.tenancy.core.QueryFilter;
import dev.tenancy.core.SortKeyMetadata;
import dev.tenancy.core.TenancyQuery;
import dev.tenancy.core.TenantEntityMetadata;
import dev.tenancy.core.TenantIndexMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.ParameterAccessor;

/**
 * A validated, tenant-free query shape with parameter positions, created once per query method (by
 * {@link TenancyQueryCreator} from a method name, or by {@link DeclaredQueryParser} from a {@link Query}) and bound to
 * the arguments of each call.
 *
 * @author tenancy
 * @since 0.1
 */
final class TenancyQueryPlan {

	private final TenantEntityMetadata<?> metadata;

	private final String method;

	private final @Nullable TenantIndexMetadata index;

	private final List<Integer> keyParameters;

	private final @Nullable SortKeyMetadata sortKey;

	private final @Nullable Operator sortOperator;

	private final List<Integer> sortParameters;

	private final boolean ascending;

	private final @Nullable FilterTemplate filter;

	/**
	 * @param metadata the entity metadata
	 * @param method the method, for messages
	 * @param index the queried index, or {@literal null} for the table
	 * @param keyParameters for an index, the parameter of each property its key is composed from, in order
	 * @param sortKey the sort key of the queried table or index, or {@literal null} if it has none
	 * @param sortOperator the sort-key comparison, or {@literal null} for none
	 * @param sortParameters the parameters of the sort-key comparison, as many as the operator takes
	 * @param ascending the direction unless a dynamic sort says otherwise
	 * @param filter the filter, or {@literal null} for none
	 */
	TenancyQueryPlan(TenantEntityMetadata<?> metadata, String method, @Nullable TenantIndexMetadata index,
			List<Integer> keyParameters, @Nullable SortKeyMetadata sortKey, @Nullable Operator sortOperator,
			List<Integer> sortParameters, boolean ascending, @Nullable FilterTemplate filter) {
		this.metadata = metadata;
		this.method = method;
		this.index = index;
		this.keyParameters = List.copyOf(keyParameters);
		this.sortKey = sortKey;
		this.sortOperator = sortOperator;
		this.sortParameters = List.copyOf(sortParameters);
		this.ascending = ascending;
		this.filter = filter;
	}

	/**
	 * @return whether results come in ascending sort-key order unless a dynamic sort says otherwise
	 */
	boolean ascending() {
		return this.ascending;
	}

	/**
	 * Bind the arguments of a call.
	 * @param accessor the arguments
	 * @param limit the effective limit
	 * @return the query
	 */
	TenancyQuery bind(ParameterAccessor accessor, Limit limit) {
		TenancyQuery query;
		if (this.index != null) {
			List<AttributeValue> values = new ArrayList<>(this.keyParameters.size());
			for (int i = 0; i < this.keyParameters.size(); i++) {
				values.add(convert(this.index.attributes().get(i), this.index.properties().get(i),
						accessor.getBindableValue(this.keyParameters.get(i))));
			}
			query = TenancyQuery.index(this.index.name(), values);
		}
		else {
			query = TenancyQuery.table();
		}
		if (this.sortOperator != null && this.sortKey != null) {
			List<AttributeValue> operands = new ArrayList<>(this.sortParameters.size());
			for (int parameter : this.sortParameters) {
				operands.add(convert(this.sortKey.attribute(), this.sortKey.property(),
						accessor.getBindableValue(parameter)));
			}
			query = query.withSortKeyCondition(new KeyCondition(this.sortOperator, operands));
		}
		return query.withAscending(ascending(accessor.getSort(), this.sortKey, this.method, this.ascending))
			.withLimit(limit)
			.withFilter(filter(accessor));
	}

	private @Nullable QueryFilter filter(ParameterAccessor accessor) {
		if (this.filter == null) {
			return null;
		}
		Map<String, AttributeValue> values = new HashMap<>();
		for (FilterTemplate.Operand operand : this.filter.operands()) {
			values.put(operand.placeholder(), convert(operand.attribute(), operand.property(),
					accessor.getBindableValue(operand.parameterIndex()), true));
		}
		return new QueryFilter(this.filter.expression(), this.filter.names(), values);
	}

	private AttributeValue convert(String attribute, String property, @Nullable Object value) {
		return convert(attribute, property, value, false);
	}

	private AttributeValue convert(String attribute, String property, @Nullable Object value, boolean inFilter) {
		if (value == null) {
			throw new InvalidDataAccessApiUsageException(String.format("The argument for '%s' of '%s' must not be "
					+ "null: it is part of the %s.", property, this.method, inFilter ? "filter; to match "
					+ "an absent attribute, declare attribute_not_exists(" + property + ")" : "key condition"));
		}
		try {
			return this.metadata.toAttributeValue(attribute, value);
		}
		catch (ClassCastException | IllegalArgumentException ex) {
			throw new InvalidDataAccessApiUsageException(String.format("The argument for '%s' of '%s' cannot be "
					+ "converted like the attribute '%s': %s", property, this.method, attribute, ex.getMessage()), ex);
		}
	}

	/**
	 * Validate a sort against the sort key and return its direction.
	 * @param sort the sort
	 * @param sortKey the sort key of the queried table or index, or {@literal null}
	 * @param method the method, for messages
	 * @param otherwise the direction when the sort is unsorted
	 * @return whether the order is ascending
	 * @throws InvalidDataAccessApiUsageException if the sort is not by the sort key alone
	 */
	static boolean ascending(Sort sort, @Nullable SortKeyMetadata sortKey, String method, boolean otherwise) {
		if (sort.isUnsorted()) {
			return otherwise;
		}
		List<Sort.Order> orders = sort.toList();
		Sort.Order order = orders.get(0);
		if (orders.size() > 1 || sortKey == null || !order.getProperty().equals(sortKey.property())
				|| order.isIgnoreCase()) {
			String reason = (sortKey != null)
					? String.format("ordering by %s is not possible: DynamoDB returns items in the order of the sort "
							+ "key '%s' only.", sort, sortKey.property())
					: String.format("ordering by %s is not possible: the index has no sort key.", sort);
			throw TenancyQueryCreator.unsupported(method, reason);
		}
		return order.isAscending();
	}

}
