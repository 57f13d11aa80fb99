package dev.tenancy.iam.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.tenancy.context.Printable;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.tenancy.iam.request.DeclaredTables.IndexInfo;
import dev.tenancy.iam.request.DeclaredTables.TableInfo;
import dev.tenancy.iam.request.UpdateActions.UpdateAction;

import org.springframework.util.Assert;

import static dev.tenancy.iam.request.RequestContextParts.ALL_ATTRIBUTES;
import static dev.tenancy.iam.request.RequestContextParts.ALL_OLD;
import static dev.tenancy.iam.request.RequestContextParts.ALL_PROJECTED_ATTRIBUTES;
import static dev.tenancy.iam.request.RequestContextParts.NONE;
import static dev.tenancy.iam.request.RequestContextParts.SPECIFIC_ATTRIBUTES;
import static dev.tenancy.iam.request.RequestContextParts.addConditions;
import static dev.tenancy.iam.request.RequestContextParts.addExpression;
import static dev.tenancy.iam.request.RequestContextParts.addItem;
import static dev.tenancy.iam.request.RequestContextParts.addKey;
import static dev.tenancy.iam.request.RequestContextParts.addKeyConditions;
import static dev.tenancy.iam.request.RequestContextParts.addProjection;
import static dev.tenancy.iam.request.RequestContextParts.addPropertyNames;
import static dev.tenancy.iam.request.RequestContextParts.authorization;
import static dev.tenancy.iam.request.RequestContextParts.returnValues;
import static dev.tenancy.iam.request.RequestContextParts.select;
import static dev.tenancy.iam.request.RequestJson.optionalObject;
import static dev.tenancy.iam.request.RequestJson.optionalText;
import static dev.tenancy.iam.request.RequestJson.requireNonEmptyArray;
import static dev.tenancy.iam.request.RequestJson.requireNonEmptyObject;
import static dev.tenancy.iam.request.RequestJson.requireObject;
import static dev.tenancy.iam.request.RequestJson.requireText;

