package dev.tenancy.autoconfigure.endpoint;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.Assert;

import dev.tenancy.autoconfigure.infrastructure.InfrastructureExport;
import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.infrastructure.InfrastructureFormat;

/**
 * The {@code tenancy} Actuator endpoint. It exposes the isolation settings and the IAM documents generated from the
 * same {@link TenancyPolicies} the application enforces at runtime, so that infrastructure as code is derived from
 * one source:
 * <ul>
 * <li>{@code GET /actuator/tenancy}: isolation mode, tenant role, cached tenant count, granted actions and resources,
 * the role's ceiling policy, its trust policy, the permission policy of the application's own identity (and of its
 * admin client, when enabled) and a CloudFormation template of the role and of those policies;</li>
 * <li>{@code GET /actuator/tenancy/policy/{tenant}}: the tenant's session policy, as passed to STS;</li>
 * <li>{@code GET /actuator/tenancy/infrastructure/{format}}: the tables, roles and policies of both tiers as a
 * CloudFormation template ({@code cloudformation}) or a Terraform JSON configuration ({@code terraform}), see
 * {@link InfrastructureExport};</li>
 * <li>{@code GET /actuator/tenancy/policy/{tenant}/{variant}}: the session policy of the tenant's sessions in a
 * column-restricted access variant ({@code tenancy.column-restrictions.variants}).</li>
 * </ul>
 * The policies hold no secrets, but they describe the application's data layout: expose the endpoint only to
 * operators.
 *
 * @author tenancy
 * @since 0.1
 */
@Endpoint(id = "tenancy")
public class TenancyEndpoint {

	/** The selector of the session-policy operation. */
	public static final String POLICY = "policy";

	/** The selector of the infrastructure-as-code operation. */
	public static final String INFRASTRUCTURE = "infrastructure";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private static final int DEFAULT_MAX_SESSION_DURATION = 3600;

	private final TenancyPolicies policies;

	private final IsolationMode isolationMode;

	private final @Nullable String roleArn;

	private final Duration sessionDuration;

	private final @Nullable LongSupplier cachedTenants;

	private final boolean adminClient;

	private final @Nullable ColumnRestrictions columnRestrictions;

	private final @Nullable InfrastructureExport infrastructure;

	/**
	 * @param policies the policies the application enforces, must not be {@literal null}
	 * @param isolationMode the isolation mode, must not be {@literal null}
	 * @param roleArn the tenant role, or {@literal null} if there is none (isolation mode {@code application})
	 * @param sessionDuration the tenant session duration, must not be {@literal null}
	 * @param cachedTenants the number of tenants with a cached session, or {@literal null} if there are no sessions
	 */
	public TenancyEndpoint(TenancyPolicies policies, IsolationMode isolationMode, @Nullable String roleArn,
			Duration sessionDuration, @Nullable LongSupplier cachedTenants) {
		this(policies, isolationMode, roleArn, sessionDuration, cachedTenants, false);
	}

	/**
	 * @param policies the policies the application enforces, must not be {@literal null}
	 * @param isolationMode the isolation mode, must not be {@literal null}
	 * @param roleArn the tenant role, or {@literal null} if there is none (isolation mode {@code application})
	 * @param sessionDuration the tenant session duration, must not be {@literal null}
	 * @param cachedTenants the number of tenants with a cached session, or {@literal null} if there are no sessions
	 * @param adminClient whether the application uses the admin client, whose policy is then exported too
	 */
	public TenancyEndpoint(TenancyPolicies policies, IsolationMode isolationMode, @Nullable String roleArn,
			Duration sessionDuration, @Nullable LongSupplier cachedTenants, boolean adminClient) {
		this(policies, isolationMode, roleArn, sessionDuration, cachedTenants, adminClient, null);
	}

	/**
	 * @param policies the policies the application enforces, must not be {@literal null}
	 * @param isolationMode the isolation mode, must not be {@literal null}
	 * @param roleArn the tenant role, or {@literal null} if there is none (isolation mode {@code application})
	 * @param sessionDuration the tenant session duration, must not be {@literal null}
	 * @param cachedTenants the number of cached tenant sessions, or {@literal null} if there are no sessions
	 * @param adminClient whether the application uses the admin client, whose policy is then exported too
	 * @param columnRestrictions the access variants whose session policies are exported too, or {@literal null}
	 */
	public TenancyEndpoint(TenancyPolicies policies, IsolationMode isolationMode, @Nullable String roleArn,
			Duration sessionDuration, @Nullable LongSupplier cachedTenants, boolean adminClient,
			@Nullable ColumnRestrictions columnRestrictions) {
		this(policies, isolationMode, roleArn, sessionDuration, cachedTenants, adminClient, columnRestrictions, null);
	}

