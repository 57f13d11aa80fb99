package dev.tenancy.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.KeyConditions.PreparedQuery;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * Runs a rendered query page by page on the tenant-scoped client: every returned item passes the read-side check
 * before it is collected, a count reads keys wherever {@code Select COUNT} would be inexact or skip the check, and a
 * keyset {@link Window} is assembled from one page more than asked for.
 */
final class QueryExecutor {

	/** The largest {@code Limit} a page asks for. */
	private static final int MAX_PAGE_LIMIT = 1000;

	private final DynamoDbCalls calls;

	private final ItemConverter converter;

	private final ReadSideCheck readCheck;

	private final KeyConditions keyConditions;

	private final EntityLifecycle lifecycle;

	QueryExecutor(DynamoDbCalls calls, ItemConverter converter, ReadSideCheck readCheck, KeyConditions keyConditions,
			EntityLifecycle lifecycle) {
		this.calls = calls;
		this.converter = converter;
		this.readCheck = readCheck;
		this.keyConditions = keyConditions;
		this.lifecycle = lifecycle;
	}

	<T> Window<T> scroll(TenantEntityMetadata<T> metadata, TenantKeys keys, TenancyQuery query,
			ScrollPosition position) {
		boolean backward = false;
		Map<String, Object> positionKeys = Map.of();
		if (position instanceof KeysetScrollPosition keyset) {
			backward = keyset.scrollsBackward();
			positionKeys = keyset.getKeys();
		}
		else if (!(position instanceof OffsetScrollPosition offset) || !offset.isInitial()) {
			throw new InvalidDataAccessApiUsageException(String.format("Cannot scroll '%s' from %s: DynamoDB pages by "
					+ "key; use ScrollPosition.keyset() and the positions of the returned Window.",
					metadata.type().getSimpleName(), position));
		}
		TenancyQuery effective = backward ? query.withAscending(!query.ascending()) : query;
		Map<String, AttributeValue> startKey = positionKeys.isEmpty() ? null
				: this.keyConditions.startKey(metadata, effective, keys, positionKeys);
		int limit = max(query);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		query(metadata, effective, keys, startKey, (limit == Integer.MAX_VALUE) ? limit : limit + 1, ReadMode.ITEMS,
				items);
		boolean hasNext = items.size() > limit;
		List<Map<String, AttributeValue>> window = hasNext ? new ArrayList<>(items.subList(0, limit)) : items;
		if (backward) {
			Collections.reverse(window);
		}
		List<T> entities = this.lifecycle.afterConvert(this.converter.toEntities(metadata, window, keys),
				keys.table(metadata), keys);
		List<Map<String, Object>> positions = new ArrayList<>(window.size());
		for (Map<String, AttributeValue> item : window) {
			positions.add(KeyConditions.positionKeys(metadata, effective, item));
		}
		boolean reverse = backward;
		return Window.from(entities,
				(index) -> reverse ? ScrollPosition.backward(positions.get(index))
						: ScrollPosition.forward(positions.get(index)),
				hasNext);
	}

	/**
	 * The projection of a query that reads only some attributes: the keys (the read-side check needs the partition
	 * keys, keyset positions the sort keys) and the query's attributes, each named by a placeholder.
	 */
	private static String projection(TenantEntityMetadata<?> metadata, @Nullable TenantIndexMetadata index,
			TenancyQuery query, PreparedQuery prepared) {
		Map<String, String> names = prepared.names();
		StringBuilder projection = new StringBuilder(prepared.keyProjection());
		Set<String> projected = new HashSet<>();
		projected.add(metadata.partitionKeyAttribute());
		projected.add(metadata.sortKey().attribute());
		if (index != null) {
			names.put("#tpk", metadata.partitionKeyAttribute());
			projected.add(index.partitionKeyAttribute());
			SortKeyMetadata indexSortKey = index.sortKey();
			if (indexSortKey != null && projected.add(indexSortKey.attribute())) {
				names.put("#pisk", indexSortKey.attribute());
				projection.append(", #pisk");
			}
		}
		int i = 0;
		for (String attribute : query.projection()) {
			if (projected.add(attribute)) {
				String placeholder = "#p" + i++;
				names.put(placeholder, attribute);
				projection.append(", ").append(placeholder);
			}
		}
		return projection.toString();
	}