/**
 * Turns a DynamoDB API call (the operation name from the {@code X-Amz-Target} header, for example {@code GetItem},
 * and the JSON 1.0 request body the SDK marshals) into IAM's view of it: one {@link AuthorizationRequest} per IAM
 * authorization, with the action, the resource ARN and the DynamoDB condition keys, exactly as tabulated in docs/IAM.md
 * §2. The call is allowed only if every returned request is allowed (docs/IAM.md R28).
 * <ul>
 * <li>{@code GetItem}, {@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code Query}, {@code Scan}: one
 * request; a Query or Scan with {@code IndexName} is authorized on the index ARN.</li>
 * <li>{@code BatchGetItem}, {@code BatchWriteItem}: one request per table, with the distinct partition keys of that
 * table's keys (and, for BatchWriteItem, put items).</li>
 * <li>{@code TransactGetItems}: {@code dynamodb:GetItem} per item; {@code TransactWriteItems}:
 * {@code dynamodb:PutItem}, {@code UpdateItem}, {@code DeleteItem} or {@code ConditionCheckItem} per element; all with
 * {@code dynamodb:EnclosingOperation} (also for ConditionCheckItem, see docs/IAM.md R25).</li>
 * <li>{@code ExecuteStatement}, {@code BatchExecuteStatement}, {@code ExecuteTransaction}: {@code PartiQLSelect},
 * {@code PartiQLInsert}, {@code PartiQLUpdate} or {@code PartiQLDelete} per statement (see {@link PartiQlStatement}
 * for the conservative {@code FullTableScan} and {@code LeadingKeys} rules).</li>
 * <li>Any other operation ({@code DescribeTable}, {@code TagResource}, {@code ListTables}, ...):
 * {@code dynamodb:<Operation>} on each resource {@link DynamoDbOperations} finds for it (the table, index, stream,
 * backup, export or import the request names, or {@code *}), with no DynamoDB condition keys (tagging requests carry
 * {@code aws:TagKeys} and {@code aws:RequestTag/<key>}).</li>
 * </ul>
 * Condition keys:
 * <ul>
 * <li>{@code LeadingKeys}: the distinct partition-key values addressed (from {@code Key}, {@code Item}, the
 * partition-key equality of {@code KeyConditionExpression} or legacy {@code KeyConditions} {@code EQ}). An {@code S}
 * key contributes its string, an {@code N} key its number text as sent and a {@code B} key its base64 text (the
 * {@code N}/{@code B} rendering is UNCONFIRMED, docs/IAM.md R20). <strong>Absent</strong> when the table or index is not
 * in the {@link DynamoDbKeySchema} or no partition-key equality is found: the generated policies'
 * {@code Null: {dynamodb:LeadingKeys: false}} guard then denies (fail closed).</li>
 * <li>{@code Attributes}: the distinct top-level attribute names the request touches (key attributes, projections,
 * {@code AttributesToGet}, put item names, every name in update, condition, filter and key-condition expressions,
 * legacy {@code Expected}, {@code QueryFilter}, {@code ScanFilter}, {@code KeyConditions}, {@code AttributeUpdates});
 * absent when there are none. Not derived for PartiQL.</li>
 * <li>{@code Select} (reads only): {@code SPECIFIC_ATTRIBUTES} with a projection, else the explicit {@code Select},
 * else {@code ALL_ATTRIBUTES} ({@code ALL_PROJECTED_ATTRIBUTES} for an index).</li>
 * <li>{@code ReturnValues} (writes only): the explicit value, default {@code NONE}; {@code ALL_OLD} when
 * {@code ReturnValuesOnConditionCheckFailure} is {@code ALL_OLD} and the explicit value does not already return whole
 * items (conservative, docs/IAM.md R23).</li>
 * <li>{@code ReturnConsumedCapacity}: as sent, when present (not for PartiQL).</li>
 * <li>{@code EnclosingOperation}: only inside {@code TransactGetItems}, {@code TransactWriteItems} and
 * {@code ExecuteTransaction}.</li>
 * <li>{@code FullTableScan}: for {@code PartiQLSelect} only.</li>
 * </ul>
 * An operation name that is not exactly a DynamoDB API operation ({@code getitem}), malformed JSON, a body that is
 * not a JSON object, duplicate JSON properties, a missing required parameter, an ARN that is not a well-formed
 * DynamoDB ARN, a malformed expression or an undefined placeholder raise {@link IllegalArgumentException}; callers
 * treat it as a denial.
 * <p>
 * Immutable and thread-safe. Per-table ARNs and key attributes are computed once, at construction.
 *
 * @author tenancy
 * @since 0.1
 */
public final class DynamoDbRequestContextExtractor {

	private static final String GET_ITEM = "dynamodb:GetItem";

	private static final String PUT_ITEM = "dynamodb:PutItem";

	private static final String UPDATE_ITEM = "dynamodb:UpdateItem";

	private static final String DELETE_ITEM = "dynamodb:DeleteItem";

	private static final String CONDITION_CHECK_ITEM = "dynamodb:ConditionCheckItem";

	private final ResourceArns arns;

	private final DynamoDbKeySchema schema;

	private final DeclaredTables tables;

	private final RequestBodyReader reader;

	private final PartiQlRequests partiQl;

	/**
	 * Create an extractor.
	 * @param arns how to name table and index ARNs; must not be {@literal null}
	 * @param schema the partition keys of the tables and indexes; must not be {@literal null}
	 */
	public DynamoDbRequestContextExtractor(ResourceArns arns, DynamoDbKeySchema schema) {
		Assert.notNull(arns, "ResourceArns must not be null");
		this.arns = arns;
		Assert.notNull(schema, "DynamoDbKeySchema must not be null");
		this.schema = schema;
		this.tables = new DeclaredTables(arns, schema);
		this.reader = new RequestBodyReader(schema.keyAttributes());
		this.partiQl = new PartiQlRequests(this.tables);
	}