	/**
	 * @param policies the policies the application enforces, must not be {@literal null}
	 * @param isolationMode the isolation mode, must not be {@literal null}
	 * @param roleArn the tenant role, or {@literal null} if there is none (isolation mode {@code application})
	 * @param sessionDuration the tenant session duration, must not be {@literal null}
	 * @param cachedTenants the number of cached tenant sessions, or {@literal null} if there are no sessions
	 * @param adminClient whether the application uses the admin client, whose policy is then exported too
	 * @param columnRestrictions the access variants whose session policies are exported too, or {@literal null}
	 * @param infrastructure the infrastructure as code, or {@literal null} if it is not exported
	 */
	public TenancyEndpoint(TenancyPolicies policies, IsolationMode isolationMode, @Nullable String roleArn,
			Duration sessionDuration, @Nullable LongSupplier cachedTenants, boolean adminClient,
			@Nullable ColumnRestrictions columnRestrictions, @Nullable InfrastructureExport infrastructure) {
		Assert.notNull(policies, "Policies must not be null");
		Assert.notNull(isolationMode, "Isolation mode must not be null");
		Assert.notNull(sessionDuration, "Session duration must not be null");
		this.policies = policies;
		this.isolationMode = isolationMode;
		this.roleArn = roleArn;
		this.sessionDuration = sessionDuration;
		this.cachedTenants = cachedTenants;
		this.adminClient = adminClient;
		this.columnRestrictions = columnRestrictions;
		this.infrastructure = infrastructure;
	}

	/**
	 * The isolation settings and the role's generated policies.
	 * @return the descriptor
	 */
	@ReadOperation
	public TenancyDescriptor tenancy() {
		Map<String, Object> ceiling = json(this.policies.ceilingPolicy());
		Map<String, Object> trust = (this.policies.applicationPrincipalArn() != null)
				? json(this.policies.trustPolicy()) : null;
		Map<String, Object> application = applicationPolicy();
		Map<String, Object> admin = this.adminClient ? json(this.policies.adminClientPolicy()) : null;
		return new TenancyDescriptor(this.isolationMode.name().toLowerCase(Locale.ROOT), this.roleArn,
				(this.cachedTenants != null) ? this.cachedTenants.getAsLong() : null,
				this.policies.keyTemplate().template(), this.policies.tenantTagKey(), this.policies.actions(),
				this.policies.resources(), ceiling, trust, application, admin,
				cloudFormation(ceiling, trust, application, admin));
	}

	private @Nullable Map<String, Object> applicationPolicy() {
		if (this.isolationMode == IsolationMode.APPLICATION) {
			return json(this.policies.applicationModePolicy());
		}
		return (this.roleArn != null)
				? json(TenancyPolicies.applicationIdentityPolicy(this.roleArn, this.policies.tenantTagKey())) : null;
	}

