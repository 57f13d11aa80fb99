package dev.tenancy.iam.policy;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.tenancy.context.Printable;
import dev.tenancy.keys.DynamoDbKeySchema;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A column-level restriction (docs/IAM.md R21-R23): the non-key attributes a role may read and write.
 * {@link TenancyPolicies} turns it into a {@code ForAllValues:StringEquals} allow-list on {@code dynamodb:Attributes}
 * (with every key and index-key attribute of the {@link DynamoDbKeySchema} added automatically), requires
 * {@code dynamodb:Select = SPECIFIC_ATTRIBUTES} and {@code dynamodb:ReturnValues} in
 * {@code NONE}/{@code UPDATED_OLD}/{@code UPDATED_NEW} (both {@code IfExists}), and drops {@code PutItem} and
 * {@code BatchWriteItem}, which replace whole items including hidden attributes (use {@code UpdateItem}).
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.1
 */
public final class ColumnRestriction {

	private final Set<String> attributes;

	private ColumnRestriction(Set<String> attributes) {
		this.attributes = attributes;
	}

	/**
	 * Create a restriction.
	 * @param attributes the allowed attribute names (key attributes need not be listed)
	 * @return the restriction
	 * @throws IllegalArgumentException if no attribute is given or a name is invalid
	 */
	public static ColumnRestriction of(String... attributes) {
		Assert.notNull(attributes, "Attributes must not be null");
		return of(Arrays.asList(attributes));
	}

	/**
	 * Create a restriction.
	 * @param attributes the allowed attribute names (key attributes need not be listed)
	 * @return the restriction
	 * @throws IllegalArgumentException if no attribute is given or a name is invalid
	 */
	public static ColumnRestriction of(Collection<String> attributes) {
		Assert.notNull(attributes, "Attributes must not be null");
		if (attributes.isEmpty()) {
			throw new IllegalArgumentException(
					"A column restriction needs at least one allowed attribute; without one, do not restrict columns.");
		}
		Set<String> copy = new LinkedHashSet<>();
		for (String attribute : attributes) {
			copy.add(requirePolicySafeAttribute(attribute));
		}
		return new ColumnRestriction(Collections.unmodifiableSet(copy));
	}

	/**
	 * Validate an attribute name for use as a literal value in a policy condition: 1 to 255 characters in IAM's
	 * policy character set (U+0020 to U+00FF, docs/IAM.md R30) and no <code>${</code>, which IAM would read as a
	 * policy variable.
	 * @param attribute the attribute name
	 * @return the attribute name
	 * @throws IllegalArgumentException if it cannot be used
	 */
	static String requirePolicySafeAttribute(@Nullable String attribute) {
		if (attribute == null || attribute.isEmpty() || attribute.length() > 255) {
			throw new IllegalArgumentException(String.format(
					"Invalid attribute name '%s': an attribute name is 1 to 255 characters.", Printable.of(attribute)));
		}
		for (int i = 0; i < attribute.length(); i++) {
			char c = attribute.charAt(i);
			if (c < 0x20 || c > 0xff) {
				throw new IllegalArgumentException(String.format(
						"Attribute name '%s' cannot appear in an IAM policy: character '%s' at index %d is outside "
								+ "the policy character set U+0020 to U+00FF; rename the attribute.",
						Printable.of(attribute), Printable.of(String.valueOf(c)), i));
			}
		}
		if (attribute.contains("${")) {
			throw new IllegalArgumentException(String.format(
					"Attribute name '%s' cannot appear in an IAM policy: IAM would read '${' as a policy variable; "
							+ "rename the attribute.",
					Printable.of(attribute)));
		}
		return attribute;
	}

	/**
	 * @return the allowed attribute names as given, in order (unmodifiable)
	 */
	public Set<String> attributes() {
		return this.attributes;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ColumnRestriction that && this.attributes.equals(that.attributes));
	}

	@Override
	public int hashCode() {
		return this.attributes.hashCode();
	}

	@Override
	public String toString() {
		return "ColumnRestriction" + this.attributes;
	}

}
