package dev.tenancy.infrastructure;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@link TenancyInfrastructure} as a CloudFormation template (JSON): {@code AWS::DynamoDB::Table} per table,
 * retained on stack deletion and replacement, {@code AWS::IAM::Role} for the tenant and the deploy role,
 * {@code AWS::IAM::ManagedPolicy} for the application identity (attached when it is an IAM role or user), and the
 * roles' ARNs as outputs. Policy documents are embedded exactly as generated.
 *
 * @author tenancy
 * @since 0.4
 */
public final class CloudFormationTemplate {

	/** The parameter that takes a customer managed key's ARN when the options leave it as an input. */
	public static final String KMS_KEY_PARAMETER = "KmsKeyArn";

	/** The logical id of the tenant role. */
	public static final String TENANT_ROLE = "TenantRole";

	/** The logical id of the deploy role. */
	public static final String DEPLOY_ROLE = "DeployRole";

	/** The logical id of the application identity's managed policy. */
	public static final String APPLICATION_POLICY = "ApplicationPolicy";

	/** CloudFormation's limit of resources per template. */
	static final int MAX_RESOURCES = 500;

	/** Room for a suffix under CloudFormation's limit of 255 characters per logical id. */
	private static final int MAX_LOGICAL_ID_LENGTH = 240;

	private CloudFormationTemplate() {
	}

	/**
	 * @param infrastructure the infrastructure
	 * @return the template, pretty-printed JSON
	 * @throws IllegalArgumentException if it needs more resources than a template may hold
	 */
	public static String render(TenancyInfrastructure infrastructure) {
		return InfrastructureJson.pretty(template(infrastructure));
	}

	static ObjectNode template(TenancyInfrastructure infrastructure) {
		ObjectNode template = InfrastructureJson.object();
		template.put("AWSTemplateFormatVersion", "2010-09-09");
		ResourceArns arns = infrastructure.arns();
		template.put("Description", "Tables and roles of a tenancy application, generated from its runtime policies "
				+ "for account " + arns.accountId() + " in " + arns.region() + ".");
		if (infrastructure.encryption().keyIsInput()) {
			ObjectNode parameter = template.putObject("Parameters").putObject(KMS_KEY_PARAMETER);
			parameter.put("Type", "String");
			parameter.put("Description", "ARN of the customer managed KMS key that encrypts the tables at rest.");
			parameter.put("AllowedPattern", "arn:[a-z0-9-]+:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+");
		}
		ObjectNode resources = template.putObject("Resources");
		Set<String> ids = new HashSet<>();
		for (TableDefinition table : infrastructure.tables()) {
			resources.set(logicalId("Table", table.name(), ids), table(table, infrastructure.encryption()));
		}
		resources.set(TENANT_ROLE, role(infrastructure.tenantRole()));
		resources.set(APPLICATION_POLICY, applicationPolicy(infrastructure));
		resources.set(DEPLOY_ROLE, role(infrastructure.deployRole()));
		if (resources.size() > MAX_RESOURCES) {
			throw new IllegalArgumentException(String.format("The template would declare %d resources, over "
					+ "CloudFormation's limit of %d per template: %d tables for the known silo tenants. Export "
					+ "Terraform instead, or create the silo tenants' tables in stacks of their own.",
					resources.size(), MAX_RESOURCES, infrastructure.tables().size()));
		}
		ObjectNode outputs = template.putObject("Outputs");
		output(outputs, "TenantRoleArn", "The role tenant sessions assume (tenancy.sts.role-arn).", TENANT_ROLE);
		output(outputs, "DeployRoleArn", "The role that deploys the tables.", DEPLOY_ROLE);
		outputs.putObject("ApplicationPolicyArn")
			.put("Description", "The application identity's policy.")
			.putObject("Value")
			.put("Ref", APPLICATION_POLICY);
		return template;
	}