	static int max(TenancyQuery query) {
		return query.limit().isLimited() ? query.limit().max() : Integer.MAX_VALUE;
	}

	/**
	 * Run a query page by page until {@code maxItems} checked items are collected or the results end.
	 * @param mode what to read: whole items, keys only, or (where exact) just the count
	 * @param sink receives the checked items (not used when counting)
	 * @return the number of matching items
	 */
	long query(TenantEntityMetadata<?> metadata, TenancyQuery query, TenantKeys keys,
			@Nullable Map<String, AttributeValue> startKey, int maxItems, ReadMode mode,
			List<Map<String, AttributeValue>> sink) {
		TenantIndexMetadata index = this.keyConditions.index(metadata, query);
		PreparedQuery prepared = this.keyConditions.prepare(metadata, index, query, keys);
		if (prepared == null) {
			return 0;
		}
		QueryRequest.Builder request = prepared.request();
		// A count on an index reads the keys so that each item passes the read-side check: an index partition may
		// hold another tenant's item (TH-23), which Select COUNT would count unseen
		boolean countOnly = mode == ReadMode.COUNT && index == null && maxItems == Integer.MAX_VALUE
				&& prepared.excluded() == null;
		if (countOnly) {
			request.select(Select.COUNT);
		}
		else if (mode != ReadMode.ITEMS) {
			if (index != null) {
				prepared.names().put("#tpk", metadata.partitionKeyAttribute());
			}
			request.projectionExpression(prepared.keyProjection());
		}
		else if (!query.projection().isEmpty()) {
			request.projectionExpression(projection(metadata, index, query, prepared));
		}
		request.expressionAttributeNames(prepared.names()).expressionAttributeValues(prepared.values());
		// DynamoDB's Limit counts the items a page evaluates before the filter drops any: with a filter, each further
		// page may evaluate twice as many as the last (the items read beyond the ones needed are discarded, positions
		// come from the items returned), so a selective filter takes a logarithmic number of requests, not one per item
		boolean filtered = request.build().filterExpression() != null;
		int pageLimit = 0;
		Map<String, AttributeValue> exclusiveStartKey = startKey;
		long seen = 0;
		while (true) {
			if (!countOnly && maxItems != Integer.MAX_VALUE) {
				long remaining = maxItems - sink.size() + ((prepared.excluded() != null) ? 1 : 0);
				pageLimit = (int) Math.min(filtered ? Math.max(remaining, 2L * pageLimit) : remaining, MAX_PAGE_LIMIT);
				request.limit(pageLimit);
			}
			request.exclusiveStartKey(exclusiveStartKey);
			QueryRequest page = request.build();
			QueryResponse response = this.calls.execute((client) -> client.query(page));
			if (countOnly) {
				Integer count = response.count();
				seen += (count != null) ? count : 0;
			}
			else {
				for (Map<String, AttributeValue> item : response.items()) {
					this.readCheck.check(metadata, item, keys, "Query", index);
				}
				for (Map<String, AttributeValue> item : response.items()) {
					if (prepared.excluded() != null
							&& prepared.excluded().equals(item.get(prepared.sortKeyAttribute()))) {
						continue;
					}
					sink.add(item);
					seen++;
					if (sink.size() >= maxItems) {
						return seen;
					}
				}
			}
			if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
				return seen;
			}
			exclusiveStartKey = response.lastEvaluatedKey();
		}
	}

	/** What a query reads. */
	enum ReadMode {

		/** Whole items. */
		ITEMS,

		/** Only the table (and index) keys. */
		KEYS,

		/** Only the number of items; keys where a count alone would not be exact or would skip the read-side check. */
		COUNT

	}

}