	/**
	 * @return the ARN builder this extractor uses
	 */
	public ResourceArns arns() {
		return this.arns;
	}

	/**
	 * @return the key schema this extractor uses
	 */
	public DynamoDbKeySchema schema() {
		return this.schema;
	}

	/**
	 * Extract IAM's view of a DynamoDB call.
	 * @param operation the API operation, the {@code X-Amz-Target} suffix (for example {@code GetItem})
	 * @param jsonBody the JSON 1.0 request body, UTF-8
	 * @return the authorization requests (at least one), unmodifiable
	 * @throws IllegalArgumentException if the body is not valid JSON or not a structurally valid request for the
	 * operation
	 */
	public List<AuthorizationRequest> extract(String operation, byte[] jsonBody) {
		return extract(operation, parse(operation, jsonBody));
	}

	/**
	 * Parse a request body the way {@link #extract(String, byte[])} does (duplicate properties and trailing content
	 * are refused), so that further checks of the same request see exactly what was evaluated. The values of an
	 * item's attributes that are not key attributes of the {@link DynamoDbKeySchema} are not read: they are JSON
	 * {@code null} in the returned tree (their names are kept).
	 * @param operation the API operation, the {@code X-Amz-Target} suffix (for example {@code GetItem})
	 * @param jsonBody the JSON 1.0 request body, UTF-8
	 * @return the parsed body
	 * @throws IllegalArgumentException if the operation name is invalid or the body is not valid JSON
	 */
	public JsonNode parse(String operation, byte[] jsonBody) {
		Assert.notNull(jsonBody, "JSON body must not be null");
		requireOperation(operation);
		try {
			return this.reader.read(jsonBody);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(String.format("The %s request body is not valid JSON: %s.", operation,
					ex.getMessage()), ex);
		}
	}

	/**
	 * Extract IAM's view of a DynamoDB call from a body parsed with {@link #parse(String, byte[])}.
	 * @param operation the API operation, the {@code X-Amz-Target} suffix (for example {@code GetItem})
	 * @param body the parsed JSON 1.0 request body
	 * @return the authorization requests (at least one), unmodifiable
	 * @throws IllegalArgumentException if the body is not a structurally valid request for the operation
	 */
	public List<AuthorizationRequest> extract(String operation, JsonNode body) {
		Assert.notNull(body, "JSON body must not be null");
		requireOperation(operation);
		return dispatch(operation, body, null);
	}

	/**
	 * Extract IAM's view of a DynamoDB call from a body parsed with {@link #parse(String, byte[])}, and record what
	 * its {@code UpdateExpression}s do to index partition keys for {@link IndexKeyConfinement}, which then need not
	 * read them again.
	 * @param operation the API operation, the {@code X-Amz-Target} suffix (for example {@code GetItem})
	 * @param body the parsed JSON 1.0 request body
	 * @param indexKeyUpdates receives the index-key actions of the request's updates; must not be {@literal null}
	 * @return the authorization requests (at least one), unmodifiable
	 * @throws IllegalArgumentException if the body is not a structurally valid request for the operation
	 */
	public List<AuthorizationRequest> extract(String operation, JsonNode body, IndexKeyUpdates indexKeyUpdates) {
		Assert.notNull(body, "JSON body must not be null");
		Assert.notNull(indexKeyUpdates, "IndexKeyUpdates must not be null");
		requireOperation(operation);
		return dispatch(operation, body, indexKeyUpdates);
	}

