package dev.tenancy.repository.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.KeyCondition.Operator;
import dev.tenancy.core.SortKeyMetadata;
import dev.tenancy.core.TenantEntityMetadata;
import dev.tenancy.core.TenantIndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.core.PropertyPath;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * Turns a {@link PartTree} into a {@link TenancyQueryPlan}: a DynamoDB key condition on the table's sort key or on
 * one tenant index, with parameter positions instead of values. It runs once, when the repository is created, so a
 * method that a key condition cannot answer (a non-key property, an operator DynamoDB has no key condition for,
 * {@code Or}, ordering by anything but the sort key) stops the application at startup with an
 * {@link InvalidDataAccessApiUsageException} naming the method and the reason, instead of ever falling back to a Scan
 * or to filtering items on the client.
 * <p>
 * Supported: {@code Is}/{@code Equals}, {@code StartingWith}, {@code Between}, {@code LessThan(Equal)},
 * {@code GreaterThan(Equal)} (and {@code Before}/{@code After}) on the sort key of the table (the entity's identity)
 * or of the chosen index; equality on every property the index key is composed from.
 *
 * @author tenancy
 * @since 0.1
 */
final class TenancyQueryCreator extends AbstractQueryCreator<TenancyQueryPlan, List<TenancyQueryCreator.Criterion>> {

	private final TenantEntityMetadata<?> metadata;

	private final @Nullable String indexHint;

	private final String method;

	private int parameterIndex;

	/**
	 * @param tree the parsed method name
	 * @param metadata the entity metadata
	 * @param indexHint the index named by {@code @TenantIndex}, or {@literal null}
	 * @param method the method, for messages
	 */
	TenancyQueryCreator(PartTree tree, TenantEntityMetadata<?> metadata, @Nullable String indexHint, String method) {
		super(tree);
		this.metadata = metadata;
		this.indexHint = indexHint;
		this.method = method;
	}

	static InvalidDataAccessApiUsageException unsupported(String method, String reason) {
		return new InvalidDataAccessApiUsageException(
				String.format("Query method '%s' cannot be answered by a key condition: %s", method, reason));
	}

	private InvalidDataAccessApiUsageException unsupported(String reason) {
		return unsupported(this.method, reason);
	}

	@Override
	protected List<Criterion> create(Part part, Iterator<Object> iterator) {
		List<Criterion> criteria = new ArrayList<>();
		criteria.add(criterion(part));
		return criteria;
	}

	@Override
	protected List<Criterion> and(Part part, List<Criterion> base, Iterator<Object> iterator) {
		base.add(criterion(part));
		return base;
	}

	@Override
	protected List<Criterion> or(List<Criterion> base, List<Criterion> criteria) {
		throw unsupported("'Or' would need one Query per alternative; declare one method per alternative.");
	}

	private Criterion criterion(Part part) {
		PropertyPath path = part.getProperty();
		String property = path.getSegment();
		if (path.hasNext()) {
			throw unsupported(String.format("'%s' is a nested property; only top-level key attributes can be in a key "
					+ "condition.", path.toDotPath()));
		}
		if (part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER) {
			throw unsupported(String.format("IgnoreCase on '%s': DynamoDB key conditions compare exactly; store a "
					+ "normalized value and compare with that.", property));
		}
		Operator operator = switch (part.getType()) {
			case SIMPLE_PROPERTY -> Operator.EQ;
			case STARTING_WITH -> Operator.BEGINS_WITH;
			case BETWEEN -> Operator.BETWEEN;
			case LESS_THAN, BEFORE -> Operator.LT;
			case LESS_THAN_EQUAL -> Operator.LE;
			case GREATER_THAN, AFTER -> Operator.GT;
			case GREATER_THAN_EQUAL -> Operator.GE;
			default -> throw unsupported(String.format("'%s' on '%s' has no DynamoDB key condition; supported are "
					+ "Is/Equals, StartingWith, Between, LessThan(Equal) and GreaterThan(Equal) on a sort key, and "
					+ "Is/Equals on the attributes of a tenant index key.", keyword(part.getType()), property));
		};
		String attribute = this.metadata.attribute(property);
		if (attribute == null) {
			throw unsupported(String.format("'%s' is not an attribute the enhanced client maps.", property));
		}
		int index = this.parameterIndex;
		this.parameterIndex += part.getNumberOfArguments();
		return new Criterion(property, attribute, operator, index);
	}

	private static String keyword(Part.Type type) {
		Iterator<String> keywords = type.getKeywords().iterator();
		return keywords.hasNext() ? keywords.next() : type.name();
	}

	@Override
	protected TenancyQueryPlan complete(@Nullable List<Criterion> criteria, Sort sort) {
		List<Criterion> all = (criteria != null) ? criteria : List.of();
		TenantIndexMetadata index = selectIndex(all);
		SortKeyMetadata sortKey = (index != null) ? index.sortKey() : this.metadata.sortKey();
		Criterion sortCriterion = null;
		Set<String> bound = new HashSet<>();
		for (Criterion criterion : all) {
			if (index != null && index.properties().contains(criterion.property())) {
				if (criterion.operator() != Operator.EQ) {
					throw unsupported(String.format("'%s' is part of the key of index '%s' and must be compared with "
							+ "Is/Equals, not %s.", criterion.property(), index.name(), criterion.operator()));
				}
				if (!bound.add(criterion.property())) {
					throw unsupported(String.format("'%s' is compared twice.", criterion.property()));
				}
				continue;
			}
			if (sortKey != null && criterion.property().equals(sortKey.property())) {
				if (sortCriterion != null) {
					throw unsupported(String.format("'%s' has two conditions, but a key condition holds one per sort "
							+ "key; use Between.", criterion.property()));
				}
				if (criterion.operator() == Operator.BEGINS_WITH
						&& this.metadata.attributeValueType(sortKey.attribute()) != AttributeValueType.S) {
					throw unsupported(String.format("StartingWith on '%s' needs a String sort key.",
							criterion.property()));
				}
				sortCriterion = criterion;
				continue;
			}
			throw unsupported(notAKey(criterion, index));
		}
		boolean ascending = TenancyQueryPlan.ascending(sort, sortKey, this.method, true);
		List<Integer> keyParameters = new ArrayList<>();
		if (index != null) {
			for (String property : index.properties()) {
				for (Criterion criterion : all) {
					if (criterion.property().equals(property)) {
						keyParameters.add(criterion.parameterIndex());
					}
				}
			}
		}
		List<Integer> sortParameters = new ArrayList<>();
		if (sortCriterion != null) {
			for (int i = 0; i < sortCriterion.operator().arity(); i++) {
				sortParameters.add(sortCriterion.parameterIndex() + i);
			}
		}
		return new TenancyQueryPlan(this.metadata, this.method, index, keyParameters, sortKey,
				(sortCriterion != null) ? sortCriterion.operator() : null, sortParameters, ascending, null);
	}

	private String notAKey(Criterion criterion, @Nullable TenantIndexMetadata index) {
		String property = criterion.property();
		if (index != null && property.equals(this.metadata.idProperty())) {
			return String.format("'%s' is the table's sort key, but the query uses index '%s', whose key it is not "
					+ "part of.", property, index.name());
		}
		for (TenantIndexMetadata candidate : this.metadata.indexes()) {
			if (candidate.properties().contains(property)) {
				return String.format("'%s' is part of the key of index '%s', which needs Is/Equals on all of %s%s.",
						property, candidate.name(), candidate.properties(),
						(index != null) ? " and cannot be combined with index '" + index.name() + "'" : "");
			}
		}
		return String.format("'%s' is not a key attribute (the sort key '%s', or an attribute of a @TenantIndexKey); "
				+ "answering it would need a Scan or filtering items after reading them.", property,
				this.metadata.idProperty());
	}

	private @Nullable TenantIndexMetadata selectIndex(List<Criterion> all) {
		Set<String> equalities = new HashSet<>();
		for (Criterion criterion : all) {
			if (criterion.operator() == Operator.EQ) {
				equalities.add(criterion.property());
			}
		}
		if (this.indexHint != null) {
			TenantIndexMetadata index = this.metadata.index(this.indexHint);
			if (index == null) {
				throw unsupported(String.format("@TenantIndex names '%s', which is not a tenant index of '%s'; declare "
						+ "it with @TenantIndexKey.", this.indexHint, this.metadata.type().getSimpleName()));
			}
			if (!equalities.containsAll(index.properties())) {
				throw unsupported(String.format("index '%s' is keyed by %s, which the method must compare with "
						+ "Is/Equals.", index.name(), index.properties()));
			}
			return index;
		}
		List<TenantIndexMetadata> candidates = new ArrayList<>();
		for (TenantIndexMetadata index : this.metadata.indexes()) {
			if (equalities.containsAll(index.properties())) {
				candidates.add(index);
			}
		}
		if (candidates.size() <= 1) {
			return candidates.isEmpty() ? null : candidates.get(0);
		}
		List<TenantIndexMetadata> fitting = new ArrayList<>();
		for (TenantIndexMetadata index : candidates) {
			if (fits(index, all)) {
				fitting.add(index);
			}
		}
		if (fitting.size() == 1) {
			return fitting.get(0);
		}
		List<String> names = new ArrayList<>();
		for (TenantIndexMetadata index : candidates) {
			names.add(index.name());
		}
		if (fitting.isEmpty()) {
			throw unsupported(String.format("the conditions name the keys of indexes %s, but a Query uses exactly one "
					+ "index; declare one method per index.", names));
		}
		throw unsupported(String.format("indexes %s all match; name one with @TenantIndex.", names));
	}

	private static boolean fits(TenantIndexMetadata index, List<Criterion> all) {
		for (Criterion criterion : all) {
			boolean keyPart = index.properties().contains(criterion.property());
			boolean sortPart = index.sortKey() != null && index.sortKey().property().equals(criterion.property());
			if (!keyPart && !sortPart) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One condition of the method name.
	 *
	 * @param property the entity property
	 * @param attribute its DynamoDB attribute
	 * @param operator the comparison
	 * @param parameterIndex the index of its first bindable parameter
	 */
	record Criterion(String property, String attribute, Operator operator, int parameterIndex) {
	}

}
