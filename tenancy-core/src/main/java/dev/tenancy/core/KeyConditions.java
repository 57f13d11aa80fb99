package dev.tenancy.core;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import static dev.tenancy.core.ItemConverter.string;

/**
 * Renders a {@link TenancyQuery} into the key condition of a DynamoDB Query on the tenant's partition (or on a tenant
 * index partition): the sort-key condition within the entity's prefix, the type filter on shared indexes (and the
 * query's own filter, which can only drop items), and keyset positions to and from exclusive start keys. Every condition is on the partition key the scope owns, so a query can
 * only read the tenant's items.
 */
final class KeyConditions {

	/** The largest code point: {@code prefix + MAX_SUFFIX} sorts after every identity that starts with prefix. */
	private static final String MAX_SUFFIX = new String(Character.toChars(Character.MAX_CODE_POINT));

	private final ItemConverter converter;

	private final boolean consistentReads;

	KeyConditions(ItemConverter converter, boolean consistentReads) {
		this.converter = converter;
		this.consistentReads = consistentReads;
	}

	@Nullable TenantIndexMetadata index(TenantEntityMetadata<?> metadata, TenancyQuery query) {
		if (query.index() == null) {
			return null;
		}
		TenantIndexMetadata index = metadata.index(query.index());
		if (index == null) {
			throw new InvalidDataAccessApiUsageException(String.format("'%s' has no tenant index '%s'; declare it with "
					+ "@TenantIndexKey.", metadata.type().getName(), query.index()));
		}
		if (index.attributes().size() != query.indexKeyValues().size()) {
			throw new InvalidDataAccessApiUsageException(String.format("Index '%s' of '%s' is keyed by %s, but the "
					+ "query gives %d value(s).", index.name(), metadata.type().getName(), index.properties(),
					query.indexKeyValues().size()));
		}
		return index;
	}

	/**
	 * Build the request for a query, or return {@literal null} if its sort-key range is empty.
	 */
	@Nullable PreparedQuery prepare(TenantEntityMetadata<?> metadata, @Nullable TenantIndexMetadata index,
			TenancyQuery query, TenantKeys keys) {
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		QueryRequest.Builder request = QueryRequest.builder()
			.tableName(keys.table(metadata))
			.scanIndexForward(query.ascending());
		SortKeyMetadata sortKey;
		StringBuilder condition = new StringBuilder("#pk = :pk");
		String keyProjection;
		String typeFilter = null;
		String tableSortKey = metadata.sortKey().attribute();
		if (index == null) {
			names.put("#pk", metadata.partitionKeyAttribute());
			values.put(":pk", string(keys.partitionKey()));
			sortKey = metadata.sortKey();
			request.consistentRead(this.consistentReads);
			keyProjection = "#pk, #tsk";
		}
		else {
			request.indexName(index.name());
			names.put("#pk", index.partitionKeyAttribute());
			values.put(":pk", string(this.converter.indexKey(metadata, index, keys, query.indexKeyValues())));
			sortKey = index.sortKey();
			keyProjection = "#tpk, #tsk, #pk";
			if (sortKey == null || !sortKey.attribute().equals(tableSortKey)) {
				typeFilter = "begins_with(#tsk, :type)";
				values.put(":type", string(metadata.sortKey().prefix()));
			}
		}
		names.put("#tsk", tableSortKey);
		KeyCondition sortCondition = query.sortKeyCondition();
		AttributeValue excluded = null;
		if (sortKey == null) {
			if (sortCondition != null) {
				throw new InvalidDataAccessApiUsageException(String.format("Index '%s' of '%s' has no sort key, so it "
						+ "cannot take a sort-key condition.", query.index(), metadata.type().getName()));
			}
		}
		else if (sortKey.prefixed()) {
			String prefix = sortKey.prefix();
			String sk = sortKey.attribute().equals(tableSortKey) ? "#tsk" : "#sk";
			names.put(sk, sortKey.attribute());
			if (sortCondition == null) {
				condition.append(" AND begins_with(").append(sk).append(", :sk0)");
				values.put(":sk0", string(prefix));
			}
			else {
				String v0 = prefix + text(sortCondition.values().get(0));
				switch (sortCondition.operator()) {
					case EQ -> between(condition, values, sk, v0, null);
					case BEGINS_WITH -> {
						condition.append(" AND begins_with(").append(sk).append(", :sk0)");
						values.put(":sk0", string(v0));
					}
					case BETWEEN -> {
						String v1 = prefix + text(sortCondition.values().get(1));
						if (compareUtf8(v0, v1) > 0) {
							return null;
						}
						between(condition, values, sk, v0, v1);
					}
					case LT, LE -> {
						between(condition, values, sk, prefix, v0);
						excluded = (sortCondition.operator() == KeyCondition.Operator.LT) ? string(v0) : null;
					}
					case GT, GE -> {
						between(condition, values, sk, v0, prefix + MAX_SUFFIX);
						excluded = (sortCondition.operator() == KeyCondition.Operator.GT) ? string(v0) : null;
					}
				}
			}
		}
		else if (sortCondition != null) {
			names.put("#sk", sortKey.attribute());
			List<AttributeValue> operands = sortCondition.values();
			values.put(":sk0", operands.get(0));
			switch (sortCondition.operator()) {
				case EQ -> condition.append(" AND #sk = :sk0");
				case BEGINS_WITH -> condition.append(" AND begins_with(#sk, :sk0)");
				case LT -> condition.append(" AND #sk < :sk0");
				case LE -> condition.append(" AND #sk <= :sk0");
				case GT -> condition.append(" AND #sk > :sk0");
				case GE -> condition.append(" AND #sk >= :sk0");
				case BETWEEN -> {
					if (compare(operands.get(0), operands.get(1)) > 0) {
						return null;
					}
					condition.append(" AND #sk BETWEEN :sk0 AND :sk1");
					values.put(":sk1", operands.get(1));
				}
			}
		}
		request.keyConditionExpression(condition.toString());
		QueryFilter filter = query.filter();
		if (filter != null) {
			names.putAll(filter.names());
			values.putAll(filter.values());
		}
		String filterExpression = (filter == null) ? typeFilter
				: (typeFilter != null) ? typeFilter + " AND (" + filter.expression() + ")" : filter.expression();
		if (filterExpression != null) {
			request.filterExpression(filterExpression);
		}
		String excludedAttribute = (sortKey != null) ? sortKey.attribute() : tableSortKey;
		return new PreparedQuery(request, keyProjection, excluded, excludedAttribute, names, values);
	}

