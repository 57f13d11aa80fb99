package dev.tenancy.sample.web;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cursors round-trip keyset positions and refuse anything else.
 */
class CursorsTests {

	private final Cursors cursors = new Cursors(JsonMapper.builder().build());

	@Test
	void nextPageCursorRoundTripsThePositionOfTheLastItem() {
		Window<String> window = Window.from(List.of("a", "b"),
				(index) -> ScrollPosition.forward(Map.of("id", List.of("a", "b").get(index))), true);
		String cursor = this.cursors.next(window);
		assertThat(cursor).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString("{\"id\":\"b\"}".getBytes()));
		ScrollPosition position = this.cursors.position(cursor);
		assertThat(position).isInstanceOfSatisfying(KeysetScrollPosition.class, (keyset) -> {
			assertThat(keyset.getKeys()).containsExactly(Map.entry("id", "b"));
			assertThat(keyset.scrollsForward()).isTrue();
		});
	}

	@Test
	void numbersInAPositionStayNumbers() {
		String cursor = Base64.getUrlEncoder().encodeToString("{\"id\":\"t-1\",\"priority\":3}".getBytes());
		assertThat(this.cursors.position(cursor)).isInstanceOfSatisfying(KeysetScrollPosition.class,
				(keyset) -> assertThat(keyset.getKeys()).containsEntry("priority", new BigDecimal("3")));
	}

	@Test
	void theLastPageHasNoCursor() {
		Window<String> window = Window.from(List.of("a"), (index) -> ScrollPosition.forward(Map.of("id", "a")),
				false);
		assertThat(this.cursors.next(window)).isNull();
	}

	@Test
	void noCursorStartsAtTheBeginning() {
		assertThat(this.cursors.position(null)).isEqualTo(ScrollPosition.keyset());
		assertThat(this.cursors.position("")).isEqualTo(ScrollPosition.keyset());
	}

	@ParameterizedTest
	@ValueSource(strings = { "not base64!", "bnVsbA", "W10", "e30", "eyJpZCI6W119", "eyJpZCI6" })
	void foreignCursorsAreRefused(String cursor) {
		// "null", "[]", "{}", {"id":[]} and a truncated object
		assertThatExceptionOfType(Cursors.InvalidCursorException.class).isThrownBy(() -> this.cursors.position(cursor))
			.withMessage("The cursor is not valid: pass the 'next' value of the previous page unchanged.");
	}

	@Test
	void overlongCursorsAreRefusedUnread() {
		assertThatExceptionOfType(Cursors.InvalidCursorException.class)
			.isThrownBy(() -> this.cursors.position("e".repeat(1025)));
	}

}
