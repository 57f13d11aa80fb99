package dev.tenancy.infrastructure;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@link TenancyInfrastructure} as a Terraform configuration in JSON syntax (a {@code .tf.json} file) for the
 * {@code hashicorp/aws} provider: {@code aws_dynamodb_table} per table (with {@code prevent_destroy}),
 * {@code aws_iam_role} and {@code aws_iam_role_policy} for the tenant and the deploy role, {@code aws_iam_policy} for
 * the application identity (attached when it is an IAM role or user), and the roles' ARNs as outputs. The provider
 * is pinned to the tables' Region and account.
 * <p>
 * Policy documents are literal JSON strings, exactly as generated; since Terraform reads every JSON string as a
 * template, {@code ${} and {@code %{} in them (the ceiling's {@code ${aws:PrincipalTag/tenant}}) are written as
 * {@code $${} and {@code %%{}, which Terraform turns back into the literal text.
 *
 * @author tenancy
 * @since 0.4
 */
public final class TerraformConfiguration {

	/** The variable that takes a customer managed key's ARN when the options leave it as an input. */
	public static final String KMS_KEY_VARIABLE = "kms_key_arn";

	/** The resource name of the tenant role. */
	public static final String TENANT_ROLE = "tenant";

	/** The resource name of the deploy role. */
	public static final String DEPLOY_ROLE = "deploy";

	/** The resource name of the application identity's policy. */
	public static final String APPLICATION_POLICY = "application";

	private TerraformConfiguration() {
	}

	/**
	 * @param infrastructure the infrastructure
	 * @return the configuration, pretty-printed Terraform JSON
	 */
	public static String render(TenancyInfrastructure infrastructure) {
		return InfrastructureJson.pretty(configuration(infrastructure));
	}

	/**
	 * @param text a literal string
	 * @return the string as a Terraform template that evaluates to it
	 */
	public static String literal(String text) {
		return text.replace("${", "$${").replace("%{", "%%{");
	}

	static ObjectNode configuration(TenancyInfrastructure infrastructure) {
		ResourceArns arns = infrastructure.arns();
		ObjectNode configuration = InfrastructureJson.object();
		configuration.put("//", "Tables and roles of a tenancy application, generated from its runtime policies for "
				+ "account " + arns.accountId() + " in " + arns.region() + ".");
		configuration.putObject("terraform")
			.putObject("required_providers")
			.putObject("aws")
			.put("source", "hashicorp/aws")
			.put("version", ">= 5.0");
		ObjectNode provider = configuration.putObject("provider").putObject("aws");
		provider.put("region", arns.region());
		provider.putArray("allowed_account_ids").add(arns.accountId());
		if (infrastructure.encryption().keyIsInput()) {
			ObjectNode variable = configuration.putObject("variable").putObject(KMS_KEY_VARIABLE);
			variable.put("type", "string");
			variable.put("description", "ARN of the customer managed KMS key that encrypts the tables at rest.");
		}
		ObjectNode resources = configuration.putObject("resource");
		ObjectNode tables = resources.putObject("aws_dynamodb_table");
		Set<String> names = new HashSet<>();
		for (TableDefinition table : infrastructure.tables()) {
			tables.set(resourceName(table.name(), names), table(table, infrastructure.encryption()));
		}
		ObjectNode roles = resources.putObject("aws_iam_role");
		ObjectNode rolePolicies = resources.putObject("aws_iam_role_policy");
		role(roles, rolePolicies, TENANT_ROLE, infrastructure.tenantRole());
		role(roles, rolePolicies, DEPLOY_ROLE, infrastructure.deployRole());
		ObjectNode policy = resources.putObject("aws_iam_policy").putObject(APPLICATION_POLICY);
		policy.put("name", infrastructure.applicationPolicyName());
		policy.put("description", "The application identity of tenancy: assuming the tenant role with the tenant "
				+ "tag, nothing on DynamoDB.");
		policy.put("policy", literal(InfrastructureJson.text(infrastructure.applicationPolicy())));
		String policyArn = "${aws_iam_policy." + APPLICATION_POLICY + ".arn}";
		if (infrastructure.applicationRoleName() != null) {
			resources.putObject("aws_iam_role_policy_attachment")
				.putObject(APPLICATION_POLICY)
				.put("role", infrastructure.applicationRoleName())
				.put("policy_arn", policyArn);
		}
		if (infrastructure.applicationUserName() != null) {
			resources.putObject("aws_iam_user_policy_attachment")
				.putObject(APPLICATION_POLICY)
				.put("user", infrastructure.applicationUserName())
				.put("policy_arn", policyArn);
		}
		ObjectNode outputs = configuration.putObject("output");
		output(outputs, "tenant_role_arn", "The role tenant sessions assume (tenancy.sts.role-arn).",
				"${aws_iam_role." + TENANT_ROLE + ".arn}");
		output(outputs, "deploy_role_arn", "The role that deploys the tables.",
				"${aws_iam_role." + DEPLOY_ROLE + ".arn}");
		output(outputs, "application_policy_arn", "The application identity's policy.", policyArn);
		return configuration;
	}

	private static ObjectNode table(TableDefinition table, EncryptionAtRest encryption) {
		ObjectNode resource = InfrastructureJson.object();
		resource.put("name", table.name());
		resource.put("billing_mode", "PAY_PER_REQUEST");
		resource.put("hash_key", table.partitionKey());
		if (table.sortKey() != null) {
			resource.put("range_key", table.sortKey());
		}
		ArrayNode attributes = resource.putArray("attribute");
		table.attributes()
			.forEach((name, type) -> attributes.addObject().put("name", name).put("type", type.toString()));
		if (!table.globalIndexes().isEmpty()) {
			ArrayNode indexes = resource.putArray("global_secondary_index");
			for (TableDefinition.Index index : table.globalIndexes()) {
				ObjectNode node = indexes.addObject().put("name", index.name()).put("hash_key", index.partitionKey());
				rangeKey(node, index.sortKey());
				node.put("projection_type", "ALL");
			}
		}
		if (!table.localIndexes().isEmpty()) {
			ArrayNode indexes = resource.putArray("local_secondary_index");
			for (TableDefinition.Index index : table.localIndexes()) {
				ObjectNode node = indexes.addObject().put("name", index.name());
				rangeKey(node, index.sortKey());
				node.put("projection_type", "ALL");
			}
		}
		if (encryption.kind() != EncryptionAtRest.Kind.AWS_OWNED) {
			ObjectNode sse = resource.putArray("server_side_encryption").addObject().put("enabled", true);
			if (encryption.kind() == EncryptionAtRest.Kind.CUSTOMER_MANAGED) {
				String key = encryption.kmsKeyArn();
				sse.put("kms_key_arn", (key != null) ? key : "${var." + KMS_KEY_VARIABLE + "}");
			}
		}
		resource.putArray("point_in_time_recovery").addObject().put("enabled", true);
		resource.put("deletion_protection_enabled", true);
		ObjectNode tags = resource.putObject("tags");
		tags.put("tenancy:tier", table.silo() ? "silo" : "pool");
		if (table.tenant() != null) {
			tags.put("tenancy:tenant", table.tenant().value());
		}
		resource.putObject("lifecycle").put("prevent_destroy", true);
		return resource;
	}

	private static void rangeKey(ObjectNode index, @Nullable String sortKey) {
		if (sortKey != null) {
			index.put("range_key", sortKey);
		}
	}

	private static void role(ObjectNode roles, ObjectNode rolePolicies, String name, IamRole role) {
		ObjectNode resource = roles.putObject(name);
		resource.put("name", role.name());
		resource.put("path", role.path());
		resource.put("description", role.description());
		resource.put("max_session_duration", role.maxSessionDuration().getSeconds());
		resource.put("assume_role_policy", literal(InfrastructureJson.text(role.trustPolicy())));
		for (Map.Entry<String, IamPolicy> policy : role.inlinePolicies().entrySet()) {
			ObjectNode node = rolePolicies.putObject(resourceName(name + "_" + policy.getKey(), new HashSet<>()));
			node.put("name", policy.getKey());
			node.put("role", "${aws_iam_role." + name + ".id}");
			node.put("policy", literal(InfrastructureJson.text(policy.getValue())));
		}
	}

	private static void output(ObjectNode outputs, String name, String description, String value) {
		outputs.putObject(name).put("description", description).put("value", value);
	}

	/** A Terraform resource name: a letter first, then letters, digits and underscores; unique per type. */
	static String resourceName(String name, Set<String> taken) {
		StringBuilder result = new StringBuilder();
		for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
			result.append(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? c : '_');
		}
		if (result.length() == 0 || !(result.charAt(0) >= 'a' && result.charAt(0) <= 'z')) {
			result.insert(0, "t_");
		}
		String candidate = result.toString();
		for (int i = 2; !taken.add(candidate); i++) {
			candidate = result + "_" + i;
		}
		return candidate;
	}

}
