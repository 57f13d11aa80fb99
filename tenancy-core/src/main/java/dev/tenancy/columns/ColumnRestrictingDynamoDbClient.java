package dev.tenancy.columns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.AccessVariantResolver;
import dev.tenancy.keys.DynamoDbKeySchema;

/**
 * A {@link DynamoDbClient} in front of the tenant-scoped client that shapes the requests of column-restricted
 * {@link AccessVariant access variants} so that their session policy allows them: reads always send a projection, and
 * whole-item writes become updates. Tenant-scoped repositories use it when {@link ColumnRestrictions} declare
 * restricted variants.
 * <p>
 * For a caller whose variant is restricted:
 * <ul>
 * <li>{@code GetItem}, {@code Query} and {@code BatchGetItem} without a projection get one that names exactly the
 * attributes the variant may read (requests with their own projection or {@code Select} are left as they are, and
 * the guard and IAM judge them);</li>
 * <li>{@code PutItem}, which a restricted policy does not grant because it would replace the hidden attributes, is
 * sent as an {@code UpdateItem} of the same key with the same condition: it sets every attribute of the item and
 * removes the allowed attributes the item lacks, so that hidden attributes keep their stored values.</li>
 * </ul>
 * Everything else passes through unchanged, and {@link AccessVariant#UNRESTRICTED} callers are never touched. This
 * client adds no permission: every request it sends still passes the guard and IAM with the caller's own session
 * policy. It implements the operations tenant-scoped repositories use; any other operation fails with
 * {@link UnsupportedOperationException}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class ColumnRestrictingDynamoDbClient implements DynamoDbClient {

	private static final String NAME_PREFIX = "#rc";

	private static final String VALUE_PREFIX = ":rc";

	private final DynamoDbClient delegate;

	private final DynamoDbKeySchema keySchema;

	private final Map<AccessVariant, Projection> projections;

	private final AccessVariantResolver resolver;

	/**
	 * @param delegate the tenant-scoped client
	 * @param keySchema the key schema of the tables, to find an item's key
	 * @param attributes every attribute each restricted variant may read and write, key attributes included
	 * @param resolver decides the variant of the calling thread's principal
	 */
	public ColumnRestrictingDynamoDbClient(DynamoDbClient delegate, DynamoDbKeySchema keySchema,
			Map<AccessVariant, ? extends Collection<String>> attributes, AccessVariantResolver resolver) {
		Assert.notNull(delegate, "Delegate must not be null");
		Assert.notNull(keySchema, "Key schema must not be null");
		Assert.notNull(resolver, "Resolver must not be null");
		this.delegate = delegate;
		this.keySchema = keySchema;
		Map<AccessVariant, Projection> projections = new HashMap<>();
		attributes.forEach((variant, names) -> {
			Assert.isTrue(variant.restricted(), "The unrestricted variant has no column restriction");
			projections.put(variant, Projection.of(names));
		});
		this.projections = Map.copyOf(projections);
		this.resolver = resolver;
	}

	/**
	 * @return the projection of the caller's variant, or {@literal null} if the caller is unrestricted
	 */
	private @Nullable Projection callerProjection() {
		AccessVariant variant = this.resolver.resolve();
		if (!variant.restricted()) {
			return null;
		}
		Projection projection = this.projections.get(variant);
		Assert.state(projection != null, () -> "Access variant '" + variant + "' has no column restriction "
				+ "(restricted variants: " + this.projections.keySet() + "); configure it or resolve callers to a "
				+ "configured variant.");
		return projection;
	}

	@Override
	public GetItemResponse getItem(GetItemRequest request) {
		Projection projection = callerProjection();
		if (projection != null && request.projectionExpression() == null && !request.hasAttributesToGet()) {
			request = request.toBuilder()
				.projectionExpression(projection.expression())
				.expressionAttributeNames(merge(request.expressionAttributeNames(), projection.names()))
				.build();
		}
		return this.delegate.getItem(request);
	}

	@Override
	public QueryResponse query(QueryRequest request) {
		Projection projection = callerProjection();
		if (projection != null && request.projectionExpression() == null && !request.hasAttributesToGet()
				&& request.select() == null) {
			request = request.toBuilder()
				.projectionExpression(projection.expression())
				.expressionAttributeNames(merge(request.expressionAttributeNames(), projection.names()))
				.build();
		}
		return this.delegate.query(request);
	}

	@Override
	public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
		Projection projection = callerProjection();
		if (projection != null) {
			Map<String, KeysAndAttributes> tables = new LinkedHashMap<>();
			request.requestItems().forEach((table, keys) -> tables.put(table,
					(keys.projectionExpression() != null || keys.hasAttributesToGet()) ? keys
							: keys.toBuilder()
								.projectionExpression(projection.expression())
								.expressionAttributeNames(merge(keys.expressionAttributeNames(), projection.names()))
								.build()));
			request = request.toBuilder().requestItems(tables).build();
		}
		return this.delegate.batchGetItem(request);
	}

	@Override
	public PutItemResponse putItem(PutItemRequest request) {
		Projection projection = callerProjection();
		if (projection == null) {
			return this.delegate.putItem(request);
		}
		UpdateItemResponse response = this.delegate.updateItem(asUpdate(request, projection.attributes()));
		return PutItemResponse.builder().consumedCapacity(response.consumedCapacity()).build();
	}

	/**
	 * The {@code UpdateItem} equivalent of a {@code PutItem} for a restricted session: the same key and condition,
	 * {@code SET} for every non-key attribute of the item, {@code REMOVE} for the attributes the session may write
	 * that the item lacks.
	 */
	UpdateItemRequest asUpdate(PutItemRequest request, Set<String> allowed) {
		String table = request.tableName();
		// A silo table has the keys of its pooled table.
		String keyTable = (this.keySchema.partitionKey(table) != null) ? table : this.keySchema.pooledTableOf(table);
		String partitionKey = (keyTable != null) ? this.keySchema.partitionKey(keyTable) : null;
		if (keyTable == null || partitionKey == null) {
			throw new IllegalArgumentException(String.format("Table '%s' is not in the tenancy key schema; declare it "
					+ "in 'tenancy.tables'.", table));
		}
		String sortKey = this.keySchema.sortKey(keyTable);
		Map<String, AttributeValue> item = request.item();
		Map<String, AttributeValue> key = new HashMap<>();
		key.put(partitionKey, item.get(partitionKey));
		if (sortKey != null) {
			key.put(sortKey, item.get(sortKey));
		}
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		List<String> sets = new ArrayList<>();
		List<String> removes = new ArrayList<>();
		int i = 0;
		for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
			if (key.containsKey(attribute.getKey())) {
				continue;
			}
			names.put(NAME_PREFIX + i, attribute.getKey());
			values.put(VALUE_PREFIX + i, attribute.getValue());
			sets.add(NAME_PREFIX + i + " = " + VALUE_PREFIX + i);
			i++;
		}
		for (String attribute : allowed) {
			if (!item.containsKey(attribute)) {
				names.put(NAME_PREFIX + i, attribute);
				removes.add(NAME_PREFIX + i);
				i++;
			}
		}
		StringBuilder expression = new StringBuilder();
		if (!sets.isEmpty()) {
			expression.append("SET ").append(String.join(", ", sets));
		}
		if (!removes.isEmpty()) {
			expression.append(expression.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
		}
		UpdateItemRequest.Builder update = UpdateItemRequest.builder()
			.tableName(table)
			.key(key)
			.updateExpression(expression.toString())
			.conditionExpression(request.conditionExpression())
			.expressionAttributeNames(merge(request.expressionAttributeNames(), names))
			.returnConsumedCapacity(request.returnConsumedCapacity())
			.returnItemCollectionMetrics(request.returnItemCollectionMetrics());
		Map<String, AttributeValue> allValues = mergeValues(request.expressionAttributeValues(), values);
		if (!allValues.isEmpty()) {
			update.expressionAttributeValues(allValues);
		}
		if (request.returnValues() != null && request.returnValues() != ReturnValue.NONE) {
			// Let the guard and IAM judge it: a restricted session may not read back the whole old item.
			update.returnValues(request.returnValues());
		}
		return update.build();
	}

	@Override
	public UpdateItemResponse updateItem(UpdateItemRequest request) {
		return this.delegate.updateItem(request);
	}

	@Override
	public DeleteItemResponse deleteItem(DeleteItemRequest request) {
		return this.delegate.deleteItem(request);
	}

	@Override
	public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
		return this.delegate.batchWriteItem(request);
	}

	@Override
	public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
		return this.delegate.transactWriteItems(request);
	}

	@Override
	public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
		return this.delegate.transactGetItems(request);
	}

	@Override
	public String serviceName() {
		return this.delegate.serviceName();
	}

	@Override
	public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
		return this.delegate.serviceClientConfiguration();
	}

	@Override
	public void close() {
		// The tenant-scoped client belongs to its factory.
	}

	@Override
	public String toString() {
		return "ColumnRestrictingDynamoDbClient[" + this.delegate + "]";
	}

	private static Map<String, String> merge(@Nullable Map<String, String> given, Map<String, String> added) {
		if (given == null || given.isEmpty()) {
			return added;
		}
		Map<String, String> merged = new HashMap<>(given);
		added.forEach((placeholder, attribute) -> {
			String existing = merged.putIfAbsent(placeholder, attribute);
			if (existing != null && !existing.equals(attribute)) {
				throw new IllegalStateException(String.format("The request already uses the placeholder '%s' for "
						+ "'%s'; placeholders starting with '%s' are reserved for column restrictions.", placeholder,
						existing, NAME_PREFIX));
			}
		});
		return merged;
	}

	private static Map<String, AttributeValue> mergeValues(@Nullable Map<String, AttributeValue> given,
			Map<String, AttributeValue> added) {
		if (given == null || given.isEmpty()) {
			return added;
		}
		Map<String, AttributeValue> merged = new HashMap<>(given);
		added.forEach((placeholder, value) -> {
			if (merged.putIfAbsent(placeholder, value) != null) {
				throw new IllegalStateException(String.format("The request already uses the placeholder '%s'; "
						+ "placeholders starting with '%s' are reserved for column restrictions.", placeholder,
						VALUE_PREFIX));
			}
		});
		return merged;
	}

	/**
	 * The projection of a restricted variant: its attributes and the expression that names them.
	 */
	private record Projection(Set<String> attributes, String expression, Map<String, String> names) {

		static Projection of(Collection<String> attributes) {
			Map<String, String> names = new LinkedHashMap<>();
			List<String> placeholders = new ArrayList<>();
			int i = 0;
			for (String attribute : attributes) {
				String placeholder = NAME_PREFIX + i++;
				names.put(placeholder, attribute);
				placeholders.add(placeholder);
			}
			return new Projection(Collections.unmodifiableSet(new LinkedHashSet<>(attributes)),
					String.join(", ", placeholders),
					Collections.unmodifiableMap(names));
		}

	}

}
