package dev.tenancy.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.keys.TenantTables;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPolicyWriter;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

import org.springframework.util.Assert;

/**
 * Generates the IAM policies of tenancy with the AWS SDK's {@code iam-policy-builder}:
 * <ul>
 * <li>the per-tenant <strong>session policy</strong> passed inline to AssumeRole: the configured data-plane actions on
 * the exact table and index ARNs, with {@code ForAllValues:StringLike dynamodb:LeadingKeys} = the tenant's base key
 * and its {@code #}-delimited composite keys, and a {@code Null: {dynamodb:LeadingKeys: false}} guard so that a
 * request without keys cannot pass vacuously (docs/IAM.md R14, R20);</li>
 * <li>the role's <strong>ceiling policy</strong>: the same grant with {@code ${aws:PrincipalTag/<tag>}} patterns,
 * an explicit Deny of {@code Scan} and the four PartiQL actions on the tables and their indexes, and a Deny of
 * {@code dynamodb:*} without TLS;</li>
 * <li>the role's <strong>trust policy</strong>: the application's principal may {@code sts:AssumeRole} and
 * {@code sts:TagSession}, the latter only with exactly the tenant tag;</li>
 * <li>the policies of the <strong>application's own identity</strong>: in isolation mode {@code iam} only STS on the
 * tenant role ({@link #applicationIdentityPolicy(String, String)}), in isolation mode {@code application} the
 * data-plane grant without leading keys ({@link #applicationModePolicy()}), and, for the opt-in admin client, the
 * control-plane actions on the tables ({@link #adminClientPolicy()}).</li>
 * </ul>
 * With {@link TenancyPoliciesBuilder#tenantTables(TenantTables) tiers}, a {@link TenantTier#SILO silo} tenant's
 * session policy grants
 * the same actions, with the same leading keys, only on its own silo tables and their indexes; a pooled tenant's only
 * on the pooled tables. The ceiling grants the pooled tables and each session's own silo tables (the tenant tag in
 * the table name: {@code table/app-${aws:PrincipalTag/tenant}}), and the denies, the application-mode and the admin
 * policies cover every silo table ({@code table/app-*}).
 * <p>
 * An optional {@link ColumnRestriction} adds the attribute allow-list, {@code Select} and {@code ReturnValues}
 * conditions and removes {@code PutItem} and {@code BatchWriteItem}.
 * <p>
 * Only tenant-scopable data-plane actions can be configured ({@link #DEFAULT_ACTIONS}); {@code Scan}, PartiQL,
 * wildcards and control-plane actions are rejected (TH-4). {@link TenancyPoliciesBuilder#build()} checks that the session policy of
 * the longest possible tenant id fits the STS limit of {@value #SESSION_POLICY_MAX_LENGTH} characters (TH-16), so a
 * misconfiguration fails at startup.
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyPolicies {

	/** The STS limit for an inline session policy, in characters (docs/IAM.md R33). */
	public static final int SESSION_POLICY_MAX_LENGTH = 2048;

	/** The policy language version; policy variables need it (docs/IAM.md R6). */
	public static final String POLICY_VERSION = "2012-10-17";

	/** The default session tag key carrying the tenant id. */
	public static final String DEFAULT_TENANT_TAG_KEY = "tenant";

	/**
	 * The data-plane actions tenant-scoped repositories use, and the only ones that can be configured: each addresses
	 * items by partition key, so {@code dynamodb:LeadingKeys} confines it to the tenant.
	 */
	public static final List<String> DEFAULT_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
			"dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
			"dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");

	/** Actions the ceiling policy denies explicitly: they can read or write without leading keys. */
	public static final List<String> DENIED_ACTIONS = List.of("dynamodb:Scan", "dynamodb:PartiQLSelect",
			"dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete");

	/**
	 * The control-plane actions of {@link #adminClientPolicy()}: creating, describing and updating the tables, never
	 * deleting them.
	 */
	public static final List<String> ADMIN_ACTIONS = List.of("dynamodb:CreateTable", "dynamodb:DescribeTable",
			"dynamodb:UpdateTable");

	/** Actions that replace whole items, which a column restriction removes (docs/IAM.md R21). */
	private static final IamPolicyWriter WRITER = IamPolicyWriter.builder().prettyPrint(false).build();

	private static final TenantId LONGEST_TENANT = TenantId.of("w".repeat(TenantId.MAX_LENGTH));

	private final ResourceArns arns;

	private final DynamoDbKeySchema keySchema;

	private final TenantKeyTemplate keyTemplate;

	private final List<String> actions;

	private final String tenantTagKey;

	private final @Nullable ColumnRestriction columnRestriction;

	private final @Nullable String applicationPrincipalArn;

	private final List<String> resources;

	private final TenantTables tenantTables;

	TenancyPolicies(ResourceArns arns, DynamoDbKeySchema keySchema, TenantKeyTemplate keyTemplate, List<String> actions,
			String tenantTagKey, @Nullable ColumnRestriction columnRestriction, @Nullable String applicationPrincipalArn,
			TenantTables tenantTables) {
		this.arns = arns;
		this.keySchema = keySchema;
		this.keyTemplate = keyTemplate;
		this.actions = actions;
		this.tenantTagKey = tenantTagKey;
		this.columnRestriction = columnRestriction;
		this.applicationPrincipalArn = applicationPrincipalArn;
		this.tenantTables = tenantTables;
		this.resources = TableResources.pooled(arns, keySchema);
	}

	/**
	 * @return a new builder
	 */
	public static TenancyPoliciesBuilder builder() {
		return new TenancyPoliciesBuilder();
	}

	/**
	 * The session policy for a tenant, with the configured column restriction (if any).
	 * @param tenant the tenant
	 * @return the policy
	 */
	public IamPolicy sessionPolicy(TenantId tenant) {
		return sessionPolicy(tenant, this.columnRestriction);
	}

	/**
	 * The session policy for a tenant with an explicit column restriction, for example one per entity or role.
	 * @param tenant the tenant
	 * @param columns the column restriction, or {@literal null} for none (the configured one is not applied)
	 * @return the policy
	 * @throws IllegalArgumentException if the restriction leaves no action (only PutItem/BatchWriteItem configured)
	 */
	public IamPolicy sessionPolicy(TenantId tenant, @Nullable ColumnRestriction columns) {
		Assert.notNull(tenant, "Tenant must not be null");
		return sessionPolicy(tenant, columns, this.tenantTables.tierOf(tenant));
	}

	private IamPolicy sessionPolicy(TenantId tenant, @Nullable ColumnRestriction columns, TenantTier tier) {
		SiloTableTemplate silo = this.tenantTables.siloTables();
		List<String> tables = (tier == TenantTier.SILO && silo != null)
				? TableResources.silo(this.arns, this.keySchema, silo, tenant) : this.resources;
		return IamPolicy.builder()
			.version(POLICY_VERSION)
			.addStatement(TenantItemsStatement.of(this.actions, tables, this.keySchema,
					this.keyTemplate.leadingKeyPatterns(tenant), columns))
			.build();
	}

	/**
	 * The minified JSON of the tenant's session policy, as passed to AssumeRole's {@code Policy}.
	 * @param tenant the tenant
	 * @return the JSON
	 * @throws SessionPolicyTooLargeException if it exceeds {@value #SESSION_POLICY_MAX_LENGTH} characters
	 */
	public String sessionPolicyJson(TenantId tenant) {
		return sessionPolicyJson(tenant, this.columnRestriction);
	}

	/**
	 * The minified JSON of the tenant's session policy with an explicit column restriction.
	 * @param tenant the tenant
	 * @param columns the column restriction, or {@literal null} for none
	 * @return the JSON
	 * @throws SessionPolicyTooLargeException if it exceeds {@value #SESSION_POLICY_MAX_LENGTH} characters
	 */
	public String sessionPolicyJson(TenantId tenant, @Nullable ColumnRestriction columns) {
		return checkedJson(sessionPolicy(tenant, columns), "for tenant '" + tenant + "'", columns);
	}

	/**
	 * The session policy of a tenant's lifecycle operations (moving it between tiers, purging it): the configured
	 * actions, without column restriction, on the pooled tables <em>and</em> the tenant's own silo tables with their
	 * indexes, confined by the same {@code dynamodb:LeadingKeys} condition to the tenant's partition keys. A move runs
	 * under it, so even a faulty move can reach only this tenant's items, in either tier. It grants no control-plane
	 * action. The role ceiling already allows both (pooled tables and {@code <table>-${aws:PrincipalTag/tenant}}).
	 * @param tenant the tenant
	 * @return the policy
	 * @throws IllegalStateException if no silo tables are configured
	 */
	public IamPolicy migrationSessionPolicy(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		SiloTableTemplate silo = this.tenantTables.siloTables();
		Assert.state(silo != null, () -> "Tenant '" + tenant + "' has no lifecycle session policy: no silo table "
				+ "template is configured, so there is no other tier. Configure tiers (TenancyPoliciesBuilder"
				+ ".tenantTables(TenantTables.tiered(...)), or tenancy.tiers.* with the starter).");
		List<String> tables = new ArrayList<>(this.resources);
		tables.addAll(TableResources.silo(this.arns, this.keySchema, silo, tenant));
		return IamPolicy.builder()
			.version(POLICY_VERSION)
			.addStatement(TenantItemsStatement.of(this.actions, tables, this.keySchema,
					this.keyTemplate.leadingKeyPatterns(tenant), null))
			.build();
	}

	/**
	 * The minified JSON of {@link #migrationSessionPolicy(TenantId)}, as passed to AssumeRole's {@code Policy}.
	 * @param tenant the tenant
	 * @return the JSON
	 * @throws SessionPolicyTooLargeException if it exceeds {@value #SESSION_POLICY_MAX_LENGTH} characters (it lists
	 * twice the tables of a tenant's session policy)
	 */
	public String migrationSessionPolicyJson(TenantId tenant) {
		return checkedJson(migrationSessionPolicy(tenant), "for the lifecycle operations of tenant '" + tenant + "'",
				null);
	}

	/**
	 * Check that the lifecycle session policy ({@link #migrationSessionPolicy(TenantId)}) of the longest possible tenant
	 * id fits the STS limit; call it at startup where lifecycle operations are used. Does nothing without silo tables.
	 * @throws SessionPolicyTooLargeException if it does not fit
	 */
	public void validateMigrationSessionPolicySize() {
		if (this.tenantTables.siloTables() != null) {
			migrationSessionPolicyJson(LONGEST_TENANT);
		}
	}

	/**
	 * Check that the session policy of the longest possible tenant id ({@value TenantId#MAX_LENGTH} characters) with
	 * the configured column restriction fits the STS limit. Called by {@link TenancyPoliciesBuilder#build()}.
	 * @throws SessionPolicyTooLargeException if it does not
	 */
	public void validateSessionPolicySize() {
		validateSessionPolicySize(this.columnRestriction);
	}

	/**
	 * Check that the session policy of the longest possible tenant id with the given column restriction fits the STS
	 * limit; call it at startup for every restriction the application uses.
	 * @param columns the column restriction, or {@literal null} for none
	 * @throws SessionPolicyTooLargeException if it does not
	 */
	public void validateSessionPolicySize(@Nullable ColumnRestriction columns) {
		checkedJson(sessionPolicy(LONGEST_TENANT, columns, TenantTier.POOL),
				"for a tenant id of the maximum length (" + TenantId.MAX_LENGTH + " characters)", columns);
		if (this.tenantTables.siloTables() != null) {
			checkedJson(sessionPolicy(LONGEST_TENANT, columns, TenantTier.SILO),
					"for a silo tenant id of the maximum length (" + TenantId.MAX_LENGTH + " characters)", columns);
		}
	}

	private String checkedJson(IamPolicy policy, String subject, @Nullable ColumnRestriction columns) {
		String json = policy.toJson(WRITER);
		if (json.length() > SESSION_POLICY_MAX_LENGTH) {
			throw new SessionPolicyTooLargeException(String.format(Locale.ROOT,
					"The session policy %s is %,d characters, over the STS limit of %,d characters for an inline "
							+ "session policy. It lists %d table and index ARNs, %d actions and %d attribute names; "
							+ "reduce them: drop tables and indexes tenant-scoped code does not use from the "
							+ "DynamoDbKeySchema, split them across roles with separate TenancyPolicies, or shorten "
							+ "table, index and attribute names.",
					subject, json.length(), SESSION_POLICY_MAX_LENGTH, this.resources.size(),
					TenantItemsStatement.actions(this.actions, columns).size(),
					(columns != null) ? TenantItemsStatement.allowedAttributes(this.keySchema, columns).size() : 0),
					json.length(), SESSION_POLICY_MAX_LENGTH);
		}
		return json;
	}

	/**
	 * The role's ceiling (identity) policy, for infrastructure as code: the tenant grant with
	 * {@code ${aws:PrincipalTag/<tag>}} patterns and the configured column restriction, an explicit Deny of
	 * {@link #DENIED_ACTIONS} on every table and its indexes, and a Deny of {@code dynamodb:*} when
	 * {@code aws:SecureTransport} is false.
	 * @return the policy
	 */
	public IamPolicy ceilingPolicy() {
		List<String> tables = new ArrayList<>(this.resources);
		SiloTableTemplate silo = this.tenantTables.siloTables();
		if (silo != null) {
			tables.addAll(TableResources.everySilo(this.arns, this.keySchema, silo,
					"${aws:PrincipalTag/" + this.tenantTagKey + "}"));
		}
		return IamPolicy.builder()
			.version(POLICY_VERSION)
			.addStatement(TenantItemsStatement.of(this.actions, tables, this.keySchema,
					this.keyTemplate.leadingKeyPatternsForTag(this.tenantTagKey), this.columnRestriction))
			.addStatement(denyScanAndPartiQl())
			.addStatement(IdentityPolicies.denyInsecureTransport())
			.build();
	}

	/**
	 * The permission policy of the application's own identity (the role or user it runs as) in isolation mode
	 * {@code application}, where the tenant-scoped client signs with that identity: the configured data-plane actions
	 * on the exact table and index ARNs, an explicit Deny of {@link #DENIED_ACTIONS} on the tables and their indexes,
	 * and a Deny of {@code dynamodb:*} without TLS. It has no {@code dynamodb:LeadingKeys} condition, because one
	 * identity serves every tenant: in this mode the client-side guard alone confines a request to its tenant. It
	 * grants no control-plane action. In isolation mode {@code iam} use
	 * {@link #applicationIdentityPolicy(String, String)}, which grants nothing on DynamoDB.
	 * @return the policy
	 */
	public IamPolicy applicationModePolicy() {
		return IamPolicy.builder()
			.version(POLICY_VERSION)
			.addStatement(statement -> statement.sid("ApplicationItems")
				.effect(IamEffect.ALLOW)
				.actionIds(this.actions)
				.resourceIds(everyTable()))
			.addStatement(denyScanAndPartiQl())
			.addStatement(IdentityPolicies.denyInsecureTransport())
			.build();
	}

	/**
	 * The permission policy the application's own identity needs in addition when it uses the opt-in admin client
	 * ({@code dev.tenancy.dynamodb.TenancyAdminClient}) to create and evolve its tables: {@link #ADMIN_ACTIONS} on the
	 * exact table ARNs. {@code CreateTable} and {@code UpdateTable} cover the tables' secondary indexes, and
	 * {@code DescribeTable} serves waiters and create-if-absent checks. {@code DeleteTable} is deliberately not
	 * granted: a leaked admin client must not be able to drop every tenant's data, and deleting a table is an
	 * operator's task. No data-plane action is granted.
	 * @return the policy
	 */
	public IamPolicy adminClientPolicy() {
		return IdentityPolicies.adminClient(this.arns, this.keySchema, everySiloTable());
	}

	private IamStatement denyScanAndPartiQl() {
		return IdentityPolicies.denyScanAndPartiQl(this.arns, this.keySchema, everySiloTable());
	}

	private List<String> everySiloTable() {
		return TableResources.everySiloTable(this.arns, this.keySchema, this.tenantTables.siloTables());
	}

	private List<String> everyTable() {
		List<String> tables = new ArrayList<>(this.resources);
		tables.addAll(everySiloTable());
		return tables;
	}

	/**
	 * The role's trust policy: the application's principal may {@code sts:AssumeRole}, and {@code sts:TagSession}
	 * only with a non-empty tenant tag and no other tag (docs/IAM.md R35).
	 * @return the policy
	 * @throws IllegalStateException if no application principal ARN is configured
	 */
	public IamPolicy trustPolicy() {
		String principal = this.applicationPrincipalArn;
		if (principal == null) {
			throw new IllegalStateException("No application principal ARN is configured; set "
					+ "TenancyPolicies.builder().applicationPrincipalArn(...) to the ARN of the role or user the "
					+ "application runs as.");
		}
		return IdentityPolicies.trust(principal, this.tenantTagKey);
	}

	/**
	 * The permission policy of the application's own identity (the role or user it runs as) in isolation mode
	 * {@code iam}: {@code sts:AssumeRole} on the tenant role, and {@code sts:TagSession} on it only with exactly the
	 * tenant tag. It grants nothing on DynamoDB: every DynamoDB request of the application is signed with a tenant's
	 * session, so a request signed with the application's own credentials is denied by IAM.
	 * @param tenantRoleArn the ARN of the role tenant sessions assume; must not be {@literal null}
	 * @param tenantTagKey the session tag key carrying the tenant id; must not be {@literal null}
	 * @return the policy
	 */
	public static IamPolicy applicationIdentityPolicy(String tenantRoleArn, String tenantTagKey) {
		Assert.notNull(tenantRoleArn, "Tenant role ARN must not be null");
		Assert.notNull(tenantTagKey, "Tenant tag key must not be null");
		return IdentityPolicies.applicationIdentity(tenantRoleArn, tenantTagKey);
	}

	/**
	 * @return the ARN builder
	 */
	public ResourceArns arns() {
		return this.arns;
	}

	/**
	 * @return the tables and indexes the policies cover
	 */
	public DynamoDbKeySchema keySchema() {
		return this.keySchema;
	}

	/**
	 * @return the partition-key template
	 */
	public TenantKeyTemplate keyTemplate() {
		return this.keyTemplate;
	}

	/**
	 * @return the granted actions without column restriction, canonical names such as {@code dynamodb:GetItem}
	 */
	public List<String> actions() {
		return this.actions;
	}

	/**
	 * @return the table and index ARNs the grant lists, tables each followed by their indexes
	 */
	public List<String> resources() {
		return this.resources;
	}

	/**
	 * @return which table each tenant addresses (every tenant pooled unless configured)
	 */
	public TenantTables tenantTables() {
		return this.tenantTables;
	}

	/**
	 * @return the session tag key carrying the tenant id
	 */
	public String tenantTagKey() {
		return this.tenantTagKey;
	}

	/**
	 * @return the configured column restriction, or {@literal null}
	 */
	public @Nullable ColumnRestriction columnRestriction() {
		return this.columnRestriction;
	}

	/**
	 * @return the application's principal ARN for the trust policy, or {@literal null}
	 */
	public @Nullable String applicationPrincipalArn() {
		return this.applicationPrincipalArn;
	}

}
