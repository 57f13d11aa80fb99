package dev.tenancy.sample.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Component;

/**
 * Turns keyset scroll positions into opaque cursors for clients and back: the base64url form of the position's keys
 * as JSON. A position holds the identity of an item inside the tenant and never the tenant, so a cursor, even a
 * forged one, can only continue inside the caller's organization.
 *
 * @author tenancy
 * @since 0.1
 */
@Component
public class Cursors {

	private static final int MAX_LENGTH = 1024;

	private final JsonMapper jsonMapper;

	/**
	 * @param jsonMapper the JSON mapper
	 */
	public Cursors(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @param window a page
	 * @return the cursor of the page after it, or {@literal null} if it is the last
	 */
	public @Nullable String next(Window<?> window) {
		if (!window.hasNext() || window.isEmpty()) {
			return null;
		}
		ScrollPosition position = window.positionAt(window.size() - 1);
		if (!(position instanceof KeysetScrollPosition keyset)) {
			throw new IllegalStateException("Tenant-scoped repositories page by key, but the window returned " + position);
		}
		byte[] json = this.jsonMapper.writeValueAsBytes(keyset.getKeys());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
	}

	/**
	 * @param cursor a cursor from {@link #next(Window)}, or {@literal null} for the first page
	 * @return the scroll position
	 * @throws InvalidCursorException if the cursor was not made by this application
	 */
	public ScrollPosition position(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return ScrollPosition.keyset();
		}
		if (cursor.length() > MAX_LENGTH) {
			throw new InvalidCursorException();
		}
		try {
			JsonNode node = this.jsonMapper.readTree(Base64.getUrlDecoder().decode(cursor));
			if (!node.isObject() || node.isEmpty()) {
				throw new InvalidCursorException();
			}
			Map<String, Object> keys = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				JsonNode value = entry.getValue();
				if (value.isString()) {
					keys.put(entry.getKey(), value.stringValue());
				}
				else if (value.isNumber()) {
					keys.put(entry.getKey(), value.decimalValue());
				}
				else {
					throw new InvalidCursorException();
				}
			}
			return ScrollPosition.forward(keys);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new InvalidCursorException();
		}
	}

	/**
	 * Thrown for a cursor that this application did not issue.
	 */
	public static final class InvalidCursorException extends RuntimeException {

		InvalidCursorException() {
			super("The cursor is not valid: pass the 'next' value of the previous page unchanged.");
		}

	}

}
