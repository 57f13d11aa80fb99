package dev.tenancy.sample.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Cursors round-trip keyset positions of the caller's organization and refuse anything else (#12 §4 item 6).
 */
class CursorsTests {

	private static final String INVALID = "The cursor is not valid: pass the 'next' value of the previous page unchanged.";

	private final Cursors cursors = new Cursors(JsonMapper.builder().build());

	static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	static String cursor(String position) {
		return encode(position);
	}

	@Test
	void nextPageCursorRoundTripsThePositionOfTheLastItem() {
		Window<String> window = Window.from(List.of("a", "b"),
				(index) -> ScrollPosition.forward(Map.of("id", List.of("a", "b").get(index))), true);
		String cursor = this.cursors.next(window);
		assertThat(cursor).isEqualTo(cursor("{\"id\":\"b\"}"));
		ScrollPosition position = this.cursors.position(cursor, "id", Cursors.PROJECT_ID);
		assertThat(position).isInstanceOfSatisfying(KeysetScrollPosition.class, (keyset) -> {
			assertThat(keyset.getKeys()).containsExactly(Map.entry("id", "b"));
			assertThat(keyset.scrollsForward()).isTrue();
		});
	}

	@Test
	void taskKeysRoundTrip() {
		ScrollPosition position = this.cursors.position(cursor("{\"key\":\"rocket-skates#t-1\"}"), "key",
				Cursors.TASK_KEY);
		assertThat(((KeysetScrollPosition) position).getKeys()).containsExactly(Map.entry("key", "rocket-skates#t-1"));
	}

	@Test
	void theLastPageHasNoCursor() {
		Window<String> window = Window.from(List.of("a"), (index) -> ScrollPosition.forward(Map.of("id", "a")),
				false);
		assertThat(this.cursors.next(window)).isNull();
	}

	@Test
	void noCursorStartsAtTheBeginning() {
		assertThat(this.cursors.position(null, "id", Cursors.PROJECT_ID)).isEqualTo(ScrollPosition.keyset());
	}

	static Stream<Arguments> malformed() {
		return Stream.of(arguments("empty string", ""),
				arguments("not base64", "not base64!"),
				arguments("not base64url", "e30+/w=="),
				arguments("base64 of text", encode("not a cursor")),
				arguments("base64 of invalid UTF-8", Base64.getUrlEncoder().encodeToString(new byte[] { (byte) 0xff })),
				arguments("JSON null", encode("null")),
				arguments("JSON array", encode("[]")),
				arguments("JSON string", encode("\"rocket-skates\"")),
				arguments("empty object", encode("{}")),
				arguments("number id (the 500 of #12)", encode("{\"id\":123}")),
				arguments("decimal id", cursor("{\"id\":1.5e300}")),
				arguments("boolean id", cursor("{\"id\":true}")),
				arguments("null id", cursor("{\"id\":null}")),
				arguments("array id", cursor("{\"id\":[\"rocket-skates\"]}")),
				arguments("attribute-value id", cursor("{\"id\":{\"S\":\"rocket-skates\"}}")),
				arguments("missing key", cursor("{\"key\":\"rocket-skates\"}")),
				arguments("extra key", cursor("{\"id\":\"rocket-skates\",\"sk\":\"PROJECT#x\"}")),
				arguments("an organization key", cursor("{\"id\":\"rocket-skates\",\"pk\":\"TENANT#globex\"}")),
				arguments("duplicate key", encode("{\"id\":\"rocket-skates\",\"id\":\"giant-magnet\"}")),
				arguments("trailing tokens", encode("{\"id\":\"rocket-skates\"} {}")),
				arguments("a partition key as id", cursor("{\"id\":\"TENANT#globex\"}")),
				arguments("a sort key as id", cursor("{\"id\":\"PROJECT#doomsday-device\"}")),
				arguments("empty id", cursor("{\"id\":\"\"}")),
				arguments("upper-case id", cursor("{\"id\":\"Rocket-Skates\"}")),
				arguments("control character in id", cursor("{\"id\":\"rocket\\u0000\"}")),
				arguments("a task key in a project listing", cursor("{\"id\":\"rocket-skates#t-1\"}")),
				arguments("huge", "e".repeat(1025)),
				arguments("huge but valid JSON", cursor("{\"id\":\"" + "a".repeat(1000) + "\"}")),
				arguments("deeply nested", encode("[".repeat(700))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformed")
	@DisplayName("#12 §4 item 6: every malformed or foreign cursor of a project listing is refused")
	void malformedCursorsAreRefused(String what, String cursor) {
		assertThatExceptionOfType(Cursors.InvalidCursorException.class)
			.isThrownBy(() -> this.cursors.position(cursor, "id", Cursors.PROJECT_ID))
			.withMessage(INVALID);
	}

	static Stream<Arguments> malformedTaskCursors() {
		return Stream.of(arguments("a project position", cursor("{\"id\":\"rocket-skates\"}")),
				arguments("a project id as key", cursor("{\"key\":\"rocket-skates\"}")),
				arguments("a task of another project", cursor("{\"key\":\"giant-magnet#t-1\"}")),
				arguments("a prefixed sort key", cursor("{\"key\":\"TASK#rocket-skates#t-1\"}")),
				arguments("a key with another separator", cursor("{\"key\":\"rocket-skates#t-1#x\"}")),
				arguments("a number", cursor("{\"key\":1}")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedTaskCursors")
	@DisplayName("#12 §4 item 6: a task listing refuses positions of other entity types and other projects")
	void foreignTaskCursorsAreRefused(String what, String cursor) {
		Predicate<String> rocketSkatesTask = (key) -> Cursors.TASK_KEY.test(key) && key.startsWith("rocket-skates#");
		assertThatExceptionOfType(Cursors.InvalidCursorException.class)
			.isThrownBy(() -> this.cursors.position(cursor, "key", rocketSkatesTask))
			.withMessage(INVALID);
	}

}
