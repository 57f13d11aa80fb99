package dev.tenancy.iam.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * IAM's view of one authorization: one action (for example {@code dynamodb:GetItem}) on one resource ARN, with the
 * request-specific condition keys ({@code dynamodb:LeadingKeys}, {@code dynamodb:Attributes}, {@code dynamodb:Select},
 * ...). A DynamoDB API call becomes one or more of these (a batch or transaction one per table or sub-operation); the
 * call is allowed only if every one of them is allowed.
 * <p>
 * Condition key names are case-insensitive in IAM (docs/IAM.md R9); they are stored lower-cased. A key that is absent
 * from {@link #context()} is absent from the request context; a key mapped to an empty list is present with an empty
 * value set. Single-valued keys map to a one-element list.
 *
 * @param action the IAM action, for example {@code dynamodb:GetItem}
 * @param resource the resource ARN (table or index)
 * @param context the request's condition keys, lower-cased names to values
 * @param operation the API operation this authorization was derived from (for example {@code TransactWriteItems}),
 * for messages
 * @author tenancy
 * @since 0.1
 */
public record AuthorizationRequest(String action, String resource, Map<String, List<String>> context,
		String operation) {

	/** {@code dynamodb:LeadingKeys}, lower-cased. */
	public static final String LEADING_KEYS = "dynamodb:leadingkeys";

	/** {@code dynamodb:Attributes}, lower-cased. */
	public static final String ATTRIBUTES = "dynamodb:attributes";

	/** {@code dynamodb:Select}, lower-cased. */
	public static final String SELECT = "dynamodb:select";

	/** {@code dynamodb:ReturnValues}, lower-cased. */
	public static final String RETURN_VALUES = "dynamodb:returnvalues";

	/** {@code dynamodb:ReturnConsumedCapacity}, lower-cased. */
	public static final String RETURN_CONSUMED_CAPACITY = "dynamodb:returnconsumedcapacity";

	/** {@code dynamodb:EnclosingOperation}, lower-cased. */
	public static final String ENCLOSING_OPERATION = "dynamodb:enclosingoperation";

	/** {@code dynamodb:FullTableScan}, lower-cased. */
	public static final String FULL_TABLE_SCAN = "dynamodb:fulltablescan";

	/**
	 * Canonical constructor: copies the context into an unmodifiable map with lower-cased keys.
	 */
	public AuthorizationRequest {
		Assert.notNull(action, "Action must not be null");
		Assert.notNull(resource, "Resource must not be null");
		Assert.notNull(operation, "Operation must not be null");
		Map<String, List<String>> copy = new LinkedHashMap<>(context.size() * 2);
		context.forEach((key, values) -> copy.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
		context = Collections.unmodifiableMap(copy);
	}

	/**
	 * @param key the condition key, any case
	 * @return the values of the key, or {@literal null} if the key is absent
	 */
	public @Nullable List<String> values(String key) {
		return this.context.get(key.toLowerCase(Locale.ROOT));
	}

}
