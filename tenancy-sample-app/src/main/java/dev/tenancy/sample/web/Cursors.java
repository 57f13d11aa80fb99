package dev.tenancy.sample.web;

import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Component;

/**
 * Turns keyset scroll positions into opaque cursors for clients and back: the base64url form of the position's key
 * as JSON, for example {@code {"id":"giant-magnet"}}. A position holds the identity of an item inside the
 * organization and never the organization or a partition key, so even a forged cursor can only continue inside the
 * caller's organization.
 * <p>
 * Every listing names the one key its positions hold and what a valid value looks like; a cursor of any other shape
 * (not base64url, not JSON, other or extra keys, duplicate keys, a non-string or invalid value such as another
 * entity's key or a partition key, longer than {@value #MAX_LENGTH} characters, empty) is an
 * {@link InvalidCursorException}, which the API answers with 400.
 *
 * @author tenancy
 * @since 0.1
 */
@Component
public class Cursors {

	/** A valid project id, the key of a project listing's positions ({@code id}). */
	public static final Predicate<String> PROJECT_ID = Pattern.compile(ProjectRequests.ID_PATTERN).asMatchPredicate();

	/** A valid task key {@code <projectId>#<taskId>}, the key of a task listing's positions ({@code key}). */
	public static final Predicate<String> TASK_KEY = Pattern
		.compile(ProjectRequests.ID_PATTERN + "#" + TaskController.TASK_ID_PATTERN)
		.asMatchPredicate();

	private static final int MAX_LENGTH = 1024;

	private final JsonMapper jsonMapper;

	private final ObjectReader reader;

	/**
	 * @param jsonMapper the JSON mapper
	 */
	public Cursors(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		this.reader = jsonMapper.reader()
			.with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
	 * @param key the one key the listing's positions hold, for example {@code id}
	 * @param validValue what a valid value of that key looks like, for example {@link #PROJECT_ID}
	 * @return the scroll position
	 * @throws InvalidCursorException if the cursor was not made by this application for this listing
	 */
	public ScrollPosition position(@Nullable String cursor, String key, Predicate<String> validValue) {
		if (cursor == null) {
			return ScrollPosition.keyset();
		}
		if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
			throw new InvalidCursorException();
		}
		JsonNode node;
		try {
			node = this.reader.readTree(Base64.getUrlDecoder().decode(cursor));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new InvalidCursorException();
		}
		JsonNode value = (node != null && node.isObject() && node.size() == 1) ? node.get(key) : null;
		if (value == null || !value.isString() || !validValue.test(value.stringValue())) {
			throw new InvalidCursorException();
		}
		return ScrollPosition.forward(Map.of(key, value.stringValue()));
	}

	/**
	 * Thrown for a cursor that this application did not issue for this listing.
	 */
	public static final class InvalidCursorException extends RuntimeException {

		InvalidCursorException() {
			super("The cursor is not valid: pass the 'next' value of the previous page unchanged.");
		}

	}

}
