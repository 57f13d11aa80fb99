package dev.tenancy.repository.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.KeyCondition.Operator;
import dev.tenancy.core.SortKeyMetadata;
import dev.tenancy.core.TenantEntityMetadata;
import dev.tenancy.core.TenantIndexMetadata;
import dev.tenancy.repository.query.QueryExpression.Comparator;
import dev.tenancy.repository.query.QueryExpression.Comparison;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.Parameter;
import org.springframework.util.StringUtils;

/**
 * Checks a {@link Query} against the entity and the method's parameters and turns it into a
 * {@link TenancyQueryPlan}, once, when the repository is created. Whatever could leave the tenant's partition or
 * cannot be checked is refused with an {@link InvalidDataAccessApiUsageException} naming the method and the reason:
 * a partition key (the table's, an index's, or a property an index's tenant key is composed from outside an equality
 * of that index's key condition), an index that is no tenant index, a property the entity does not map, a parameter
 * the method lacks or does not use, a key condition that is not one.
 *
 * @author tenancy
 * @since 0.2
 */
final class DeclaredQueryParser {

	private final TenantEntityMetadata<?> metadata;

	private final String method;

	private final Map<String, Integer> parameters = new LinkedHashMap<>();

	private final Set<String> used = new LinkedHashSet<>();

	/**
	 * @param queryMethod the annotated method
	 * @param metadata the entity metadata
	 */
	DeclaredQueryParser(TenancyQueryMethod queryMethod, TenantEntityMetadata<?> metadata) {
		this.metadata = metadata;
		this.method = queryMethod.describe();
		int index = 0;
		for (Parameter parameter : queryMethod.getParameters().getBindableParameters()) {
			String name = parameter.getName()
				.orElseThrow(() -> refused(this.method, String.format("parameter %d has no name; annotate it with "
						+ "@Param or compile with -parameters.", parameter.getIndex())));
			this.parameters.put(name, index++);
		}
	}

	static InvalidDataAccessApiUsageException refused(String method, String reason) {
		return new InvalidDataAccessApiUsageException(
				String.format("Declared query of '%s' is refused: %s", method, reason));
	}

	private InvalidDataAccessApiUsageException refused(String reason) {
		return refused(this.method, reason);
	}

	/**
	 * @param query the declaration
	 * @param indexHint the index named by {@code @TenantIndex}, or {@literal null}
	 * @return the plan
	 */
	TenancyQueryPlan parse(Query query, @Nullable String indexHint) {
		TenantIndexMetadata index = index(query.index(), indexHint);
		SortKeyMetadata sortKey = (index != null) ? index.sortKey() : this.metadata.sortKey();
		Map<String, Integer> keyParameters = new LinkedHashMap<>();
		Comparison sortCondition = null;
		for (Comparison term : keyTerms(query.keyCondition())) {
			String property = term.property();
			checkNotPartitionKey(property, "key condition");
			if (index != null && index.properties().contains(property)) {
				if (term.operator() != Comparator.EQ || keyParameters.containsKey(property)) {
					throw refused(String.format("'%s' composes the tenant key of index '%s' and takes exactly one "
							+ "equality (%s = :value).", property, index.name(), property));
				}
				keyParameters.put(property, parameter(term.parameters().get(0)));
			}
			else if (sortKey != null && property.equals(sortKey.property())) {
				if (sortCondition != null) {
					throw refused(String.format("'%s' has two conditions, but a key condition holds one per sort key; "
							+ "use BETWEEN.", property));
				}
				sortCondition = term;
			}
			else {
				throw refused(notAKey(property, index));
			}
		}
		List<Integer> indexParameters = new ArrayList<>();
		if (index != null) {
			for (String property : index.properties()) {
				Integer parameter = keyParameters.get(property);
				if (parameter == null) {
					throw refused(String.format("index '%s' is keyed by %s; the key condition needs an equality on "
							+ "each (for example \"%s = :%s\").", index.name(), index.properties(), property,
							property));
				}
				indexParameters.add(parameter);
			}
		}
		Operator sortOperator = null;
		List<Integer> sortParameters = new ArrayList<>();
		if (sortCondition != null && sortKey != null) {
			sortOperator = keyOperator(sortCondition, sortKey);
			for (String parameter : sortCondition.parameters()) {
				sortParameters.add(parameter(parameter));
			}
		}
		FilterTemplate filter = StringUtils.hasText(query.filter())
				? new FilterRenderer(index).render(expression(query.filter(), "filter")) : null;
		checkAllParametersUsed();
		return new TenancyQueryPlan(this.metadata, this.method, index, indexParameters, sortKey, sortOperator,
				sortParameters, query.direction() == Sort.Direction.ASC, filter);
	}