	private static void between(StringBuilder condition, Map<String, AttributeValue> values, String sk, String from,
			@Nullable String to) {
		if (to == null) {
			condition.append(" AND ").append(sk).append(" = :sk0");
			values.put(":sk0", string(from));
			return;
		}
		condition.append(" AND ").append(sk).append(" BETWEEN :sk0 AND :sk1");
		values.put(":sk0", string(from));
		values.put(":sk1", string(to));
	}

	/** Compare two strings in DynamoDB's order (UTF-8 bytes, which is code point order). */
	static int compareUtf8(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

	private static int compare(AttributeValue a, AttributeValue b) {
		if (a.n() != null && b.n() != null) {
			return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
		}
		if (a.s() != null && b.s() != null) {
			return compareUtf8(a.s(), b.s());
		}
		return 0;
	}

	private static String text(AttributeValue value) {
		if (value.s() == null) {
			throw new InvalidDataAccessApiUsageException("An identity in a sort-key condition must be a String.");
		}
		return value.s();
	}

	Map<String, AttributeValue> startKey(TenantEntityMetadata<?> metadata, TenancyQuery query,
			TenantKeys keys, Map<String, Object> position) {
		Object id = position.get(metadata.idProperty());
		if (!(id instanceof String text) || text.isEmpty()) {
			throw new InvalidDataAccessApiUsageException(String.format("The scroll position for '%s' must hold the "
					+ "identity '%s' as a non-empty String; use a position of a Window returned by this repository.",
					metadata.type().getSimpleName(), metadata.idProperty()));
		}
		Map<String, AttributeValue> key = new HashMap<>(ItemConverter.key(metadata, keys, text));
		TenantIndexMetadata index = index(metadata, query);
		if (index != null) {
			key.put(index.partitionKeyAttribute(),
					string(this.converter.indexKey(metadata, index, keys, query.indexKeyValues())));
			SortKeyMetadata sortKey = index.sortKey();
			if (sortKey != null && !sortKey.prefixed()) {
				Object value = position.get(sortKey.property());
				if (value == null) {
					throw new InvalidDataAccessApiUsageException(String.format("The scroll position for '%s' lacks "
							+ "the index sort key '%s'; use a position of a Window returned by this repository.",
							metadata.type().getSimpleName(), sortKey.property()));
				}
				key.put(sortKey.attribute(), switch (sortKey.type()) {
					case N -> AttributeValue.builder().n(value.toString()).build();
					case S -> string(value.toString());
					default -> throw new InvalidDataAccessApiUsageException(String.format("Cannot scroll index '%s' "
							+ "of '%s': its sort key is binary.", index.name(), metadata.type().getSimpleName()));
				});
			}
		}
		return key;
	}

	static Map<String, Object> positionKeys(TenantEntityMetadata<?> metadata, TenancyQuery query,
			Map<String, AttributeValue> item) {
		Map<String, Object> position = new LinkedHashMap<>();
		String stored = item.get(metadata.sortKey().attribute()).s();
		position.put(metadata.idProperty(), stored.substring(metadata.sortKey().prefix().length()));
		if (query.index() != null) {
			TenantIndexMetadata index = metadata.index(query.index());
			SortKeyMetadata sortKey = (index != null) ? index.sortKey() : null;
			if (sortKey != null && !sortKey.prefixed()) {
				AttributeValue value = item.get(sortKey.attribute());
				if (value != null && value.n() != null) {
					position.put(sortKey.property(), new BigDecimal(value.n()));
				}
				else if (value != null && value.s() != null) {
					position.put(sortKey.property(), value.s());
				}
			}
		}
		return position;
	}

	/**
	 * A rendered query.
	 *
	 * @param request the request, with its key condition
	 * @param keyProjection the projection that reads only the keys
	 * @param excluded a sort-key value to skip (an exclusive bound rendered as an inclusive one), or {@literal null}
	 * @param sortKeyAttribute the attribute {@code excluded} is compared with
	 * @param names the expression attribute names
	 * @param values the expression attribute values
	 */
	record PreparedQuery(QueryRequest.Builder request, String keyProjection, @Nullable AttributeValue excluded,
			String sortKeyAttribute, Map<String, String> names, Map<String, AttributeValue> values) {
	}

}