	private static ObjectNode table(TableDefinition table, EncryptionAtRest encryption) {
		ObjectNode resource = InfrastructureJson.object();
		resource.put("Type", "AWS::DynamoDB::Table");
		resource.put("DeletionPolicy", "Retain");
		resource.put("UpdateReplacePolicy", "Retain");
		ObjectNode properties = resource.putObject("Properties");
		properties.put("TableName", table.name());
		properties.put("BillingMode", "PAY_PER_REQUEST");
		ArrayNode definitions = properties.putArray("AttributeDefinitions");
		table.attributes()
			.forEach((name, type) -> definitions.addObject().put("AttributeName", name).put("AttributeType",
					type.toString()));
		keySchema(properties.putArray("KeySchema"), table.partitionKey(), table.sortKey());
		if (!table.globalIndexes().isEmpty()) {
			indexes(properties.putArray("GlobalSecondaryIndexes"), table.globalIndexes());
		}
		if (!table.localIndexes().isEmpty()) {
			indexes(properties.putArray("LocalSecondaryIndexes"), table.localIndexes());
		}
		ObjectNode sse = properties.putObject("SSESpecification");
		switch (encryption.kind()) {
			case AWS_OWNED -> sse.put("SSEEnabled", false);
			case AWS_MANAGED -> sse.put("SSEEnabled", true).put("SSEType", "KMS");
			case CUSTOMER_MANAGED -> {
				sse.put("SSEEnabled", true).put("SSEType", "KMS");
				String key = encryption.kmsKeyArn();
				if (key != null) {
					sse.put("KMSMasterKeyId", key);
				}
				else {
					sse.putObject("KMSMasterKeyId").put("Ref", KMS_KEY_PARAMETER);
				}
			}
		}
		properties.putObject("PointInTimeRecoverySpecification").put("PointInTimeRecoveryEnabled", true);
		properties.put("DeletionProtectionEnabled", true);
		ArrayNode tags = properties.putArray("Tags");
		tags.addObject().put("Key", "tenancy:tier").put("Value", table.silo() ? "silo" : "pool");
		if (table.tenant() != null) {
			tags.addObject().put("Key", "tenancy:tenant").put("Value", table.tenant().value());
		}
		return resource;
	}

	private static void indexes(ArrayNode target, Iterable<TableDefinition.Index> indexes) {
		for (TableDefinition.Index index : indexes) {
			ObjectNode node = target.addObject();
			node.put("IndexName", index.name());
			keySchema(node.putArray("KeySchema"), index.partitionKey(), index.sortKey());
			node.putObject("Projection").put("ProjectionType", "ALL");
		}
	}

	private static void keySchema(ArrayNode target, String partitionKey, @Nullable String sortKey) {
		target.addObject().put("AttributeName", partitionKey).put("KeyType", "HASH");
		if (sortKey != null) {
			target.addObject().put("AttributeName", sortKey).put("KeyType", "RANGE");
		}
	}

	private static ObjectNode role(IamRole role) {
		ObjectNode resource = InfrastructureJson.object();
		resource.put("Type", "AWS::IAM::Role");
		ObjectNode properties = resource.putObject("Properties");
		properties.put("RoleName", role.name());
		properties.put("Path", role.path());
		properties.put("Description", role.description());
		properties.put("MaxSessionDuration", role.maxSessionDuration().getSeconds());
		properties.set("AssumeRolePolicyDocument", InfrastructureJson.tree(role.trustPolicy()));
		ArrayNode policies = properties.putArray("Policies");
		for (Map.Entry<String, IamPolicy> policy : role.inlinePolicies().entrySet()) {
			ObjectNode node = policies.addObject();
			node.put("PolicyName", policy.getKey());
			node.set("PolicyDocument", InfrastructureJson.tree(policy.getValue()));
		}
		return resource;
	}

	private static ObjectNode applicationPolicy(TenancyInfrastructure infrastructure) {
		ObjectNode resource = InfrastructureJson.object();
		resource.put("Type", "AWS::IAM::ManagedPolicy");
		ObjectNode properties = resource.putObject("Properties");
		properties.put("ManagedPolicyName", infrastructure.applicationPolicyName());
		properties.put("Description", "The application identity of tenancy: assuming the tenant role with the "
				+ "tenant tag, nothing on DynamoDB.");
		properties.set("PolicyDocument", InfrastructureJson.tree(infrastructure.applicationPolicy()));
		if (infrastructure.applicationRoleName() != null) {
			properties.putArray("Roles").add(infrastructure.applicationRoleName());
		}
		if (infrastructure.applicationUserName() != null) {
			properties.putArray("Users").add(infrastructure.applicationUserName());
		}
		return resource;
	}

	private static void output(ObjectNode outputs, String name, String description, String role) {
		ObjectNode output = outputs.putObject(name);
		output.put("Description", description);
		output.putObject("Value").putArray("Fn::GetAtt").add(role).add("Arn");
	}

	/** A CloudFormation logical id: letters and digits only, unique in the template. */
	static String logicalId(String prefix, String name, Set<String> taken) {
		StringBuilder id = new StringBuilder(prefix);
		boolean upper = true;
		for (char c : name.toCharArray()) {
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
				id.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
			else {
				upper = true;
			}
		}
		if (id.length() > MAX_LOGICAL_ID_LENGTH) {
			id.setLength(MAX_LOGICAL_ID_LENGTH);
		}
		String candidate = id.toString();
		for (int i = 2; !taken.add(candidate); i++) {
			candidate = id + "N" + i;
		}
		return candidate;
	}

}