	private @Nullable TenantIndexMetadata index(String declared, @Nullable String indexHint) {
		String name = StringUtils.hasText(declared) ? declared : indexHint;
		if (StringUtils.hasText(declared) && indexHint != null && !indexHint.equals(declared)) {
			throw refused(String.format("@Query names index '%s', @TenantIndex names '%s'; name one.", declared,
					indexHint));
		}
		if (name == null) {
			return null;
		}
		TenantIndexMetadata index = this.metadata.index(name);
		if (index == null) {
			throw refused(String.format("'%s' is not a tenant index of '%s'; a declared query can only use an index "
					+ "declared with @TenantIndexKey, whose key leads with the tenant.", name,
					this.metadata.type().getSimpleName()));
		}
		return index;
	}

	private List<Comparison> keyTerms(String keyCondition) {
		if (!StringUtils.hasText(keyCondition)) {
			return List.of();
		}
		QueryExpression expression = expression(keyCondition, "key condition");
		List<QueryExpression> terms = (expression instanceof QueryExpression.And and) ? and.terms()
				: List.of(expression);
		List<Comparison> comparisons = new ArrayList<>();
		for (QueryExpression term : terms) {
			if (!(term instanceof Comparison comparison) || comparison.operator() == Comparator.NE
					|| comparison.operator() == Comparator.CONTAINS) {
				throw refused(String.format("the key condition '%s' is not a DynamoDB key condition: it holds only "
						+ "AND-ed =, <, <=, >, >=, BETWEEN and begins_with on key properties; OR, NOT, <>, contains "
						+ "and attribute_exists belong in the filter.", keyCondition));
			}
			comparisons.add(comparison);
		}
		return comparisons;
	}

	private QueryExpression expression(String text, String part) {
		try {
			return QueryExpressionParser.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw refused("the " + part + " " + ex.getMessage());
		}
	}

	private Operator keyOperator(Comparison condition, SortKeyMetadata sortKey) {
		Operator operator = switch (condition.operator()) {
			case EQ -> Operator.EQ;
			case LT -> Operator.LT;
			case LE -> Operator.LE;
			case GT -> Operator.GT;
			case GE -> Operator.GE;
			case BETWEEN -> Operator.BETWEEN;
			case BEGINS_WITH -> Operator.BEGINS_WITH;
			case NE, CONTAINS -> throw new IllegalStateException("Not a key operator: " + condition.operator());
		};
		if (operator == Operator.BEGINS_WITH
				&& this.metadata.attributeValueType(sortKey.attribute()) != AttributeValueType.S) {
			throw refused(String.format("begins_with on '%s' needs a String sort key.", sortKey.property()));
		}
		return operator;
	}

	private int parameter(String name) {
		Integer index = this.parameters.get(name);
		if (index == null) {
			throw refused(String.format("':%s' is not a parameter of the method; its parameters are %s (named by "
					+ "@Param or their compiled names).", name, this.parameters.keySet()));
		}
		this.used.add(name);
		return index;
	}

	private void checkAllParametersUsed() {
		for (String name : this.parameters.keySet()) {
			if (!this.used.contains(name)) {
				throw refused(String.format("parameter '%s' is not used by the query; remove it or compare it "
						+ "(:%s).", name, name));
			}
		}
	}

	/**
	 * Refuse the partition keys: the library writes the tenant's partition condition itself.
	 * @return the attribute of the property
	 */
	private String checkNotPartitionKey(String property, String part) {
		String attribute = this.metadata.attribute(property);
		String partitionKey = null;
		if (property.equals(this.metadata.partitionKeyProperty())
				|| this.metadata.partitionKeyAttribute().equals(attribute)
				|| property.equals(this.metadata.partitionKeyAttribute())) {
			partitionKey = "the table's partition key";
		}
		for (TenantIndexMetadata candidate : this.metadata.indexes()) {
			if (candidate.partitionKeyAttribute().equals(attribute)
					|| candidate.partitionKeyAttribute().equals(property)) {
				partitionKey = "the partition key of index '" + candidate.name() + "'";
			}
		}
		if (partitionKey != null) {
			throw refused(String.format("the %s names '%s', %s. The library adds the tenant's partition condition "
					+ "itself; a declared query may not name a partition key, so it cannot leave the tenant's "
					+ "partition.", part, property, partitionKey));
		}
		if (attribute == null) {
			throw refused(String.format("the %s names '%s', which is not a property '%s' maps to an attribute.", part,
					property, this.metadata.type().getSimpleName()));
		}
		return attribute;
	}