	/**
	 * Extract IAM's view of a DynamoDB call.
	 * @param operation the API operation, the {@code X-Amz-Target} suffix (for example {@code GetItem})
	 * @param jsonBody the JSON 1.0 request body
	 * @return the authorization requests (at least one), unmodifiable
	 * @throws IllegalArgumentException if the body is not valid JSON or not a structurally valid request for the
	 * operation
	 */
	public List<AuthorizationRequest> extract(String operation, String jsonBody) {
		Assert.notNull(jsonBody, "JSON body must not be null");
		return extract(operation, jsonBody.getBytes(StandardCharsets.UTF_8));
	}

	private static void requireOperation(@Nullable String operation) {
		Assert.notNull(operation, "Operation must not be null");
		DynamoDbOperations.requireKnown(operation);
	}

	private List<AuthorizationRequest> dispatch(String operation, @Nullable JsonNode body,
			@Nullable IndexKeyUpdates indexKeyUpdates) {
		if (body == null || !body.isObject()) {
			throw new IllegalArgumentException(
					String.format("The %s request body is not a JSON object.", operation));
		}
		return switch (operation) {
			case "GetItem" -> List.of(getItem(body, operation, operation, null, null));
			case "PutItem" -> List.of(putItem(body, operation, operation, null, null));
			case "UpdateItem" -> List.of(updateItem(body, operation, operation, null, null, indexKeyUpdates));
			case "DeleteItem" -> List.of(deleteItem(body, operation, operation, null, null));
			case "Query" -> List.of(query(body));
			case "Scan" -> List.of(scan(body));
			case "BatchGetItem" -> batchGetItem(body);
			case "BatchWriteItem" -> batchWriteItem(body);
			case "TransactGetItems" -> transactGetItems(body);
			case "TransactWriteItems" -> transactWriteItems(body, indexKeyUpdates);
			case "ExecuteStatement" -> List.of(this.partiQl.statement(body, operation, operation, null,
					optionalText(body, "ReturnValuesOnConditionCheckFailure", operation)));
			case "BatchExecuteStatement" -> this.partiQl.statements(body, "Statements", operation, null);
			case "ExecuteTransaction" -> this.partiQl.statements(body, "TransactStatements", operation, operation);
			default -> other(body, operation);
		};
	}

	// Single-item operations; 'where' names the item for messages (for example "TransactWriteItems element 2")

	private AuthorizationRequest getItem(JsonNode request, String operation, String where,
			@Nullable String enclosingOperation, @Nullable String consumedCapacity) {
		TableInfo table = table(request, where);
		JsonNode names = optionalObject(request, "ExpressionAttributeNames", where);
		List<String> attributes = new ArrayList<>(4);
		List<String> leadingKeys = new ArrayList<>(1);
		addKey(requireObject(request, "Key", where), table.partitionKey(), table.name(), attributes, leadingKeys, where);
		boolean projected = addProjection(request, names, attributes, where);
		return authorization(GET_ITEM, table.arn(), operation, table.partitionKey(), leadingKeys, attributes,
				projected ? SPECIFIC_ATTRIBUTES : ALL_ATTRIBUTES, null,
				(consumedCapacity != null) ? consumedCapacity : optionalText(request, "ReturnConsumedCapacity", where),
				enclosingOperation);
	}

	private AuthorizationRequest putItem(JsonNode request, String operation, String where,
			@Nullable String enclosingOperation, @Nullable String consumedCapacity) {
		TableInfo table = table(request, where);
		List<String> attributes = new ArrayList<>(8);
		List<String> leadingKeys = new ArrayList<>(1);
		addItem(requireObject(request, "Item", where), table.partitionKey(), table.name(), attributes, leadingKeys, where);
		addConditions(request, attributes, where);
		return authorization(PUT_ITEM, table.arn(), operation, table.partitionKey(), leadingKeys, attributes, null,
				returnValues(request, where),
				(consumedCapacity != null) ? consumedCapacity : optionalText(request, "ReturnConsumedCapacity", where),
				enclosingOperation);
	}

