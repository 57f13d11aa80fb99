package dev.tenancy.keys;

import java.util.List;

import dev.tenancy.context.TenantId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TenantKeyTemplate}.
 *
 * @author tenancy
 */
class TenantKeyTemplateTests {

	static final TenantKeyTemplate TEMPLATE = TenantKeyTemplate.defaultTemplate();

	static final TenantId ACME = TenantId.of("acme");

	@Test
	void defaultTemplateKeysAndPatterns() {
		assertThat(TEMPLATE.template()).isEqualTo("TENANT#{tenant}");
		assertThat(TEMPLATE.prefix()).isEqualTo("TENANT#");
		assertThat(TEMPLATE.partitionKey(ACME)).isEqualTo("TENANT#acme");
		assertThat(TEMPLATE.compositeKey(ACME, "STATUS", "OPEN")).isEqualTo("TENANT#acme#STATUS#OPEN");
		assertThat(TEMPLATE.leadingKeyPatterns(ACME)).containsExactly("TENANT#acme", "TENANT#acme#*");
		assertThat(TEMPLATE.leadingKeyPatternsForTag("tenant")).containsExactly("TENANT#${aws:PrincipalTag/tenant}",
				"TENANT#${aws:PrincipalTag/tenant}#*");
	}

	@Test
	void customTemplate() {
		TenantKeyTemplate template = TenantKeyTemplate.of("org|{tenant}");
		assertThat(template.partitionKey(ACME)).isEqualTo("org|acme");
		assertThat(template.compositeKey(ACME, "X")).isEqualTo("org|acme#X");
		assertThat(template.leadingKeyPatterns(ACME)).containsExactly("org|acme", "org|acme#*");
		assertThat(template.belongsTo("org|acme#X", ACME)).isTrue();
		assertThat(template.belongsTo("TENANT#acme", ACME)).isFalse();
		assertThat(template).isEqualTo(TenantKeyTemplate.of("org|{tenant}")).hasToString("org|{tenant}");
	}

	@Test
	void compositeKeyNeedsNonEmptyParts() {
		assertThatIllegalArgumentException().isThrownBy(() -> TEMPLATE.compositeKey(ACME))
			.withMessage("A composite key of tenant 'acme' needs at least one part; use partitionKey(tenant) for the "
					+ "base key.");
		assertThatIllegalArgumentException().isThrownBy(() -> TEMPLATE.compositeKey(ACME, "STATUS", ""))
			.withMessage("Part 2 of a composite key of tenant 'acme' is empty; every part must be non-empty.");
	}

	// TH-5: prefix confusion
	@ParameterizedTest(name = "''{0}'' belongs to ''{1}'': {2}")
	@CsvSource(nullValues = "-", value = { "TENANT#acme, acme, true", "TENANT#acme#STATUS#OPEN, acme, true",
			"TENANT#acme#x, acme, true", "TENANT#acme#, acme, true", "TENANT#acme2, acme, false",
			"TENANT#acme.x, acme, false", "TENANT#acme-2, acme, false", "TENANT#acm, acme, false",
			"TENANT#1, 1, true", "TENANT#12, 1, false", "TENANT#1#2, 1, true", "TENANT#12#1, 1, false",
			"TENANT#ACME, acme, false", "tenant#acme, acme, false", "XTENANT#acme, acme, false",
			"TENANT#, acme, false", "TENANT#x#acme, acme, false", "acme, acme, false", "-, acme, false" })
	@DisplayName("TH-5: belongsTo and the LeadingKeys patterns agree and never confuse prefixes")
	void th5PrefixConfusion(String partitionKey, String tenantId, boolean expected) {
		TenantId tenant = TenantId.of(tenantId);
		assertThat(TEMPLATE.belongsTo(partitionKey, tenant)).isEqualTo(expected);
		if (partitionKey != null) {
			assertThat(StringLikeMatcher.matchesAny(TEMPLATE.leadingKeyPatterns(tenant), partitionKey))
				.isEqualTo(expected);
		}
	}

	// TH-5
	@Test
	@DisplayName("TH-5: a prefix wildcard would leak, the delimiter patterns do not")
	void th5NaivePrefixPatternLeaks() {
		TenantId one = TenantId.of("1");
		assertThat(StringLikeMatcher.matches("TENANT#1*", "TENANT#12")).isTrue();
		assertThat(StringLikeMatcher.matchesAny(TEMPLATE.leadingKeyPatterns(one), "TENANT#12")).isFalse();
		assertThat(StringLikeMatcher.forAllValuesWithNullGuard(TEMPLATE.leadingKeyPatterns(one),
				List.of("TENANT#1", "TENANT#12"))).isFalse();
		assertThat(StringLikeMatcher.forAllValuesWithNullGuard(TEMPLATE.leadingKeyPatterns(one),
				List.of("TENANT#1", "TENANT#1#STATUS#OPEN"))).isTrue();
		assertThat(StringLikeMatcher.forAllValuesWithNullGuard(TEMPLATE.leadingKeyPatterns(one), List.of())).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"TENANT#              | has no {tenant} placeholder; add one at the end",
			"{tenant}             | starts with the tenant; put a fixed literal before {tenant}",
			"{tenant}#TENANT      | starts with the tenant",
			"TENANT#{tenant}#x    | '#x' follows the placeholder; the tenant must be the last part of the base key",
			"TENANT#{tenant}{tenant} | has more than one {tenant} placeholder",
			"T*{tenant}           | character '*' at index 1 is not allowed in the literal",
			"T?{tenant}           | character '?' at index 1 is not allowed",
			"T${tenant}           | character '$' at index 1 is not allowed",
			"T{{tenant}           | character '{' at index 1 is not allowed",
			"T}{tenant}           | character '}' at index 1 is not allowed",
			"T {tenant}           | character ' ' at index 1 is not allowed",
			"TENANT#{Tenant}      | has no {tenant} placeholder" })
	void invalidTemplates(String template, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> TenantKeyTemplate.of(template))
			.withMessageStartingWith("Invalid tenant key template '" + template + "': ")
			.withMessageContaining(message);
	}

	@Test
	void nonAsciiLiteralIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TenantKeyTemplate.of("T\u00c9#{tenant}"))
			.withMessageContaining("character '\\u00c9' at index 1 is not allowed in the literal");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "aws:tenant", "AWS:x", "ten ant", "tenant}", "ten*", "${x}", "t\u00e9" })
	void invalidTagKeys(String tagKey) {
		assertThatIllegalArgumentException().isThrownBy(() -> TEMPLATE.leadingKeyPatternsForTag(tagKey))
			.withMessageStartingWith("Invalid session tag key '")
			.withMessageContaining("not starting with 'aws:'");
	}

}
