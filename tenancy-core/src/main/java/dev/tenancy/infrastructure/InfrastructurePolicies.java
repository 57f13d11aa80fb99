package dev.tenancy.infrastructure;

import java.util.ArrayList;
import java.util.List;

import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;

/**
 * The policies that exist only in infrastructure as code, next to the runtime's {@link TenancyPolicies}: the deploy
 * role's control-plane permissions and trust, and the tenant role's VPC endpoint confinement.
 *
 * @author tenancy
 * @since 0.4
 */
public final class InfrastructurePolicies {

	/**
	 * The deploy role's actions on the tables: their lifecycle, backups setting, time to live and tags; no item,
	 * stream, export, import, backup, restore, replica or resource-policy action.
	 */
	public static final List<String> DEPLOY_TABLE_ACTIONS = List.of("dynamodb:CreateTable", "dynamodb:DescribeTable",
			"dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:DescribeContinuousBackups",
			"dynamodb:UpdateContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:UpdateTimeToLive",
			"dynamodb:TagResource", "dynamodb:UntagResource", "dynamodb:ListTagsOfResource");

	/**
	 * The actions the deploy role is explicitly denied on every resource: every item action, Scan and PartiQL, and
	 * the control-plane actions that copy, expose or replace items (streams, exports, imports, backups, restores,
	 * replicas, resource policies that could grant another principal the items).
	 */
	public static final List<String> DEPLOY_DENIED_ACTIONS;

	static {
		List<String> denied = new ArrayList<>(TenancyPolicies.DEFAULT_ACTIONS);
		denied.addAll(TenancyPolicies.DENIED_ACTIONS);
		denied.addAll(List.of("dynamodb:GetRecords", "dynamodb:GetShardIterator",
				"dynamodb:ExportTableToPointInTime", "dynamodb:ImportTable", "dynamodb:CreateBackup",
				"dynamodb:RestoreTableFromBackup", "dynamodb:RestoreTableToPointInTime", "dynamodb:CreateTableReplica",
				"dynamodb:PutResourcePolicy"));
		DEPLOY_DENIED_ACTIONS = List.copyOf(denied);
	}

	/** The KMS actions creating a table encrypted with a customer managed key needs. */
	public static final List<String> DEPLOY_KEY_ACTIONS = List.of("kms:DescribeKey", "kms:CreateGrant");

	private InfrastructurePolicies() {
	}

	/**
	 * The deploy role's permission policy: {@link #DEPLOY_TABLE_ACTIONS} on the pooled tables and on every silo
	 * table ({@code table/app-*}, so that a new silo tenant's table can be created), the KMS actions a customer
	 * managed key needs through DynamoDB, and an explicit Deny of {@link #DEPLOY_DENIED_ACTIONS} everywhere.
	 * @param arns the account and Region
	 * @param pooledTables the pooled tables
	 * @param siloTables how silo tables are named, or {@literal null} without silo tenants
	 * @param encryption the tables' encryption
	 * @return the policy
	 */
	public static IamPolicy deploy(ResourceArns arns, Iterable<String> pooledTables,
			@Nullable SiloTableTemplate siloTables, EncryptionAtRest encryption) {
		List<String> tables = new ArrayList<>();
		for (String table : pooledTables) {
			tables.add(arns.table(table));
		}
		if (siloTables != null) {
			for (String table : pooledTables) {
				tables.add(arns.tablePattern(siloTables.tableName(table, "*")));
			}
		}
		IamPolicy.Builder policy = IamPolicy.builder()
			.version(TenancyPolicies.POLICY_VERSION)
			.addStatement(statement -> statement.sid("DeployTables")
				.effect(IamEffect.ALLOW)
				.actionIds(DEPLOY_TABLE_ACTIONS)
				.resourceIds(tables));
		if (encryption.kind() == EncryptionAtRest.Kind.CUSTOMER_MANAGED) {
			String key = encryption.kmsKeyArn();
			String resource = (key != null && key.contains(":key/")) ? key
					: "arn:" + arns.partition() + ":kms:" + arns.region() + ":" + arns.accountId() + ":key/*";
			policy.addStatement(statement -> statement.sid("UseTableKeyThroughDynamoDb")
				.effect(IamEffect.ALLOW)
				.actionIds(DEPLOY_KEY_ACTIONS)
				.addResource(resource)
				.addCondition(IamConditionOperator.STRING_EQUALS, "kms:ViaService",
						"dynamodb." + arns.region() + ".amazonaws.com"));
		}
		return policy
			.addStatement(statement -> statement.sid("DenyItemsAndDataCopies")
				.effect(IamEffect.DENY)
				.actionIds(DEPLOY_DENIED_ACTIONS)
				.addResource("*"))
			.build();
	}

	/**
	 * The deploy role's trust policy.
	 * @param principalArn the IAM role or user that may assume it
	 * @return the policy: {@code sts:AssumeRole} for that principal only
	 */
	public static IamPolicy deployTrust(String principalArn) {
		return IamPolicy.builder()
			.version(TenancyPolicies.POLICY_VERSION)
			.addStatement(statement -> statement.sid("AssumeDeployRole")
				.effect(IamEffect.ALLOW)
				.addPrincipal(IamPrincipalType.AWS, principalArn)
				.addAction("sts:AssumeRole"))
			.build();
	}

	/**
	 * The tenant role's VPC endpoint confinement: a Deny of {@code dynamodb:*} unless the request comes through the
	 * endpoint. It is a policy of its own next to the ceiling, so the ceiling stays the document the guard evaluates
	 * in the JVM (where no request has an {@code aws:SourceVpce}); as a Deny it can only remove access.
	 * @param vpcEndpointId the VPC endpoint id
	 * @return the policy
	 */
	public static IamPolicy sourceVpce(String vpcEndpointId) {
		return IamPolicy.builder()
			.version(TenancyPolicies.POLICY_VERSION)
			.addStatement(statement -> statement.sid("DenyOutsideVpcEndpoint")
				.effect(IamEffect.DENY)
				.addAction("dynamodb:*")
				.addResource("*")
				.addCondition(IamConditionOperator.STRING_NOT_EQUALS, "aws:SourceVpce", vpcEndpointId))
			.build();
	}

}
