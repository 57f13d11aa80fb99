package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tenancy.context.Printable;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.keys.DynamoDbKeySchema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static dev.tenancy.iam.request.RequestJson.optionalObject;
import static dev.tenancy.iam.request.RequestJson.optionalText;

/**
 * The parts of IAM's request context that {@link DynamoDbRequestContextExtractor} reads alike in many operations:
 * keys and items ({@code dynamodb:LeadingKeys}, {@code dynamodb:Attributes}), projections, conditions, legacy key
 * conditions, {@code dynamodb:Select} and {@code dynamodb:ReturnValues}, and the assembly of an
 * {@link AuthorizationRequest}.
 *
 * @author tenancy
 * @since 0.2
 */
final class RequestContextParts {

	static final String SPECIFIC_ATTRIBUTES = "SPECIFIC_ATTRIBUTES";

	static final String ALL_ATTRIBUTES = "ALL_ATTRIBUTES";

	static final String ALL_PROJECTED_ATTRIBUTES = "ALL_PROJECTED_ATTRIBUTES";

	static final String NONE = "NONE";

	static final String ALL_OLD = "ALL_OLD";

	private RequestContextParts() {
	}

	// Context assembly

	static AuthorizationRequest authorization(String action, String resource, String operation,
			@Nullable String partitionKey, List<String> leadingKeys, List<String> attributes, @Nullable String select,
			@Nullable String returnValues, @Nullable String consumedCapacity, @Nullable String enclosingOperation) {
		Map<String, List<String>> context = new HashMap<>(16);
		if (partitionKey != null && !leadingKeys.isEmpty()) {
			context.put(AuthorizationRequest.LEADING_KEYS, leadingKeys);
		}
		if (!attributes.isEmpty()) {
			context.put(AuthorizationRequest.ATTRIBUTES, attributes);
		}
		putIfNotNull(context, AuthorizationRequest.SELECT, select);
		putIfNotNull(context, AuthorizationRequest.RETURN_VALUES, returnValues);
		putIfNotNull(context, AuthorizationRequest.RETURN_CONSUMED_CAPACITY, consumedCapacity);
		putIfNotNull(context, AuthorizationRequest.ENCLOSING_OPERATION, enclosingOperation);
		return new AuthorizationRequest(action, resource, context, operation);
	}

	static void putIfNotNull(Map<String, List<String>> context, String key, @Nullable String value) {
		if (value != null) {
			context.put(key, List.of(value));
		}
	}

	static String select(JsonNode request, boolean projected, boolean index, String where) {
		if (projected) {
			return SPECIFIC_ATTRIBUTES;
		}
		String select = optionalText(request, "Select", where);
		if (select != null) {
			return select;
		}
		return index ? ALL_PROJECTED_ATTRIBUTES : ALL_ATTRIBUTES;
	}

	static String returnValues(JsonNode request, String where) {
		String returnValues = optionalText(request, "ReturnValues", where);
		if (returnValues == null) {
			returnValues = NONE;
		}
		if (ALL_OLD.equals(optionalText(request, "ReturnValuesOnConditionCheckFailure", where))
				&& !returnValues.startsWith("ALL_")) {
			return ALL_OLD;
		}
		return returnValues;
	}

	// Parts of requests

	static void addKey(JsonNode key, @Nullable String partitionKey, String tableName, List<String> attributes, List<String> leadingKeys,
			String where) {
		if (!key.isObject() || key.isEmpty()) {
			throw new IllegalArgumentException(String.format("A key in the %s is not a non-empty JSON object.", where));
		}
		addItem(key, partitionKey, tableName, attributes, leadingKeys, where);
	}

	static void addItem(JsonNode item, @Nullable String partitionKey, String tableName, List<String> attributes, List<String> leadingKeys,
			String where) {
		boolean found = false;
		for (Map.Entry<String, JsonNode> attribute : item.properties()) {
			String name = attribute.getKey();
			DynamoDbExpressions.addDistinct(attributes, name);
			if (name.equals(partitionKey)) {
				String value = DynamoDbExpressions.keyValueText(attribute.getValue());
				if (value == null) {
					throw DynamoDbExpressions
						.invalidKeyValue("partition key '" + Printable.of(name) + "' in the " + where);
				}
				DynamoDbExpressions.addDistinct(leadingKeys, value);
				found = true;
			}
		}
		if (partitionKey != null && !found) {
			throw new IllegalArgumentException(String.format(
					"A key or item in the %s lacks the partition-key attribute '%s' of table '%s'; "
							+ "if the table's partition key is another attribute, correct the DynamoDbKeySchema.",
					where, Printable.of(partitionKey), tableName));
		}
	}

	static void addKeyConditions(JsonNode keyConditions, @Nullable String partitionKey,
			List<String> attributes, List<String> leadingKeys) {
		for (Map.Entry<String, JsonNode> condition : keyConditions.properties()) {
			String name = condition.getKey();
			DynamoDbExpressions.addDistinct(attributes, name);
			JsonNode operator = condition.getValue().get("ComparisonOperator");
			if (name.equals(partitionKey) && operator != null && "EQ".equals(operator.stringValue(null))) {
				JsonNode values = condition.getValue().get("AttributeValueList");
				if (values == null || !values.isArray() || values.size() != 1) {
					throw new IllegalArgumentException(String.format(
							"KeyConditions EQ on '%s' must have exactly one value in AttributeValueList.",
							Printable.of(name)));
				}
				String value = DynamoDbExpressions.keyValueText(values.get(0));
				if (value == null) {
					throw DynamoDbExpressions.invalidKeyValue("KeyConditions value of '" + Printable.of(name) + "'");
				}
				DynamoDbExpressions.addDistinct(leadingKeys, value);
			}
		}
	}

	static boolean addProjection(JsonNode request, @Nullable JsonNode names, List<String> attributes,
			String where) {
		boolean projected = addExpression(request, "ProjectionExpression", names, attributes, where);
		JsonNode attributesToGet = request.get("AttributesToGet");
		if (attributesToGet != null) {
			if (!attributesToGet.isArray()) {
				throw new IllegalArgumentException(
						String.format("The AttributesToGet of the %s is not a JSON array.", where));
			}
			for (JsonNode name : attributesToGet) {
				if (!name.isString()) {
					throw new IllegalArgumentException(
							String.format("The AttributesToGet of the %s contains a non-string.", where));
				}
				DynamoDbExpressions.addDistinct(attributes, name.stringValue());
			}
			projected = true;
		}
		return projected;
	}

	static void addConditions(JsonNode request, List<String> attributes, String where) {
		addExpression(request, "ConditionExpression", optionalObject(request, "ExpressionAttributeNames", where),
				attributes, where);
		addPropertyNames(request, "Expected", attributes, where);
	}

	static boolean addExpression(JsonNode request, String field, @Nullable JsonNode names,
			List<String> attributes, String where) {
		String expression = optionalText(request, field, where);
		if (expression == null) {
			return false;
		}
		DynamoDbExpressions.analyse(expression, field, names, null, attributes, null, null);
		return true;
	}

	static void addPropertyNames(JsonNode request, String field, List<String> attributes, String where) {
		JsonNode map = optionalObject(request, field, where);
		if (map != null) {
			for (String name : map.propertyNames()) {
				DynamoDbExpressions.addDistinct(attributes, name);
			}
		}
	}

}
