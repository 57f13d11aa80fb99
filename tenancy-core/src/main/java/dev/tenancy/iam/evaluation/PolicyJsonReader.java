package dev.tenancy.iam.evaluation;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a policy document from JSON for the evaluator, closing two gaps of {@link IamPolicy#fromJson(String)}
 * (AWS SDK 2.41): it silently drops a condition whose value is a bare JSON boolean or number
 * ({@code "Bool":{"aws:SecureTransport":false}}), which would widen an Allow, and it reports {@code 2012-10-17} for a
 * document without {@code Version}, which IAM evaluates with variables as literal text (docs/IAM.md R6). Here such
 * values are turned into strings, an empty value list is rejected, and whether {@code Version} was declared is kept.
 *
 * @author tenancy
 * @since 0.1
 */
final class PolicyJsonReader {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private PolicyJsonReader() {
	}

	/**
	 * @param json a policy document
	 * @return the parsed policy and whether it declared a Version
	 * @throws IllegalArgumentException if the document is not a valid policy
	 */
	static CompiledGate.PolicyDocument read(String json) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Policy document is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(root instanceof ObjectNode document)) {
			throw new IllegalArgumentException("Policy document must be a JSON object.");
		}
		JsonNode statements = document.get("Statement");
		if (statements instanceof ArrayNode array) {
			for (JsonNode statement : array) {
				normalizeStatement(statement);
			}
		}
		else if (statements != null) {
			normalizeStatement(statements);
		}
		IamPolicy policy = IamPolicy.fromJson(MAPPER.writeValueAsString(document));
		return new CompiledGate.PolicyDocument(policy, document.has("Version"));
	}

	private static void normalizeStatement(JsonNode statement) {
		JsonNode condition = statement.get("Condition");
		if (!(condition instanceof ObjectNode operators)) {
			return;
		}
		for (Map.Entry<String, JsonNode> operator : operators.properties()) {
			if (!(operator.getValue() instanceof ObjectNode keys)) {
				throw new IllegalArgumentException(
						"Condition operator '" + operator.getKey() + "' must map condition keys to values.");
			}
			for (String key : List.copyOf(keys.propertyNames())) {
				JsonNode value = keys.get(key);
				if (value instanceof ArrayNode values) {
					if (values.isEmpty()) {
						throw new IllegalArgumentException("Condition key '" + key + "' under '" + operator.getKey()
								+ "' has an empty value list; give at least one value.");
					}
					for (int i = 0; i < values.size(); i++) {
						values.set(i, scalar(values.get(i), operator.getKey(), key));
					}
				}
				else {
					keys.put(key, scalar(value, operator.getKey(), key));
				}
			}
		}
	}

	private static String scalar(JsonNode value, String operator, String key) {
		if (value.isString() || value.isBoolean() || value.isNumber()) {
			return value.asString();
		}
		throw new IllegalArgumentException("Condition key '" + key + "' under '" + operator
				+ "' must have a string, boolean or number value, or a list of them.");
	}

}