	private String notAKey(String property, @Nullable TenantIndexMetadata index) {
		if (index != null && property.equals(this.metadata.idProperty())) {
			return String.format("'%s' is the table's sort key, which is no key of index '%s'.", property,
					index.name());
		}
		if (index == null) {
			for (TenantIndexMetadata candidate : this.metadata.indexes()) {
				if (candidate.properties().contains(property)) {
					return String.format("'%s' composes the tenant key of index '%s'; query that index with "
							+ "@Query(index = \"%s\").", property, candidate.name(), candidate.name());
				}
			}
		}
		String keys = (index != null) ? String.format("index '%s' (%s and its sort key %s)", index.name(),
				index.properties(), (index.sortKey() != null) ? "'" + index.sortKey().property() + "'" : "none")
				: String.format("the table (its sort key '%s')", this.metadata.idProperty());
		return String.format("'%s' is no key of %s, so a key condition cannot use it (that would need a Scan); "
				+ "compare it in the filter.", property, keys);
	}

	/**
	 * Renders a filter with placeholders for each attribute name and each parameter occurrence.
	 */
	private final class FilterRenderer {

		private final @Nullable TenantIndexMetadata index;

		private final Map<String, String> names = new LinkedHashMap<>();

		private final Map<String, String> placeholders = new LinkedHashMap<>();

		private final List<FilterTemplate.Operand> operands = new ArrayList<>();

		FilterRenderer(@Nullable TenantIndexMetadata index) {
			this.index = index;
		}

		FilterTemplate render(QueryExpression filter) {
			String expression = write(filter, true);
			return new FilterTemplate(expression, this.names, this.operands);
		}

		/**
		 * Write an expression with parentheses around nested AND and OR only: DynamoDB refuses redundant ones.
		 */
		private String write(QueryExpression expression, boolean top) {
			if (expression instanceof QueryExpression.And and) {
				return join(and.terms(), " AND ", top);
			}
			if (expression instanceof QueryExpression.Or or) {
				return join(or.alternatives(), " OR ", top);
			}
			if (expression instanceof QueryExpression.Not not) {
				return "NOT " + write(not.negated(), false);
			}
			if (expression instanceof QueryExpression.Presence presence) {
				return (presence.exists() ? "attribute_exists(" : "attribute_not_exists(") + name(presence.property())
						+ ")";
			}
			return comparison((Comparison) expression);
		}

		private String join(List<QueryExpression> terms, String operator, boolean top) {
			List<String> written = new ArrayList<>();
			for (QueryExpression term : terms) {
				written.add(write(term, false));
			}
			String joined = String.join(operator, written);
			return top ? joined : "(" + joined + ")";
		}

		private String comparison(Comparison comparison) {
			String property = comparison.property();
			String name = name(property);
			String attribute = this.names.get(name);
			if (comparison.operator().function()
					&& DeclaredQueryParser.this.metadata.attributeValueType(attribute) != AttributeValueType.S) {
				throw refused(String.format("%s on '%s' needs a String property.", comparison.operator().syntax(),
						property));
			}
			List<String> values = new ArrayList<>();
			for (String parameter : comparison.parameters()) {
				String placeholder = ":f" + this.operands.size();
				this.operands.add(new FilterTemplate.Operand(placeholder, property, attribute, parameter(parameter)));
				values.add(placeholder);
			}
			return switch (comparison.operator()) {
				case BETWEEN -> name + " BETWEEN " + values.get(0) + " AND " + values.get(1);
				case BEGINS_WITH, CONTAINS -> comparison.operator().syntax() + "(" + name + ", " + values.get(0) + ")";
				default -> name + " " + comparison.operator().syntax() + " " + values.get(0);
			};
		}

		private String name(String property) {
			String attribute = checkNotPartitionKey(property, "filter");
			if (property.equals(DeclaredQueryParser.this.metadata.idProperty())) {
				throw refused(String.format("the filter names '%s', the table's sort key; compare it in the key "
						+ "condition.", property));
			}
			SortKeyMetadata sortKey = (this.index != null) ? this.index.sortKey() : null;
			if (sortKey != null && sortKey.property().equals(property)) {
				throw refused(String.format("the filter names '%s', the sort key of index '%s'; compare it in the key "
						+ "condition.", property, this.index.name()));
			}
			String placeholder = this.placeholders.computeIfAbsent(property, (key) -> "#f" + this.placeholders.size());
			this.names.put(placeholder, attribute);
			return placeholder;
		}

	}

}
