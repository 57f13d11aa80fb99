package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to the members of a parsed DynamoDB request body, each failure an {@link IllegalArgumentException}
 * naming the member and where it is (which callers treat as a denial).
 *
 * @author tenancy
 * @since 0.2
 */
final class RequestJson {

	private RequestJson() {
	}

	// JSON access

	static String requireText(JsonNode request, String field, String where) {
		String text = optionalText(request, field, where);
		if (text == null) {
			throw new IllegalArgumentException(String.format("The %s has no '%s'.", where, field));
		}
		return text;
	}

	static @Nullable String optionalText(JsonNode request, String field, String where) {
		JsonNode node = request.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new IllegalArgumentException(String.format("The '%s' of the %s is not a string.", field, where));
		}
		return node.stringValue();
	}

	static JsonNode requireObject(JsonNode request, String field, String where) {
		JsonNode node = optionalObject(request, field, where);
		if (node == null) {
			throw new IllegalArgumentException(String.format("The %s has no '%s'.", where, field));
		}
		return node;
	}

	static JsonNode requireNonEmptyObject(JsonNode request, String field, String where) {
		JsonNode node = requireObject(request, field, where);
		if (node.isEmpty()) {
			throw new IllegalArgumentException(String.format("The '%s' of the %s is empty.", field, where));
		}
		return node;
	}

	static @Nullable JsonNode optionalObject(JsonNode request, String field, String where) {
		JsonNode node = request.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException(
					String.format("The '%s' of the %s is not a JSON object.", field, where));
		}
		return node;
	}

	static JsonNode requireNonEmptyArray(JsonNode request, String field, String where) {
		JsonNode node = request.get(field);
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw new IllegalArgumentException(
					String.format("The %s has no non-empty JSON array '%s'.", where, field));
		}
		return node;
	}

}