	private AuthorizationRequest updateItem(JsonNode request, String operation, String where,
			@Nullable String enclosingOperation, @Nullable String consumedCapacity,
			@Nullable IndexKeyUpdates indexKeyUpdates) {
		TableInfo table = table(request, where);
		List<String> attributes = new ArrayList<>(8);
		List<String> leadingKeys = new ArrayList<>(1);
		addKey(requireObject(request, "Key", where), table.partitionKey(), table.name(), attributes, leadingKeys, where);
		String update = optionalText(request, "UpdateExpression", where);
		if (update != null) {
			JsonNode names = optionalObject(request, "ExpressionAttributeNames", where);
			List<UpdateAction> indexKeyActions = UpdateActions.analyse(update, names, attributes,
					(indexKeyUpdates != null) ? this.tables.indexPartitionKeys() : List.of());
			if (indexKeyUpdates != null && indexKeyActions != null) {
				indexKeyUpdates.record(request, update, names, indexKeyActions);
			}
		}
		addPropertyNames(request, "AttributeUpdates", attributes, where);
		addConditions(request, attributes, where);
		return authorization(UPDATE_ITEM, table.arn(), operation, table.partitionKey(), leadingKeys, attributes, null,
				returnValues(request, where),
				(consumedCapacity != null) ? consumedCapacity : optionalText(request, "ReturnConsumedCapacity", where),
				enclosingOperation);
	}

	private AuthorizationRequest deleteItem(JsonNode request, String operation, String where,
			@Nullable String enclosingOperation, @Nullable String consumedCapacity) {
		return keyedWrite(DELETE_ITEM, request, operation, where, enclosingOperation, consumedCapacity);
	}

	private AuthorizationRequest keyedWrite(String action, JsonNode request, String operation, String where,
			@Nullable String enclosingOperation, @Nullable String consumedCapacity) {
		TableInfo table = table(request, where);
		List<String> attributes = new ArrayList<>(4);
		List<String> leadingKeys = new ArrayList<>(1);
		addKey(requireObject(request, "Key", where), table.partitionKey(), table.name(), attributes, leadingKeys, where);
		addConditions(request, attributes, where);
		return authorization(action, table.arn(), operation, table.partitionKey(), leadingKeys, attributes, null,
				returnValues(request, where),
				(consumedCapacity != null) ? consumedCapacity : optionalText(request, "ReturnConsumedCapacity", where),
				enclosingOperation);
	}

	private AuthorizationRequest query(JsonNode request) {
		String where = "Query";
		TableInfo table = table(request, where);
		String indexName = optionalText(request, "IndexName", where);
		IndexInfo index = (indexName != null) ? table.index(indexName) : null;
		String partitionKey = (index != null) ? index.partitionKey() : table.partitionKey();
		JsonNode names = optionalObject(request, "ExpressionAttributeNames", where);
		JsonNode values = optionalObject(request, "ExpressionAttributeValues", where);
		List<String> attributes = new ArrayList<>(6);
		List<String> leadingKeys = new ArrayList<>(1);
		String keyCondition = optionalText(request, "KeyConditionExpression", where);
		JsonNode keyConditions = optionalObject(request, "KeyConditions", where);
		if (keyCondition == null && keyConditions == null) {
			throw new IllegalArgumentException(
					"The Query request has neither a KeyConditionExpression nor KeyConditions.");
		}
		if (keyCondition != null) {
			DynamoDbExpressions.analyse(keyCondition, "KeyConditionExpression", names, values, attributes, partitionKey,
					leadingKeys);
		}
		if (keyConditions != null) {
			addKeyConditions(keyConditions, partitionKey, attributes, leadingKeys);
		}
		addExpression(request, "FilterExpression", names, attributes, where);
		addPropertyNames(request, "QueryFilter", attributes, where);
		boolean projected = addProjection(request, names, attributes, where);
		return authorization("dynamodb:Query", (index != null) ? index.arn() : table.arn(), where, partitionKey,
				leadingKeys, attributes, select(request, projected, index != null, where), null,
				optionalText(request, "ReturnConsumedCapacity", where), null);
	}

