package dev.tenancy.context;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TenantIdTests {

	static Stream<Arguments> hostileIds() {
		return Stream.of(Arguments.of("wildcard", "*"), Arguments.of("prefix wildcard", "a*"),
				Arguments.of("single-character wildcard", "?"), Arguments.of("policy variable", "${aws:username}"),
				Arguments.of("key prefix injection", "TENANT#b"), Arguments.of("composite key injection", "acme#x"),
				Arguments.of("path traversal", "../b"), Arguments.of("empty", ""),
				Arguments.of("49 characters", "a".repeat(49)),
				Arguments.of("Cyrillic look-alike", "\u0430cme"), Arguments.of("full-width look-alike", "\uff41cme"),
				Arguments.of("leading space", " acme"), Arguments.of("trailing space", "acme "),
				Arguments.of("tab", "ac\tme"), Arguments.of("newline (log forging)", "acme\nINFO forged"),
				Arguments.of("slash", "acme/x"), Arguments.of("colon", "acme:x"), Arguments.of("dollar", "$acme"),
				Arguments.of("braces", "{acme}"), Arguments.of("at sign", "acme@x"));
	}

	@ParameterizedTest(name = "TH-6 rejects {0}")
	@MethodSource("hostileIds")
	void rejectsHostileTenantIdsWithAMessageThatSaysWhatIsAllowed(String description, String hostile) {
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> TenantId.of(hostile))
			.withMessageContaining("Invalid tenant id")
			.withMessageContaining(TenantId.ALLOWED);
		assertThat(TenantId.isValid(hostile)).isFalse();
	}

	@Test
	@DisplayName("TH-6 rejects null")
	void rejectsNull() {
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> TenantId.of(null))
			.withMessage("Tenant id must not be null; a tenant id is " + TenantId.ALLOWED + ".");
	}

	@Test
	void messageEscapesControlAndNonAsciiCharactersAndNamesTheFirstOffender() {
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> TenantId.of("acme\nINFO x"))
			.withMessageStartingWith("Invalid tenant id 'acme\\u000aINFO x': character '\\u000a' at index 4 is not allowed")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> TenantId.of("\u0430cme"))
			.withMessageContaining("'\\u0430cme'");
	}

	@Test
	void messageTruncatesVeryLongValues() {
		assertThatExceptionOfType(InvalidTenantIdException.class).isThrownBy(() -> TenantId.of("x".repeat(10_000)))
			.withMessageContaining("(length 10000)")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300));
	}

	@ParameterizedTest
	@ValueSource(strings = { "acme", "1", "12", "a", "tenant-42", "Globex_Corp", "v1.2", "A-b_c.9" })
	void acceptsValidIds(String valid) {
		assertThat(TenantId.of(valid).value()).isEqualTo(valid);
		assertThat(TenantId.isValid(valid)).isTrue();
	}

	@Test
	void acceptsExactlyMaximumLength() {
		String max = "a".repeat(TenantId.MAX_LENGTH);
		assertThat(TenantId.of(max).value()).hasSize(48);
	}

	@Test
	void isAValueType() {
		assertThat(TenantId.of("acme")).isEqualTo(TenantId.of("acme")).hasSameHashCodeAs(TenantId.of("acme"));
		assertThat(TenantId.of("acme")).isNotEqualTo(TenantId.of("Acme"));
		assertThat(TenantId.of("acme")).hasToString("acme");
		assertThat(TenantId.of("a")).isLessThan(TenantId.of("b"));
	}

}
