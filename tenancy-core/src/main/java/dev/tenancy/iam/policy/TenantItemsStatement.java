package dev.tenancy.iam.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tenancy.keys.DynamoDbKeySchema;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The {@code TenantItems} statement of {@link TenancyPolicies}, shared by the tenant's session policy and the role's
 * ceiling policy: the granted actions on the tables and indexes, confined by {@code dynamodb:LeadingKeys} to the
 * tenant's partition keys, and, for a {@link ColumnRestriction}, the attribute allow-list, projections required and
 * no whole-item writes (docs/IAM.md R21-R23).
 *
 * @author tenancy
 * @since 0.2
 */
final class TenantItemsStatement {

	private static final Set<String> WHOLE_ITEM_WRITES = Set.of("dynamodb:PutItem", "dynamodb:BatchWriteItem");

	private static final List<String> RESTRICTED_RETURN_VALUES = List.of("NONE", "UPDATED_OLD", "UPDATED_NEW");

	private static final IamConditionOperator FOR_ALL_VALUES_STRING_LIKE = IamConditionOperator.STRING_LIKE
		.addPrefix("ForAllValues:");

	private static final IamConditionOperator FOR_ALL_VALUES_STRING_EQUALS = IamConditionOperator.STRING_EQUALS
		.addPrefix("ForAllValues:");

	private static final IamConditionOperator STRING_EQUALS_IF_EXISTS = IamConditionOperator.STRING_EQUALS
		.addSuffix("IfExists");

	private static final String LEADING_KEYS = "dynamodb:LeadingKeys";

	private TenantItemsStatement() {
	}

	/**
	 * @param actions the granted actions
	 * @param resources the table and index ARNs
	 * @param schema the key schema, whose key attributes a column restriction always allows
	 * @param leadingKeyPatterns the tenant's partition-key patterns (or the session-tag patterns of the ceiling)
	 * @param columns the column restriction, or {@literal null} for none
	 * @return the statement
	 * @throws IllegalArgumentException if the restriction leaves no action
	 */
	static IamStatement of(List<String> actions, List<String> resources, DynamoDbKeySchema schema,
			List<String> leadingKeyPatterns, @Nullable ColumnRestriction columns) {
		IamStatement.Builder statement = IamStatement.builder()
			.sid("TenantItems")
			.effect(IamEffect.ALLOW)
			.actionIds(actions(actions, columns))
			.resourceIds(resources)
			.addConditions(FOR_ALL_VALUES_STRING_LIKE, LEADING_KEYS, leadingKeyPatterns)
			.addCondition(IamConditionOperator.NULL, LEADING_KEYS, "false");
		if (columns != null) {
			statement
				.addConditions(FOR_ALL_VALUES_STRING_EQUALS, "dynamodb:Attributes", allowedAttributes(schema, columns))
				.addCondition(STRING_EQUALS_IF_EXISTS, "dynamodb:Select", "SPECIFIC_ATTRIBUTES")
				.addConditions(STRING_EQUALS_IF_EXISTS, "dynamodb:ReturnValues", RESTRICTED_RETURN_VALUES);
		}
		return statement.build();
	}

	/**
	 * @param actions the granted actions
	 * @param columns the column restriction, or {@literal null} for none
	 * @return the actions without whole-item writes when columns are restricted
	 * @throws IllegalArgumentException if the restriction leaves no action
	 */
	static List<String> actions(List<String> actions, @Nullable ColumnRestriction columns) {
		if (columns == null) {
			return actions;
		}
		List<String> restricted = new ArrayList<>(actions);
		restricted.removeAll(WHOLE_ITEM_WRITES);
		if (restricted.isEmpty()) {
			throw new IllegalArgumentException(String.format(
					"A column restriction removes PutItem and BatchWriteItem, which leaves none of the configured "
							+ "actions %s; grant UpdateItem (or reads) to column-restricted roles.",
					actions));
		}
		return restricted;
	}

	/**
	 * @param schema the key schema
	 * @param columns the column restriction
	 * @return every key and index-key attribute and the allowed attributes
	 */
	static Set<String> allowedAttributes(DynamoDbKeySchema schema, ColumnRestriction columns) {
		Set<String> attributes = new LinkedHashSet<>(schema.keyAttributes());
		attributes.addAll(columns.attributes());
		return attributes;
	}

}
