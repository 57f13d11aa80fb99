package dev.tenancy.core;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.util.Assert;

/**
 * A DynamoDB {@code FilterExpression} for a {@link TenancyQuery}, applied after the key condition: it can only drop
 * items of the tenant's partition, never add any. Its placeholders are its own ({@code #f…} names, {@code :f…}
 * values), so they never collide with the ones the library writes for the key condition. Where the library adds a
 * filter of its own, the expression is put in parentheses, so it must not be in parentheses as a whole (DynamoDB
 * refuses redundant ones).
 *
 * @param expression the filter expression
 * @param names the expression attribute names it uses, each starting with {@code #f}
 * @param values the expression attribute values it uses, each starting with {@code :f}
 * @author tenancy
 * @since 0.2
 */
public record QueryFilter(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

	/**
	 * Validate and copy the components.
	 * @param expression must not be empty
	 * @param names must not be {@literal null}; every key starts with {@code #f}
	 * @param values must not be {@literal null}; every key starts with {@code :f}
	 */
	public QueryFilter {
		Assert.hasText(expression, "Expression must not be empty");
		Assert.notNull(names, "Names must not be null");
		Assert.notNull(values, "Values must not be null");
		names.keySet()
			.forEach((name) -> Assert.isTrue(name.startsWith("#f"), () -> "A filter name placeholder must start with "
					+ "'#f': " + name));
		values.keySet()
			.forEach((value) -> Assert.isTrue(value.startsWith(":f"), () -> "A filter value placeholder must start "
					+ "with ':f': " + value));
		names = Map.copyOf(names);
		values = Map.copyOf(values);
	}

}
