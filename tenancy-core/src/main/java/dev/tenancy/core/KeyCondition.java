package dev.tenancy.core;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.util.Assert;

/**
 * A condition on a sort key, part of a DynamoDB key condition. For the table's sort key the values are identities
 * inside the tenant, without the entity's sort-key prefix, which the library adds.
 *
 * @param operator the comparison
 * @param values one value, or two for {@link Operator#BETWEEN}
 * @author tenancy
 * @since 0.1
 */
public record KeyCondition(Operator operator, List<AttributeValue> values) {

	/**
	 * Validate and copy the components.
	 * @param operator must not be {@literal null}
	 * @param values as many as the operator takes
	 */
	public KeyCondition {
		Assert.notNull(operator, "Operator must not be null");
		Assert.notNull(values, "Values must not be null");
		if (values.size() != operator.arity()) {
			throw new IllegalArgumentException(String.format("Operator %s takes %d value(s), not %d", operator,
					operator.arity(), values.size()));
		}
		values = List.copyOf(values);
	}

	/**
	 * @param operator the comparison
	 * @param values the values
	 * @return the condition
	 */
	public static KeyCondition of(Operator operator, AttributeValue... values) {
		return new KeyCondition(operator, List.of(values));
	}

	/**
	 * The comparisons DynamoDB offers in a key condition on a sort key.
	 */
	public enum Operator {

		/** {@code =} */
		EQ(1),

		/** {@code begins_with} */
		BEGINS_WITH(1),

		/** {@code BETWEEN}, inclusive at both ends */
		BETWEEN(2),

		/** {@code <} */
		LT(1),

		/** {@code <=} */
		LE(1),

		/** {@code >} */
		GT(1),

		/** {@code >=} */
		GE(1);

		private final int arity;

		Operator(int arity) {
			this.arity = arity;
		}

		/**
		 * @return how many values the operator takes
		 */
		public int arity() {
			return this.arity;
		}

	}

}