	private AuthorizationRequest scan(JsonNode request) {
		String where = "Scan";
		TableInfo table = table(request, where);
		String indexName = optionalText(request, "IndexName", where);
		IndexInfo index = (indexName != null) ? table.index(indexName) : null;
		JsonNode names = optionalObject(request, "ExpressionAttributeNames", where);
		List<String> attributes = new ArrayList<>(4);
		addExpression(request, "FilterExpression", names, attributes, where);
		addPropertyNames(request, "ScanFilter", attributes, where);
		boolean projected = addProjection(request, names, attributes, where);
		return authorization("dynamodb:Scan", (index != null) ? index.arn() : table.arn(), where, null, List.of(),
				attributes, select(request, projected, index != null, where), null,
				optionalText(request, "ReturnConsumedCapacity", where), null);
	}

	private List<AuthorizationRequest> batchGetItem(JsonNode request) {
		String operation = "BatchGetItem";
		JsonNode requestItems = requireNonEmptyObject(request, "RequestItems", operation);
		String consumedCapacity = optionalText(request, "ReturnConsumedCapacity", operation);
		List<AuthorizationRequest> result = new ArrayList<>(requestItems.size());
		for (Map.Entry<String, JsonNode> entry : requestItems.properties()) {
			String where = "BatchGetItem RequestItems of table '" + Printable.of(entry.getKey()) + "'";
			TableInfo table = table(entry.getKey());
			JsonNode tableRequest = entry.getValue();
			if (!tableRequest.isObject()) {
				throw new IllegalArgumentException(String.format("The %s is not a JSON object.", where));
			}
			JsonNode keys = requireNonEmptyArray(tableRequest, "Keys", where);
			List<String> attributes = new ArrayList<>(4);
			List<String> leadingKeys = new ArrayList<>(keys.size());
			for (JsonNode key : keys) {
				addKey(key, table.partitionKey(), table.name(), attributes, leadingKeys, where);
			}
			boolean projected = addProjection(tableRequest,
					optionalObject(tableRequest, "ExpressionAttributeNames", where), attributes, where);
			result.add(authorization("dynamodb:BatchGetItem", table.arn(), operation, table.partitionKey(), leadingKeys,
					attributes, projected ? SPECIFIC_ATTRIBUTES : ALL_ATTRIBUTES, null, consumedCapacity, null));
		}
		return Collections.unmodifiableList(result);
	}

	private List<AuthorizationRequest> batchWriteItem(JsonNode request) {
		String operation = "BatchWriteItem";
		JsonNode requestItems = requireNonEmptyObject(request, "RequestItems", operation);
		String consumedCapacity = optionalText(request, "ReturnConsumedCapacity", operation);
		List<AuthorizationRequest> result = new ArrayList<>(requestItems.size());
		for (Map.Entry<String, JsonNode> entry : requestItems.properties()) {
			String where = "BatchWriteItem RequestItems of table '" + Printable.of(entry.getKey()) + "'";
			TableInfo table = table(entry.getKey());
			JsonNode writes = entry.getValue();
			if (!writes.isArray() || writes.isEmpty()) {
				throw new IllegalArgumentException(String.format("The %s is not a non-empty JSON array.", where));
			}
			List<String> attributes = new ArrayList<>(8);
			List<String> leadingKeys = new ArrayList<>(writes.size());
			for (JsonNode write : writes) {
				JsonNode put = write.isObject() ? write.get("PutRequest") : null;
				JsonNode delete = write.isObject() ? write.get("DeleteRequest") : null;
				if ((put == null) == (delete == null) || write.size() != 1) {
					throw new IllegalArgumentException(String.format(
							"Each element of the %s must have exactly one of PutRequest or DeleteRequest.", where));
				}
				if (put != null) {
					addItem(requireObject(put, "Item", where + " PutRequest"), table.partitionKey(), table.name(), attributes, leadingKeys, where);
				}
				else {
					addKey(requireObject(delete, "Key", where + " DeleteRequest"), table.partitionKey(), table.name(), attributes, leadingKeys,
							where);
				}
			}
			result.add(authorization("dynamodb:BatchWriteItem", table.arn(), operation, table.partitionKey(), leadingKeys,
					attributes, null, null, consumedCapacity, null));
		}
		return Collections.unmodifiableList(result);
	}

