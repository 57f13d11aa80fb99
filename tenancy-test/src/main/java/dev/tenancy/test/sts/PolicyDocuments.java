package dev.tenancy.test.sts;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads policy documents with Jackson.
 *
 * @author tenancy
 * @since 0.1
 */
final class PolicyDocuments {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private PolicyDocuments() {
	}

	/**
	 * Parse a document that must be a JSON object.
	 * @param json the text
	 * @param what what the document is, for the error message
	 * @return the parsed object
	 * @throws IllegalArgumentException if the text is not a JSON object
	 */
	static JsonNode requireObject(String json, String what) {
		JsonNode node = parseOrNull(json);
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(String.format("The %s is not a JSON object: '%s'.", what, json));
		}
		return node;
	}

	/**
	 * @param json the text
	 * @return the parsed tree, or {@literal null} if the text is not valid JSON
	 */
	static @Nullable JsonNode parseOrNull(String json) {
		try {
			return MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * @param node a parsed document
	 * @return the document without insignificant whitespace
	 */
	static String minify(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

}
