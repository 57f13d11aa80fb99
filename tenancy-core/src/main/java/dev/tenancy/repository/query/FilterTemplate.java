package dev.tenancy.repository.query;

import java.util.List;
import java.util.Map;

/**
 * The filter of a declared query, rendered once at startup: a DynamoDB filter expression whose attribute names are
 * placeholders ({@code #f0}, …) for the entity's attributes and whose values are placeholders ({@code :f0}, …) each
 * bound to a method parameter when the query runs.
 *
 * @param expression the filter expression
 * @param names the attribute name of each name placeholder
 * @param operands one per value placeholder
 * @author tenancy
 * @since 0.2
 */
record FilterTemplate(String expression, Map<String, String> names, List<Operand> operands) {

	FilterTemplate {
		names = Map.copyOf(names);
		operands = List.copyOf(operands);
	}

	/**
	 * A value placeholder of the filter.
	 *
	 * @param placeholder the placeholder, e.g. {@code :f0}
	 * @param property the entity property the value is compared with (its converter turns the argument into the value)
	 * @param attribute the DynamoDB attribute of {@code property}
	 * @param parameterIndex the index of the bindable method parameter that gives the value
	 */
	record Operand(String placeholder, String property, String attribute, int parameterIndex) {
	}

}
