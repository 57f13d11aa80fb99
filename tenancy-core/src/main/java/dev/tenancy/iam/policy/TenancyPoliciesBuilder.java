package dev.tenancy.iam.policy;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.tenancy.context.TenantId;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.keys.TenantTables;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * TenancyPoliciesBuilder for {@link TenancyPolicies}; {@link #arns(ResourceArns)} and {@link #keySchema(DynamoDbKeySchema)} are
 * required.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyPoliciesBuilder {

	private @Nullable ResourceArns arns;

	private @Nullable DynamoDbKeySchema keySchema;

	private TenantKeyTemplate keyTemplate = TenantKeyTemplate.defaultTemplate();

	private List<String> actions = TenancyPolicies.DEFAULT_ACTIONS;

	private String tenantTagKey = TenancyPolicies.DEFAULT_TENANT_TAG_KEY;

	private @Nullable ColumnRestriction columnRestriction;

	private @Nullable String applicationPrincipalArn;

	private TenantTables tenantTables = TenantTables.pooled();

	TenancyPoliciesBuilder() {
	}

	/**
	 * @param tenantTables which tenants are silo tenants and how their tables are named; default every tenant
	 * pooled
	 * @return this builder
	 */
	public TenancyPoliciesBuilder tenantTables(TenantTables tenantTables) {
		Assert.notNull(tenantTables, "TenantTables must not be null");
		this.tenantTables = tenantTables;
		return this;
	}

	/**
	 * @param arns the partition, Region and account of the tables; must not be {@literal null}
	 * @return this builder
	 */
	public TenancyPoliciesBuilder arns(ResourceArns arns) {
		Assert.notNull(arns, "ResourceArns must not be null");
		this.arns = arns;
		return this;
	}

	/**
	 * @param keySchema the tables and indexes tenant-scoped code actually uses (each is listed in the policies)
	 * with their key attributes; must not be {@literal null} and must declare at least one table
	 * @return this builder
	 */
	public TenancyPoliciesBuilder keySchema(DynamoDbKeySchema keySchema) {
		Assert.notNull(keySchema, "DynamoDbKeySchema must not be null");
		if (keySchema.tables().isEmpty()) {
			throw new IllegalArgumentException(
					"The key schema declares no table; declare the tables and indexes tenant-scoped code uses.");
		}
		this.keySchema = keySchema;
		return this;
	}

	/**
	 * @param keyTemplate the partition-key template; default {@code TENANT#{tenant}}
	 * @return this builder
	 */
	public TenancyPoliciesBuilder keyTemplate(TenantKeyTemplate keyTemplate) {
		Assert.notNull(keyTemplate, "TenantKeyTemplate must not be null");
		this.keyTemplate = keyTemplate;
		return this;
	}

	/**
	 * @param actions the granted actions, as {@code GetItem} or {@code dynamodb:GetItem}; a subset of
	 * {@link TenancyPolicies#DEFAULT_ACTIONS} (the default)
	 * @return this builder
	 * @throws IllegalArgumentException for an empty list, a wildcard, {@code Scan}, PartiQL or any other action
	 */
	public TenancyPoliciesBuilder actions(String... actions) {
		Assert.notNull(actions, "Actions must not be null");
		return actions(Arrays.asList(actions));
	}

	/**
	 * @param actions the granted actions, as {@code GetItem} or {@code dynamodb:GetItem}; a subset of
	 * {@link TenancyPolicies#DEFAULT_ACTIONS} (the default)
	 * @return this builder
	 * @throws IllegalArgumentException for an empty list, a wildcard, {@code Scan}, PartiQL or any other action
	 */
	public TenancyPoliciesBuilder actions(Collection<String> actions) {
		Assert.notNull(actions, "Actions must not be null");
		if (actions.isEmpty()) {
			throw new IllegalArgumentException(
					"At least one action must be granted; the default is " + TenancyPolicies.DEFAULT_ACTIONS + ".");
		}
		Set<String> canonical = new LinkedHashSet<>();
		for (String action : actions) {
			canonical.add(IdentityPolicies.canonicalAction(action));
		}
		this.actions = List.copyOf(canonical);
		return this;
	}

	/**
	 * @param tenantTagKey the session tag key carrying the tenant id; default {@code tenant}
	 * @return this builder
	 */
	public TenancyPoliciesBuilder tenantTagKey(String tenantTagKey) {
		this.tenantTagKey = TenantKeyTemplate.requireTagKey(tenantTagKey);
		return this;
	}

	/**
	 * @param columnRestriction the column restriction applied by {@link #sessionPolicy(TenantId)} and the
	 * ceiling policy, or {@literal null} for none (the default)
	 * @return this builder
	 */
	public TenancyPoliciesBuilder columnRestriction(@Nullable ColumnRestriction columnRestriction) {
		this.columnRestriction = columnRestriction;
		return this;
	}

	/**
	 * @param applicationPrincipalArn the ARN of the role or user the application runs as, which the trust policy
	 * allows to assume the tenant role; or {@literal null} if the trust policy is not needed
	 * @return this builder
	 * @throws IllegalArgumentException if it is not an IAM or STS ARN without wildcards
	 */
	public TenancyPoliciesBuilder applicationPrincipalArn(@Nullable String applicationPrincipalArn) {
		this.applicationPrincipalArn = (applicationPrincipalArn != null)
				? IdentityPolicies.requirePrincipalArn(applicationPrincipalArn) : null;
		return this;
	}

	/**
	 * @return the policies
	 * @throws IllegalStateException if ARNs or key schema are missing
	 * @throws IllegalArgumentException if the column restriction leaves no action
	 * @throws SessionPolicyTooLargeException if the worst-case session policy exceeds the STS limit
	 * @throws IllegalArgumentException if the silo table template does not fit the tables
	 */
	public TenancyPolicies build() {
		if (this.arns == null) {
			throw new IllegalStateException("ResourceArns are required; call arns(ResourceArns.of(...)).");
		}
		if (this.keySchema == null) {
			throw new IllegalStateException(
					"A key schema is required; call keySchema(...) with the tables and indexes tenant-scoped code uses.");
		}
		for (String attribute : this.keySchema.keyAttributes()) {
			ColumnRestriction.requirePolicySafeAttribute(attribute);
		}
		SiloTableTemplate silo = this.tenantTables.siloTables();
		DynamoDbKeySchema schema = (silo != null) ? this.keySchema.withSiloTables(silo) : this.keySchema;
		TenancyPolicies policies = new TenancyPolicies(this.arns, schema, this.keyTemplate, this.actions,
				this.tenantTagKey, this.columnRestriction, this.applicationPrincipalArn, this.tenantTables);
		policies.validateSessionPolicySize();
		return policies;
	}

}