	/**
	 * A document named by two path segments: {@code policy/{tenant}}, the tenant's session policy exactly as it is
	 * passed to STS {@code AssumeRole}; {@code infrastructure/{format}}, the infrastructure as code in
	 * {@code cloudformation} or {@code terraform} format.
	 * @param document {@value #POLICY} or {@value #INFRASTRUCTURE}
	 * @param name the tenant id, or the format
	 * @return the document, or {@literal null} (not found) for another document or without an infrastructure export
	 */
	@ReadOperation
	public @Nullable Map<String, Object> document(@Selector String document, @Selector String name) {
		if (INFRASTRUCTURE.equals(document)) {
			return infrastructure(name);
		}
		if (!POLICY.equals(document)) {
			return null;
		}
		TenantId tenantId;
		try {
			tenantId = TenantId.of(name);
		}
		catch (InvalidTenantIdException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), "Invalid tenant id");
		}
		return parse(this.policies.sessionPolicyJson(tenantId));
	}

	private @Nullable Map<String, Object> infrastructure(String format) {
		if (this.infrastructure == null) {
			return null;
		}
		try {
			return parse(this.infrastructure.render(InfrastructureFormat.of(format)));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()),
					"Infrastructure cannot be exported");
		}
	}

	/**
	 * The session policy of a tenant's sessions in an access variant, exactly as it is passed to STS.
	 * @param document must be {@value #POLICY}
	 * @param tenant the tenant id
	 * @param variant the access variant's name
	 * @return the session policy, or {@literal null} (not found) for another document or an unknown variant
	 */
	@ReadOperation
	public @Nullable Map<String, Object> variantPolicy(@Selector String document, @Selector String tenant,
			@Selector String variant) {
		if (!POLICY.equals(document) || this.columnRestrictions == null) {
			return null;
		}
		TenantId tenantId;
		AccessVariant accessVariant;
		try {
			tenantId = TenantId.of(tenant);
			accessVariant = AccessVariant.of(variant);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), "Invalid tenant or variant");
		}
		if (!this.columnRestrictions.variants().contains(accessVariant)) {
			return null;
		}
		return parse(this.columnRestrictions.policies(accessVariant).sessionPolicyJson(tenantId));
	}

	private Map<String, Object> cloudFormation(Map<String, Object> ceiling, @Nullable Map<String, Object> trust,
			@Nullable Map<String, Object> application, @Nullable Map<String, Object> admin) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.roleArn != null) {
			String resource = Arn.fromString(this.roleArn).resourceAsString();
			String pathAndName = resource.substring("role/".length());
			int slash = pathAndName.lastIndexOf('/');
			properties.put("RoleName", pathAndName.substring(slash + 1));
			if (slash >= 0) {
				properties.put("Path", "/" + pathAndName.substring(0, slash + 1));
			}
		}
		properties.put("Description", "Tenant role of tenancy: tenant sessions are limited to their own partition "
				+ "keys by this ceiling policy and by their session policy.");
		properties.put("MaxSessionDuration",
				Math.max(DEFAULT_MAX_SESSION_DURATION, (int) this.sessionDuration.getSeconds()));
		if (trust != null) {
			properties.put("AssumeRolePolicyDocument", trust);
		}
		properties.put("Policies", List.of(Map.of("PolicyName", "tenancy-ceiling", "PolicyDocument", ceiling)));
		Map<String, Object> role = new LinkedHashMap<>();
		role.put("Type", "AWS::IAM::Role");
		role.put("Properties", properties);
		Map<String, Object> template = new LinkedHashMap<>();
		template.put("AWSTemplateFormatVersion", "2010-09-09");
		template.put("Description", (trust != null) ? "Tenant role generated by tenancy."
				: "Tenant role generated by tenancy. Set 'tenancy.application-principal-arn' to include the trust "
						+ "policy (AssumeRolePolicyDocument), which CloudFormation requires.");
		Map<String, Object> resources = new LinkedHashMap<>();
		resources.put("TenantRole", role);
		if (application != null) {
			resources.put("ApplicationPolicy", managedPolicy("Permissions of the application's own identity: "
					+ ((this.isolationMode == IsolationMode.IAM) ? "assuming the tenant role, nothing on DynamoDB."
							: "the tenant-scoped item actions, no Scan or PartiQL."),
					application));
		}
		if (admin != null) {
			resources.put("AdminClientPolicy", managedPolicy("Permissions of the application's admin client: "
					+ "creating, describing and updating its tables, never deleting them.", admin));
		}
		template.put("Resources", resources);
		return template;
	}

	private Map<String, Object> managedPolicy(String description, Map<String, Object> document) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("Description", description);
		properties.put("PolicyDocument", document);
		String principal = this.policies.applicationPrincipalArn();
		Arn arn = (principal != null) ? Arn.tryFromString(principal).orElse(null) : null;
		String type = (arn != null && "iam".equals(arn.service())) ? arn.resource().resourceType().orElse("") : "";
		if (arn != null && (type.equals("role") || type.equals("user"))) {
			String pathAndName = arn.resource().resource();
			String name = pathAndName.substring(pathAndName.lastIndexOf('/') + 1);
			properties.put(type.equals("role") ? "Roles" : "Users", List.of(name));
		}
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("Type", "AWS::IAM::ManagedPolicy");
		policy.put("Properties", properties);
		return policy;
	}

	private static Map<String, Object> json(IamPolicy policy) {
		return parse(policy.toJson());
	}

	private static Map<String, Object> parse(String json) {
		return JSON.readValue(json, MAP);
	}

	/**
	 * The response of {@code GET /actuator/tenancy}.
	 *
	 * @param isolationMode {@code iam} or {@code application}
	 * @param roleArn the tenant role, or {@literal null}
	 * @param cachedTenants the tenants with a cached session, or {@literal null} without sessions
	 * @param partitionKeyTemplate the partition-key template
	 * @param tenantTagKey the session tag key carrying the tenant id
	 * @param actions the granted actions
	 * @param resources the granted table and index ARNs
	 * @param ceilingPolicy the role's permission policy
	 * @param trustPolicy the role's trust policy, or {@literal null} without an application principal
	 * @param applicationPolicy the permission policy of the application's own identity: STS on the tenant role in
	 * isolation mode {@code iam}, the item actions without leading keys in isolation mode {@code application}; or
	 * {@literal null} in isolation mode {@code iam} without a role
	 * @param adminClientPolicy the additional permission policy of the admin client, or {@literal null} when it is
	 * not enabled
	 * @param cloudFormation a CloudFormation template declaring the role and the application's managed policies
	 * (attached to the application principal when it is an IAM role or user)
	 */
	public record TenancyDescriptor(String isolationMode, @Nullable String roleArn, @Nullable Long cachedTenants,
			String partitionKeyTemplate, String tenantTagKey, List<String> actions, List<String> resources,
			Map<String, Object> ceilingPolicy, @Nullable Map<String, Object> trustPolicy,
			@Nullable Map<String, Object> applicationPolicy, @Nullable Map<String, Object> adminClientPolicy,
			Map<String, Object> cloudFormation) implements OperationResponseBody {

	}

}
