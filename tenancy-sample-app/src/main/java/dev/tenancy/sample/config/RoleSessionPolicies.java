package dev.tenancy.sample.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.tenancy.iam.ColumnRestriction;
import dev.tenancy.iam.TenancyPolicies;
import dev.tenancy.sample.security.ColumnAccess;

/**
 * The two session policies of each tenant: the unrestricted one for administrators ({@link ColumnAccess#FULL}) and
 * the column-restricted one for regular users ({@link ColumnAccess#RESTRICTED}), which adds the
 * {@code dynamodb:Attributes} allow-list, {@code dynamodb:Select = SPECIFIC_ATTRIBUTES} and restricted
 * {@code dynamodb:ReturnValues}, and drops {@code PutItem} and {@code BatchWriteItem}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class RoleSessionPolicies {

	private final TenancyPolicies full;

	private final TenancyPolicies restricted;

	private final ColumnRestriction columns;

	private final Set<String> restrictedAttributes;

	private RoleSessionPolicies(TenancyPolicies full, TenancyPolicies restricted, ColumnRestriction columns) {
		this.full = full;
		this.restricted = restricted;
		this.columns = columns;
		Set<String> attributes = new LinkedHashSet<>(full.keySchema().keyAttributes());
		attributes.addAll(columns.attributes());
		this.restrictedAttributes = Collections.unmodifiableSet(attributes);
	}

	/**
	 * Derive the restricted policies from the application's policies.
	 * @param full the application's (unrestricted) policies, must not carry a column restriction
	 * @param columns the non-key attributes regular users may read and write
	 * @return the policies
	 * @throws dev.tenancy.iam.SessionPolicyTooLargeException if the restricted session policy of the longest tenant
	 * id exceeds the STS limit (TH-16)
	 */
	public static RoleSessionPolicies of(TenancyPolicies full, ColumnRestriction columns) {
		if (full.columnRestriction() != null) {
			throw new IllegalArgumentException("The application's TenancyPolicies already restrict columns; give "
					+ "administrators unrestricted policies and let RoleSessionPolicies add the restriction.");
		}
		TenancyPolicies.Builder builder = TenancyPolicies.builder()
			.arns(full.arns())
			.keySchema(full.keySchema())
			.keyTemplate(full.keyTemplate())
			.actions(full.actions())
			.tenantTagKey(full.tenantTagKey())
			.applicationPrincipalArn(full.applicationPrincipalArn())
			.columnRestriction(columns);
		return new RoleSessionPolicies(full, builder.build(), columns);
	}

	/**
	 * @param access a column access
	 * @return the policies sessions with that access get
	 */
	public TenancyPolicies policies(ColumnAccess access) {
		return (access == ColumnAccess.FULL) ? this.full : this.restricted;
	}

	/**
	 * @return the column restriction of regular users
	 */
	public ColumnRestriction columns() {
		return this.columns;
	}

	/**
	 * @return every attribute a restricted session may name: the key and index-key attributes and the allowed ones
	 */
	public Set<String> restrictedAttributes() {
		return this.restrictedAttributes;
	}

}
