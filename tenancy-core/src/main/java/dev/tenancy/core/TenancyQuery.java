package dev.tenancy.core;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.data.domain.Limit;
import org.springframework.util.Assert;

/**
 * A Query confined to the current tenant, described without the tenant: on the table (the tenant partition, narrowed
 * to the entity's sort-key prefix) or on a tenant index (the composed tenant-leading key), with an optional sort-key
 * condition, an optional filter, a direction, a limit and an optional projection. {@link TenancyOperations} adds the
 * tenant when it runs the query.
 *
 * @param index the tenant index to query, or {@literal null} for the table
 * @param indexKeyValues for an index, the values of the properties its key is composed from, in declaration order
 * @param sortKeyCondition the sort-key condition, or {@literal null} for the whole partition (of the entity type)
 * @param ascending whether to return items in ascending sort-key order
 * @param limit the maximum number of results
 * @param projection the attributes to read (the keys are always read too), or empty to read whole items
 * @param filter a filter applied to the items the key condition selects, or {@literal null} for none
 * @author tenancy
 * @since 0.1
 */
public record TenancyQuery(@Nullable String index, List<AttributeValue> indexKeyValues,
		@Nullable KeyCondition sortKeyCondition, boolean ascending, Limit limit, List<String> projection,
		@Nullable QueryFilter filter) {

	/**
	 * Validate and copy the components.
	 * @param index may be {@literal null}
	 * @param indexKeyValues must not be {@literal null}; empty for the table
	 * @param sortKeyCondition may be {@literal null}
	 * @param ascending the direction
	 * @param limit must not be {@literal null}
	 * @param projection must not be {@literal null}; empty to read whole items
	 * @param filter may be {@literal null}
	 */
	public TenancyQuery {
		Assert.notNull(indexKeyValues, "Index key values must not be null");
		Assert.isTrue(index != null || indexKeyValues.isEmpty(), "A table query has no index key values");
		Assert.notNull(limit, "Limit must not be null");
		Assert.notNull(projection, "Projection must not be null");
		indexKeyValues = List.copyOf(indexKeyValues);
		projection = List.copyOf(new LinkedHashSet<>(projection));
	}

	/**
	 * A query that reads whole items.
	 * @param index may be {@literal null}
	 * @param indexKeyValues must not be {@literal null}; empty for the table
	 * @param sortKeyCondition may be {@literal null}
	 * @param ascending the direction
	 * @param limit must not be {@literal null}
	 */
	public TenancyQuery(@Nullable String index, List<AttributeValue> indexKeyValues,
			@Nullable KeyCondition sortKeyCondition, boolean ascending, Limit limit) {
		this(index, indexKeyValues, sortKeyCondition, ascending, limit, List.of(), null);
	}

	/**
	 * @return a query for every item of the entity type in the tenant partition, ascending, unlimited
	 */
	public static TenancyQuery table() {
		return new TenancyQuery(null, List.of(), null, true, Limit.unlimited());
	}

	/**
	 * @param index the index name
	 * @param keyValues the values of the properties the index key is composed from, in declaration order
	 * @return a query for the items of the tenant under that index key, ascending, unlimited
	 */
	public static TenancyQuery index(String index, List<AttributeValue> keyValues) {
		Assert.hasText(index, "Index must not be empty");
		return new TenancyQuery(index, keyValues, null, true, Limit.unlimited());
	}

	/**
	 * @param condition the sort-key condition
	 * @return a copy with the condition
	 */
	public TenancyQuery withSortKeyCondition(@Nullable KeyCondition condition) {
		return new TenancyQuery(this.index, this.indexKeyValues, condition, this.ascending, this.limit,
				this.projection, this.filter);
	}

	/**
	 * @param ascending the direction
	 * @return a copy with the direction
	 */
	public TenancyQuery withAscending(boolean ascending) {
		return new TenancyQuery(this.index, this.indexKeyValues, this.sortKeyCondition, ascending, this.limit,
				this.projection, this.filter);
	}

	/**
	 * @param limit the maximum number of results
	 * @return a copy with the limit
	 */
	public TenancyQuery withLimit(Limit limit) {
		return new TenancyQuery(this.index, this.indexKeyValues, this.sortKeyCondition, this.ascending, limit,
				this.projection, this.filter);
	}

	/**
	 * Read only the given attributes (and the keys, which the read-side check and keyset positions need), as a closed
	 * projection or a column-restricted caller needs: the Query sends a {@code ProjectionExpression}.
	 * @param attributes the attribute names, empty to read whole items
	 * @return a copy with the projection
	 */
	public TenancyQuery withProjection(Collection<String> attributes) {
		Assert.notNull(attributes, "Attributes must not be null");
		attributes.forEach((attribute) -> Assert.hasText(attribute, "A projected attribute name must not be empty"));
		return new TenancyQuery(this.index, this.indexKeyValues, this.sortKeyCondition, this.ascending, this.limit,
				List.copyOf(attributes), this.filter);
	}

	/**
	 * @param filter the filter, or {@literal null} for none
	 * @return a copy with the filter
	 */
	public TenancyQuery withFilter(@Nullable QueryFilter filter) {
		return new TenancyQuery(this.index, this.indexKeyValues, this.sortKeyCondition, this.ascending, this.limit,
				this.projection, filter);
	}

}
