package dev.tenancy.infrastructure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import org.springframework.util.Assert;

/**
 * The infrastructure of a tenancy application, derived from the {@link TenancyPolicies} it enforces at runtime:
 * <ul>
 * <li>the <strong>tables</strong>: every pooled table of the key schema and the silo tables of the silo tenants
 * known up front ({@code TenantTierResolver#knownSiloTenants()}), with their keys and indexes, encrypted at rest with
 * the chosen key, point-in-time recovery and deletion protection on;</li>
 * <li>the <strong>tenant role</strong>: trust policy {@link TenancyPolicies#trustPolicy()}, permission policy
 * {@link TenancyPolicies#ceilingPolicy()} and, with a VPC endpoint,
 * {@link InfrastructurePolicies#sourceVpce(String)};</li>
 * <li>the <strong>application identity's policy</strong>
 * {@link TenancyPolicies#applicationIdentityPolicy(String, String)}: STS on the tenant role, nothing on DynamoDB;</li>
 * <li>the <strong>deploy role</strong>: {@link InfrastructurePolicies#deploy} (the tables' control plane, never their
 * items).</li>
 * </ul>
 * The policy documents are the runtime's own objects, so the exported infrastructure cannot drift from what the guard
 * evaluates. Immutable.
 *
 * @author tenancy
 * @since 0.4
 */
public final class TenancyInfrastructure {

	/** The name of the tenant role's inline policy holding the ceiling. */
	public static final String CEILING_POLICY = "tenancy-ceiling";

	/** The name of the tenant role's inline policy holding the VPC endpoint confinement. */
	public static final String SOURCE_VPCE_POLICY = "tenancy-source-vpce";

	/** The name of the deploy role's inline policy. */
	public static final String DEPLOY_POLICY = "tenancy-deploy";

	private final ResourceArns arns;

	private final List<TableDefinition> tables;

	private final EncryptionAtRest encryption;

	private final IamRole tenantRole;

	private final IamRole deployRole;

	private final String applicationPrincipalArn;

	private final String applicationPolicyName;

	private final IamPolicy applicationPolicy;

	private final @Nullable String sourceVpce;

	private TenancyInfrastructure(ResourceArns arns, List<TableDefinition> tables, EncryptionAtRest encryption,
			IamRole tenantRole, IamRole deployRole, String applicationPrincipalArn, String applicationPolicyName,
			IamPolicy applicationPolicy, @Nullable String sourceVpce) {
		this.arns = arns;
		this.tables = tables;
		this.encryption = encryption;
		this.tenantRole = tenantRole;
		this.deployRole = deployRole;
		this.applicationPrincipalArn = applicationPrincipalArn;
		this.applicationPolicyName = applicationPolicyName;
		this.applicationPolicy = applicationPolicy;
		this.sourceVpce = sourceVpce;
	}

