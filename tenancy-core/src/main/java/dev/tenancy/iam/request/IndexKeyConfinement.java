package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.tenancy.context.Printable;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.Outcome;
import dev.tenancy.iam.request.UpdateActions.Arithmetic;
import dev.tenancy.iam.request.UpdateActions.Call;
import dev.tenancy.iam.request.UpdateActions.Operand;
import dev.tenancy.iam.request.UpdateActions.Path;
import dev.tenancy.iam.request.UpdateActions.Placeholder;
import dev.tenancy.iam.request.UpdateActions.UpdateAction;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.TenantKeyTemplate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * Keeps the partition keys of secondary indexes inside the writing tenant's key namespace: a write may give the
 * partition-key attribute of a declared index only a string that is the tenant's base key or one of its composite
 * keys ({@code TENANT#acme}, {@code TENANT#acme#...}, per the {@link TenantKeyTemplate}).
 * <p>
 * IAM cannot express this. {@code dynamodb:LeadingKeys} constrains only the table's partition key of a write, so a
 * tenant may update its own item and set {@code gsi1pk} to {@code TENANT#globex#STATUS#OPEN}: the item then sits in
 * globex's index partition, where globex's index queries count and return it although it lives in another tenant's
 * table partition. Every index a {@link DynamoDbKeySchema} declares is tenant-leading (the generated policies require
 * the tenant's {@code LeadingKeys} on it), so a value outside the namespace is never legitimate there.
 * <p>
 * What is checked, for each declared index partition-key attribute of the written table:
 * <ul>
 * <li>{@code PutItem}, {@code BatchWriteItem} {@code PutRequest}, {@code TransactWriteItems} {@code Put}: the item's
 * value must be an {@code S} value in the namespace.</li>
 * <li>{@code UpdateItem}, {@code TransactWriteItems} {@code Update}: a {@code SET} must assign the attribute itself
 * (not an element inside it) a value that is provably in the namespace: a {@code :value} placeholder holding such a
 * string, the attribute's own current value, the table's partition key (whose value is the request's key), or
 * {@code if_not_exists(path, value)} whose two branches are each one of these. Everything else — {@code list_append},
 * {@code +}/{@code -}, a copy of another attribute, any other function — is refused, as is {@code ADD} and
 * {@code DELETE} on the attribute. {@code REMOVE} is allowed: it takes the item out of the index. Legacy
 * {@code AttributeUpdates}: {@code PUT} (the default) with such a string is allowed, {@code DELETE} without a value
 * (a removal) too; {@code ADD} and {@code DELETE} with a value are refused.</li>
 * </ul>
 * A local secondary index, and any index keyed by the table's own partition key, needs no check: that attribute is
 * the table's partition key, which the policy's {@code dynamodb:LeadingKeys} already confines and an update cannot
 * change. Tables and indexes that the key schema does not declare are not checked: tenant-scoped code cannot query
 * them through the generated policies. The first offending write decides; for a batch or a transaction the whole call is
 * refused.
 * <p>
 * The body must already have passed {@link DynamoDbRequestContextExtractor#extract(String, JsonNode)} (which
 * validates its structure), or its overload that records the index-key actions of update expressions in an
 * {@link IndexKeyUpdates} as it reads them, so that they are not read again here; anything unexpected is refused here
 * too. Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.1
 */
public final class IndexKeyConfinement {

	private static final String IF_NOT_EXISTS = "if_not_exists";

	private final TenantKeyTemplate template;

	/** Tables with at least one declared index, by name and by ARN. */
	private final Map<String, Table> tables;

	private final DynamoDbKeySchema schema;

	private final ResourceArns arns;

	/**
	 * @param schema the declared tables and indexes; must not be {@literal null}
	 * @param arns how table ARNs are named (a request may address a table by its ARN); must not be {@literal null}
	 * @param template the tenant key convention; must not be {@literal null}
	 */
	public IndexKeyConfinement(DynamoDbKeySchema schema, ResourceArns arns, TenantKeyTemplate template) {
		Assert.notNull(schema, "DynamoDbKeySchema must not be null");
		Assert.notNull(arns, "ResourceArns must not be null");
		Assert.notNull(template, "TenantKeyTemplate must not be null");
		this.template = template;
		this.schema = schema;
		this.arns = arns;
		Map<String, Table> byName = new HashMap<>();
		for (String name : schema.tables()) {
			Map<String, List<String>> indexesByAttribute = new LinkedHashMap<>();
			String partitionKey = Objects.requireNonNull(schema.partitionKey(name));
			for (String index : schema.indexes(name)) {
				String attribute = Objects.requireNonNull(schema.partitionKey(name, index));
				if (!attribute.equals(partitionKey)) {
					indexesByAttribute.computeIfAbsent(attribute, (a) -> new ArrayList<>(1)).add(index);
				}
			}
			if (!indexesByAttribute.isEmpty()) {
				Table table = new Table(name, arns.table(name), partitionKey,
						Collections.unmodifiableMap(indexesByAttribute));
				byName.put(name, table);
				byName.put(table.arn, table);
			}
		}
		this.tables = Collections.unmodifiableMap(byName);
	}

	/**
	 * Check the index keys a request writes, parsing its {@code UpdateExpression}s here.
	 * @param tenant the tenant the request is made for
	 * @param operation the API operation, for example {@code UpdateItem}
	 * @param body the parsed request body, already accepted by the extractor
	 * @return {@literal null} if every index partition key the request writes is provably in the tenant's namespace
	 * (or it writes none), otherwise an explicit-deny {@link Decision} naming the action, the table ARN and, in its
	 * message, the attribute, the index and why
	 */
	public @Nullable Decision check(TenantId tenant, String operation, JsonNode body) {
		return check(tenant, operation, body, new IndexKeyUpdates());
	}

	/**
	 * Check the index keys a request writes, taking what its {@code UpdateExpression}s do to index keys from the
	 * extractor's reading of the same body
	 * ({@link DynamoDbRequestContextExtractor#extract(String, JsonNode, IndexKeyUpdates)}); an expression it recorded
	 * nothing for is parsed here.
	 * @param tenant the tenant the request is made for
	 * @param operation the API operation, for example {@code UpdateItem}
	 * @param body the parsed request body, already accepted by the extractor
	 * @param updates what the extractor recorded for this body; must not be {@literal null}
	 * @return as {@link #check(TenantId, String, JsonNode)}
	 */
	public @Nullable Decision check(TenantId tenant, String operation, JsonNode body, IndexKeyUpdates updates) {
		Assert.notNull(updates, "IndexKeyUpdates must not be null");
		if (this.tables.isEmpty()) {
			return null;
		}
		return switch (operation) {
			case "PutItem" -> put(tenant, operation, operation, "dynamodb:PutItem", body);
			case "UpdateItem" -> update(tenant, operation, operation, body, updates);
			case "BatchWriteItem" -> batchWrite(tenant, body);
			case "TransactWriteItems" -> transactWrite(tenant, body, updates);
			default -> null;
		};
	}

	private @Nullable Decision batchWrite(TenantId tenant, JsonNode body) {
		String operation = "BatchWriteItem";
		JsonNode requestItems = body.get("RequestItems");
		if (requestItems == null || !requestItems.isObject()) {
			return null;
		}
		for (Map.Entry<String, JsonNode> tableWrites : requestItems.properties()) {
			Table table = table(tableWrites.getKey());
			if (table == null) {
				continue;
			}
			int position = 0;
			for (JsonNode write : tableWrites.getValue()) {
				position++;
				JsonNode put = write.get("PutRequest");
				if (put != null) {
					String where = "BatchWriteItem PutRequest " + position + " on table '" + table.name + "'";
					Decision denied = item(tenant, operation, where, "dynamodb:BatchWriteItem", table, put.get("Item"));
					if (denied != null) {
						return denied;
					}
				}
			}
		}
		return null;
	}

	private @Nullable Decision transactWrite(TenantId tenant, JsonNode body, IndexKeyUpdates updates) {
		String operation = "TransactWriteItems";
		JsonNode items = body.get("TransactItems");
		if (items == null) {
			return null;
		}
		int position = 0;
		for (JsonNode item : items) {
			position++;
			String where = "TransactWriteItems element " + position;
			JsonNode put = item.get("Put");
			Decision denied = null;
			if (put != null) {
				denied = put(tenant, operation, where, "dynamodb:PutItem", put);
			}
			JsonNode update = item.get("Update");
			if (denied == null && update != null) {
				denied = update(tenant, operation, where, update, updates);
			}
			if (denied != null) {
				return denied;
			}
		}
		return null;
	}

	private @Nullable Decision put(TenantId tenant, String operation, String where, String action, JsonNode request) {
		Table table = table(request);
		return (table != null) ? item(tenant, operation, where, action, table, request.get("Item")) : null;
	}

	private @Nullable Decision item(TenantId tenant, String operation, String where, String action, Table table,
			@Nullable JsonNode item) {
		if (item == null || !item.isObject()) {
			return deny(operation, action, table, where + " has no item to check");
		}
		for (Map.Entry<String, List<String>> key : table.indexKeys.entrySet()) {
			JsonNode value = item.get(key.getKey());
			if (value != null) {
				String refused = refusedValue(tenant, value);
				if (refused != null) {
					return deny(operation, action, table, where + " sets " + describe(table, key) + " to " + refused);
				}
			}
		}
		return null;
	}

	private @Nullable Decision update(TenantId tenant, String operation, String where, JsonNode request,
			IndexKeyUpdates updates) {
		String action = "dynamodb:UpdateItem";
		Table table = table(request);
		if (table == null) {
			return null;
		}
		String expression = text(request.get("UpdateExpression"));
		JsonNode names = request.get("ExpressionAttributeNames");
		if (expression != null) {
			List<UpdateAction> actions = updates.actions(request, expression, names);
			if (actions == null) {
				try {
					actions = UpdateActions.parse(expression, names);
				}
				catch (IllegalArgumentException ex) {
					return deny(operation, action, table, where + " has an UpdateExpression whose index-key writes "
							+ "cannot be analysed (" + ex.getMessage() + ")");
				}
			}
			for (UpdateAction update : actions) {
				List<String> indexes = table.indexKeys.get(update.attribute());
				if (indexes == null || update.clause().equals("REMOVE")) {
					continue;
				}
				Refusal refused = refusedUpdate(tenant, table, update, request);
				if (refused != null) {
					return deny(operation, action, table, refused.describe(where,
							describe(table, Map.entry(update.attribute(), indexes))));
				}
			}
		}
		JsonNode attributeUpdates = request.get("AttributeUpdates");
		if (attributeUpdates != null) {
			for (Map.Entry<String, List<String>> key : table.indexKeys.entrySet()) {
				JsonNode update = attributeUpdates.get(key.getKey());
				Refusal refused = (update != null) ? refusedAttributeUpdate(tenant, update) : null;
				if (refused != null) {
					return deny(operation, action, table,
							refused.describe(where + " (AttributeUpdates)", describe(table, key)));
				}
			}
		}
		return null;
	}

	/**
	 * Why an update action on an index partition key is refused, or {@literal null} if it is allowed.
	 */
	private @Nullable Refusal refusedUpdate(TenantId tenant, Table table, UpdateAction update, JsonNode request) {
		if (update.nested()) {
			return new Refusal("sets an element inside", "which would make it a document; an index partition key "
					+ "must be a string " + namespace(tenant));
		}
		if (!update.clause().equals("SET")) {
			return new Refusal("changes", "with " + update.clause() + ", which adds to or deletes from a number or a "
					+ "set; an index partition key must be a string " + namespace(tenant));
		}
		String refused = refusedOperand(tenant, table, update.attribute(), Objects.requireNonNull(update.value()),
				request);
		return (refused != null) ? new Refusal("sets", "to " + refused) : null;
	}

	/**
	 * Why a SET operand is not provably in the namespace, or {@literal null} if it is.
	 */
	private @Nullable String refusedOperand(TenantId tenant, Table table, String target, Operand operand,
			JsonNode request) {
		if (operand instanceof Placeholder placeholder) {
			JsonNode values = request.get("ExpressionAttributeValues");
			JsonNode value = (values != null) ? values.get(placeholder.name()) : null;
			if (value == null) {
				return "'" + Printable.of(placeholder.name()) + "', which ExpressionAttributeValues does not define";
			}
			String refused = refusedValue(tenant, value);
			return (refused != null) ? "'" + Printable.of(placeholder.name()) + "', " + refused : null;
		}
		if (operand instanceof Path path) {
			if (!path.nested() && path.attribute().equals(target)) {
				// Its own current value: nothing new is written
				return null;
			}
			if (!path.nested() && path.attribute().equals(table.partitionKey)) {
				JsonNode key = request.get("Key");
				JsonNode value = (key != null) ? key.get(table.partitionKey) : null;
				String refused = (value != null) ? refusedValue(tenant, value) : "with no key value";
				return (refused != null) ? "a copy of the table's partition key, " + refused : null;
			}
			return "a copy of attribute '" + Printable.of(path.attribute()) + "', whose value cannot be proven to be "
					+ "a string " + namespace(tenant);
		}
		if (operand instanceof Call call && call.function().equals(IF_NOT_EXISTS) && call.arguments().size() == 2
				&& call.arguments().get(0) instanceof Path) {
			for (Operand branch : call.arguments()) {
				String refused = refusedOperand(tenant, table, target, branch, request);
				if (refused != null) {
					return "if_not_exists(...), one of whose branches is " + refused;
				}
			}
			return null;
		}
		String computed = (operand instanceof Arithmetic arithmetic)
				? "the result of '" + arithmetic.operator() + "' (a number)"
				: "the result of " + Printable.of(((Call) operand).function()) + "(...)";
		return computed + ", which cannot be proven to be a string " + namespace(tenant);
	}

	/**
	 * Why a legacy attribute update of an index partition key is refused, or {@literal null} if it is allowed.
	 */
	private @Nullable Refusal refusedAttributeUpdate(TenantId tenant, JsonNode update) {
		String updateAction = text(update.get("Action"));
		JsonNode value = update.get("Value");
		if (updateAction == null || updateAction.equals("PUT")) {
			String refused = (value != null) ? refusedValue(tenant, value) : "nothing (PUT without a Value)";
			return (refused != null) ? new Refusal("sets", "to " + refused) : null;
		}
		if (updateAction.equals("DELETE") && value == null) {
			return null;
		}
		return new Refusal("changes", "with " + Printable.of(updateAction) + ((value != null) ? " and a Value" : "")
				+ ", which adds to or deletes from a number or a set; an index partition key must be a string "
				+ namespace(tenant));
	}

	/**
	 * Why a DynamoDB JSON attribute value is not an index partition key of the tenant, or {@literal null} if it is.
	 */
	private @Nullable String refusedValue(TenantId tenant, JsonNode value) {
		JsonNode string = (value.isObject() && value.size() == 1) ? value.get("S") : null;
		if (string == null || !string.isString()) {
			String type = (value.isObject() && value.size() == 1) ? value.propertyNames().iterator().next() : "?";
			return "a non-string (" + Printable.of(type) + ") value; an index partition key must be a string "
					+ namespace(tenant);
		}
		String text = string.stringValue();
		if (this.template.belongsTo(text, tenant)) {
			return null;
		}
		return "'" + Printable.of(text) + "', which is outside the tenant's key namespace "
				+ namespace(tenant).substring("in the tenant's key namespace ".length());
	}

	private String namespace(TenantId tenant) {
		String base = this.template.partitionKey(tenant);
		return "in the tenant's key namespace ('" + base + "' or '" + base + TenantKeyTemplate.DELIMITER + "...')";
	}

	private static String describe(Table table, Map.Entry<String, List<String>> key) {
		List<String> indexes = key.getValue();
		return "'" + Printable.of(key.getKey()) + "', the partition key of index" + ((indexes.size() > 1) ? "es " : " ")
				+ "'" + String.join("', '", indexes) + "' of table '" + table.name + "',";
	}

	private static Decision deny(String operation, String action, Table table, String what) {
		String reason = what + ". A write may set an index partition key only to the tenant's own base key or one of "
				+ "its composite keys: an item under another tenant's index key would be counted and returned by that "
				+ "tenant's index queries, and IAM's dynamodb:LeadingKeys constrains only the table's partition key, "
				+ "so this client-side rule is the only wall. Compose index keys with the tenant key template "
				+ "(repositories do), or remove the attribute.";
		return new Decision(Outcome.EXPLICIT_DENY, new AuthorizationRequest(action, table.arn, Map.of(), operation),
				null, null, reason);
	}

	private @Nullable Table table(JsonNode request) {
		String name = text(request.get("TableName"));
		return (name != null) ? table(name) : null;
	}

	/** A declared table with indexes, or a silo tenant's table of one (same index keys, its own name and ARN). */
	private @Nullable Table table(String nameOrArn) {
		Table declared = this.tables.get(nameOrArn);
		if (declared != null || this.schema.siloTables() == null) {
			return declared;
		}
		String name = nameOrArn.startsWith("arn:")
				? DynamoDbArn.parse(nameOrArn, "TableName", DynamoDbArn.TABLE).table() : nameOrArn;
		String pooled = this.schema.pooledTableOf(name);
		Table pooledTable = (pooled != null) ? this.tables.get(pooled) : null;
		return (pooledTable != null)
				? new Table(name, this.arns.table(name), pooledTable.partitionKey, pooledTable.indexKeys) : null;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	/**
	 * Why an update of an index partition key is refused.
	 * @param verb what the update does to the attribute, for example {@code sets}
	 * @param rest the rest of the sentence after the attribute
	 */
	private record Refusal(String verb, String rest) {

		String describe(String where, String attribute) {
			return where + " " + this.verb + " " + attribute + " " + this.rest;
		}

	}

	/**
	 * A table with declared indexes.
	 * @param name the table name
	 * @param arn the table ARN
	 * @param partitionKey the table's partition-key attribute
	 * @param indexKeys the index partition-key attributes, each with the indexes it keys
	 */
	private record Table(String name, String arn, String partitionKey, Map<String, List<String>> indexKeys) {
	}

}
