package dev.tenancy.repository.query;

import java.util.List;

/**
 * A parsed key condition or filter of a {@link Query}: comparisons of entity properties with {@code :name}
 * parameters, combined with {@code AND}, {@code OR} and {@code NOT}. It holds no literal values.
 *
 * @author tenancy
 * @since 0.2
 */
sealed interface QueryExpression {

	/**
	 * A property compared with parameters.
	 *
	 * @param property the entity property
	 * @param operator the comparison
	 * @param parameters the parameter names, as many as the operator takes
	 */
	record Comparison(String property, Comparator operator, List<String> parameters) implements QueryExpression {

		public Comparison {
			parameters = List.copyOf(parameters);
		}

	}

	/**
	 * {@code attribute_exists(property)} or {@code attribute_not_exists(property)}.
	 *
	 * @param property the entity property
	 * @param exists whether the attribute must exist
	 */
	record Presence(String property, boolean exists) implements QueryExpression {
	}

	/**
	 * Terms that must all hold.
	 *
	 * @param terms two or more
	 */
	record And(List<QueryExpression> terms) implements QueryExpression {

		public And {
			terms = List.copyOf(terms);
		}

	}

	/**
	 * Alternatives of which one must hold.
	 *
	 * @param alternatives two or more
	 */
	record Or(List<QueryExpression> alternatives) implements QueryExpression {

		public Or {
			alternatives = List.copyOf(alternatives);
		}

	}

	/**
	 * A negation.
	 *
	 * @param negated the negated expression
	 */
	record Not(QueryExpression negated) implements QueryExpression {
	}

	/** The comparisons a declared query can write, with their DynamoDB syntax. */
	enum Comparator {

		/** {@code =} */
		EQ("="),

		/** {@code <>}, in filters only */
		NE("<>"),

		/** {@code <} */
		LT("<"),

		/** {@code <=} */
		LE("<="),

		/** {@code >} */
		GT(">"),

		/** {@code >=} */
		GE(">="),

		/** {@code BETWEEN :a AND :b} */
		BETWEEN("BETWEEN"),

		/** {@code begins_with(property, :p)} */
		BEGINS_WITH("begins_with"),

		/** {@code contains(property, :p)}, in filters only */
		CONTAINS("contains");

		private final String syntax;

		Comparator(String syntax) {
			this.syntax = syntax;
		}

		/**
		 * @return the operator or function name as DynamoDB writes it
		 */
		String syntax() {
			return this.syntax;
		}

		/**
		 * @return whether DynamoDB writes it as a function
		 */
		boolean function() {
			return this == BEGINS_WITH || this == CONTAINS;
		}

	}

}