	/**
	 * @param policies the policies the application enforces; must name the application principal
	 * ({@code applicationPrincipalArn}), which the trust policy needs
	 * @param options the tenant role and the choices of the infrastructure
	 * @return the infrastructure
	 * @throws IllegalArgumentException if the tenant role is in another account or partition than the tables
	 * @throws IllegalStateException if the policies name no application principal
	 */
	public static TenancyInfrastructure of(TenancyPolicies policies, InfrastructureOptions options) {
		Assert.notNull(policies, "Policies must not be null");
		Assert.notNull(options, "Options must not be null");
		ResourceArns arns = policies.arns();
		IamRoleArn role = options.tenantRole();
		if (!role.accountId().equals(arns.accountId()) || !role.partition().equals(arns.partition())) {
			throw new IllegalArgumentException(String.format("The tenant role '%s' is not in the tables' account %s "
					+ "(partition %s); the generated infrastructure declares both in one account.", role.arn(),
					arns.accountId(), arns.partition()));
		}
		String principal = policies.applicationPrincipalArn();
		if (principal == null) {
			throw new IllegalStateException("No application principal ARN is configured: the tenant role's trust "
					+ "policy names it. Set 'tenancy.application-principal-arn' (or "
					+ "TenancyPolicies.builder().applicationPrincipalArn(...)) to the ARN of the role or user the "
					+ "application runs as.");
		}
		Map<String, IamPolicy> tenantPolicies = new LinkedHashMap<>();
		tenantPolicies.put(CEILING_POLICY, policies.ceilingPolicy());
		if (options.sourceVpce() != null) {
			tenantPolicies.put(SOURCE_VPCE_POLICY, InfrastructurePolicies.sourceVpce(options.sourceVpce()));
		}
		IamRole tenantRole = new IamRole(role.name(), role.path(), role.arn(),
				"Tenant role of tenancy: each session is confined to its tenant's items by this ceiling and by its "
						+ "session policy.",
				policies.trustPolicy(), tenantPolicies, options.maxSessionDuration());
		String deployPrincipal = (options.deployPrincipalArn() != null) ? options.deployPrincipalArn()
				: "arn:" + arns.partition() + ":iam::" + arns.accountId() + ":root";
		SiloTableTemplate silo = policies.tenantTables().siloTables();
		IamRole deployRole = new IamRole(options.deployRoleName(), role.path(), role.sibling(options.deployRoleName()),
				"Deploy role of tenancy: the tables' control plane, never their items.",
				InfrastructurePolicies.deployTrust(deployPrincipal),
				Map.of(DEPLOY_POLICY, InfrastructurePolicies.deploy(arns, policies.keySchema().tables(), silo,
						options.encryption())),
				Duration.ofHours(1));
		return new TenancyInfrastructure(arns, tables(policies, options), options.encryption(), tenantRole,
				deployRole, principal, role.name() + "-application",
				TenancyPolicies.applicationIdentityPolicy(role.arn(), policies.tenantTagKey()), options.sourceVpce());
	}

	private static List<TableDefinition> tables(TenancyPolicies policies, InfrastructureOptions options) {
		DynamoDbKeySchema schema = policies.keySchema();
		List<TableDefinition> tables = new ArrayList<>();
		for (String table : schema.tables()) {
			tables.add(TableDefinition.of(schema, table, table, null, options));
		}
		SiloTableTemplate silo = policies.tenantTables().siloTables();
		if (silo != null) {
			List<TenantId> tenants = new ArrayList<>(policies.tenantTables().resolver().knownSiloTenants());
			tenants.sort(Comparator.comparing(TenantId::value));
			for (TenantId tenant : tenants) {
				for (String table : schema.tables()) {
					tables.add(TableDefinition.of(schema, table, silo.tableName(table, tenant), tenant, options));
				}
			}
		}
		return List.copyOf(tables);
	}

	/**
	 * @return the account, Region and partition of the tables
	 */
	public ResourceArns arns() {
		return this.arns;
	}

	/**
	 * @return the pooled tables, then each known silo tenant's tables
	 */
	public List<TableDefinition> tables() {
		return this.tables;
	}

	/**
	 * @return the key that encrypts the tables at rest
	 */
	public EncryptionAtRest encryption() {
		return this.encryption;
	}

	/**
	 * @return the tenant role
	 */
	public IamRole tenantRole() {
		return this.tenantRole;
	}

	/**
	 * @return the deploy role
	 */
	public IamRole deployRole() {
		return this.deployRole;
	}

	/**
	 * @return the ARN of the role or user the application runs as
	 */
	public String applicationPrincipalArn() {
		return this.applicationPrincipalArn;
	}

	/**
	 * @return the IAM role the application runs as, or {@literal null} when it is not an IAM role
	 */
	public @Nullable String applicationRoleName() {
		return attachedName("role");
	}

	/**
	 * @return the IAM user the application runs as, or {@literal null} when it is not an IAM user
	 */
	public @Nullable String applicationUserName() {
		return attachedName("user");
	}

	private @Nullable String attachedName(String type) {
		IamRoleArn arn = IamRoleArn.parse(this.applicationPrincipalArn);
		return (arn != null && arn.type().equals(type)) ? arn.name() : null;
	}

	/**
	 * @return the name of the application identity's managed policy
	 */
	public String applicationPolicyName() {
		return this.applicationPolicyName;
	}

	/**
	 * @return the application identity's permission policy: STS on the tenant role, nothing on DynamoDB
	 */
	public IamPolicy applicationPolicy() {
		return this.applicationPolicy;
	}

	/**
	 * @return the VPC endpoint the tenant role is confined to, or {@literal null}
	 */
	public @Nullable String sourceVpce() {
		return this.sourceVpce;
	}

}