	private List<AuthorizationRequest> transactGetItems(JsonNode request) {
		String operation = "TransactGetItems";
		JsonNode items = requireNonEmptyArray(request, "TransactItems", operation);
		String consumedCapacity = optionalText(request, "ReturnConsumedCapacity", operation);
		List<AuthorizationRequest> result = new ArrayList<>(items.size());
		int position = 0;
		for (JsonNode item : items) {
			String where = "TransactGetItems element " + (++position);
			JsonNode get = item.isObject() && item.size() == 1 ? item.get("Get") : null;
			if (get == null || !get.isObject()) {
				throw new IllegalArgumentException(String.format("The %s must be an object with exactly one 'Get'.",
						where));
			}
			result.add(getItem(get, operation, where, operation, consumedCapacity));
		}
		return Collections.unmodifiableList(result);
	}

	private List<AuthorizationRequest> transactWriteItems(JsonNode request,
			@Nullable IndexKeyUpdates indexKeyUpdates) {
		String operation = "TransactWriteItems";
		JsonNode items = requireNonEmptyArray(request, "TransactItems", operation);
		String consumedCapacity = optionalText(request, "ReturnConsumedCapacity", operation);
		List<AuthorizationRequest> result = new ArrayList<>(items.size());
		int position = 0;
		for (JsonNode item : items) {
			String where = "TransactWriteItems element " + (++position);
			if (!item.isObject() || item.size() != 1) {
				throw new IllegalArgumentException(String.format(
						"The %s must be an object with exactly one of Put, Update, Delete or ConditionCheck.", where));
			}
			Map.Entry<String, JsonNode> element = item.properties().iterator().next();
			JsonNode body = element.getValue();
			if (!body.isObject()) {
				throw new IllegalArgumentException(String.format("The %s %s is not a JSON object.", where,
						Printable.of(element.getKey())));
			}
			result.add(switch (element.getKey()) {
				case "Put" -> putItem(body, operation, where, operation, consumedCapacity);
				case "Update" -> updateItem(body, operation, where, operation, consumedCapacity, indexKeyUpdates);
				case "Delete" -> deleteItem(body, operation, where, operation, consumedCapacity);
				case "ConditionCheck" -> {
					requireText(body, "ConditionExpression", where);
					yield keyedWrite(CONDITION_CHECK_ITEM, body, operation, where, operation, consumedCapacity);
				}
				default -> throw new IllegalArgumentException(String.format(
						"The %s has '%s'; expected exactly one of Put, Update, Delete or ConditionCheck.", where,
						Printable.of(element.getKey())));
			});
		}
		return Collections.unmodifiableList(result);
	}

	private List<AuthorizationRequest> other(JsonNode request, String operation) {
		List<String> resources = DynamoDbOperations.resources(operation, request, this.arns);
		Map<String, List<String>> context = DynamoDbOperations.tagContext(operation, request);
		List<AuthorizationRequest> result = new ArrayList<>(resources.size());
		for (String resource : resources) {
			result.add(new AuthorizationRequest("dynamodb:" + operation, resource, context, operation));
		}
		return Collections.unmodifiableList(result);
	}

	private TableInfo table(JsonNode request, String where) {
		return this.tables.table(requireText(request, "TableName", where));
	}

	private TableInfo table(String nameOrArn) {
		return this.tables.table(nameOrArn);
	}

}
