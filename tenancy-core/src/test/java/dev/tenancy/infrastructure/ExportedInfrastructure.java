package dev.tenancy.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An exported CloudFormation template or Terraform configuration, parsed back: its policy documents (as JSON text)
 * and its tables, in one shape for both formats, so that one set of assertions and one attack matrix cover both.
 */
record ExportedInfrastructure(String tenantTrust, List<String> tenantPolicies, String applicationPolicy,
		String deployTrust, List<String> deployPolicies, List<Table> tables, JsonNode document) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ExportedInfrastructure parse(InfrastructureFormat format, String text) {
		JsonNode document = JSON.readTree(text);
		return (format == InfrastructureFormat.CLOUDFORMATION) ? cloudFormation(document) : terraform(document);
	}

	/** Every policy document of the export. */
	List<String> allPolicies() {
		List<String> all = new ArrayList<>(List.of(this.tenantTrust, this.applicationPolicy, this.deployTrust));
		all.addAll(this.tenantPolicies);
		all.addAll(this.deployPolicies);
		return all;
	}

	static JsonNode tree(String json) {
		return JSON.readTree(json);
	}

	private static ExportedInfrastructure cloudFormation(JsonNode document) {
		JsonNode resources = document.get("Resources");
		JsonNode tenant = resources.get(CloudFormationTemplate.TENANT_ROLE).get("Properties");
		JsonNode deploy = resources.get(CloudFormationTemplate.DEPLOY_ROLE).get("Properties");
		List<Table> tables = new ArrayList<>();
		for (Map.Entry<String, JsonNode> resource : resources.properties()) {
			if (resource.getValue().get("Type").stringValue().equals("AWS::DynamoDB::Table")) {
				tables.add(cloudFormationTable(resource.getValue()));
			}
		}
		return new ExportedInfrastructure(tenant.get("AssumeRolePolicyDocument").toString(),
				cloudFormationPolicies(tenant), resources.get(CloudFormationTemplate.APPLICATION_POLICY)
					.get("Properties")
					.get("PolicyDocument")
					.toString(),
				deploy.get("AssumeRolePolicyDocument").toString(), cloudFormationPolicies(deploy), tables, document);
	}

	private static List<String> cloudFormationPolicies(JsonNode role) {
		List<String> policies = new ArrayList<>();
		role.get("Policies").forEach((policy) -> policies.add(policy.get("PolicyDocument").toString()));
		return policies;
	}

	private static Table cloudFormationTable(JsonNode resource) {
		JsonNode properties = resource.get("Properties");
		Map<String, String> attributes = new LinkedHashMap<>();
		properties.get("AttributeDefinitions")
			.forEach((a) -> attributes.put(a.get("AttributeName").stringValue(), a.get("AttributeType").stringValue()));
		Map<String, List<String>> global = new LinkedHashMap<>();
		properties.path("GlobalSecondaryIndexes").forEach((index) -> global.put(index.get("IndexName").stringValue(),
				cloudFormationKeys(index.get("KeySchema"), index.get("Projection").get("ProjectionType"))));
		Map<String, List<String>> local = new LinkedHashMap<>();
		properties.path("LocalSecondaryIndexes").forEach((index) -> local.put(index.get("IndexName").stringValue(),
				cloudFormationKeys(index.get("KeySchema"), index.get("Projection").get("ProjectionType"))));
		JsonNode sse = properties.get("SSESpecification");
		String encryption = !sse.get("SSEEnabled").booleanValue() ? "AWS_OWNED"
				: !sse.has("KMSMasterKeyId") ? "AWS_MANAGED"
						: "CUSTOMER_MANAGED " + (sse.get("KMSMasterKeyId").isString()
								? sse.get("KMSMasterKeyId").stringValue() : "input");
		Map<String, String> tags = new LinkedHashMap<>();
		properties.get("Tags").forEach((tag) -> tags.put(tag.get("Key").stringValue(), tag.get("Value").stringValue()));
		List<String> keys = cloudFormationKeys(properties.get("KeySchema"), null);
		return new Table(properties.get("TableName").stringValue(), keys, attributes, global, local, encryption,
				properties.get("PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled").booleanValue(),
				properties.get("DeletionProtectionEnabled").booleanValue(),
				properties.get("BillingMode").stringValue(), tags);
	}

	private static List<String> cloudFormationKeys(JsonNode keySchema, JsonNode projection) {
		List<String> keys = new ArrayList<>();
		keySchema.forEach((key) -> keys
			.add(key.get("KeyType").stringValue() + ":" + key.get("AttributeName").stringValue()));
		if (projection != null) {
			keys.add("projection:" + projection.stringValue());
		}
		return keys;
	}

	private static ExportedInfrastructure terraform(JsonNode document) {
		JsonNode resources = document.get("resource");
		JsonNode roles = resources.get("aws_iam_role");
		List<String> tenantPolicies = new ArrayList<>();
		List<String> deployPolicies = new ArrayList<>();
		for (JsonNode policy : resources.get("aws_iam_role_policy")) {
			String role = policy.get("role").stringValue();
			String text = unescape(policy.get("policy").stringValue());
			if (role.equals("${aws_iam_role." + TerraformConfiguration.TENANT_ROLE + ".id}")) {
				tenantPolicies.add(text);
			}
			else if (role.equals("${aws_iam_role." + TerraformConfiguration.DEPLOY_ROLE + ".id}")) {
				deployPolicies.add(text);
			}
			else {
				throw new AssertionError("A role policy of an unknown role: " + role);
			}
		}
		List<Table> tables = new ArrayList<>();
		resources.get("aws_dynamodb_table").forEach((table) -> tables.add(terraformTable(table)));
		return new ExportedInfrastructure(
				unescape(roles.get(TerraformConfiguration.TENANT_ROLE).get("assume_role_policy").stringValue()),
				tenantPolicies,
				unescape(resources.get("aws_iam_policy")
					.get(TerraformConfiguration.APPLICATION_POLICY)
					.get("policy")
					.stringValue()),
				unescape(roles.get(TerraformConfiguration.DEPLOY_ROLE).get("assume_role_policy").stringValue()),
				deployPolicies, tables, document);
	}

	private static Table terraformTable(JsonNode table) {
		Map<String, String> attributes = new LinkedHashMap<>();
		table.get("attribute").forEach((a) -> attributes.put(a.get("name").stringValue(), a.get("type").stringValue()));
		Map<String, List<String>> global = new LinkedHashMap<>();
		table.path("global_secondary_index").forEach((index) -> global.put(index.get("name").stringValue(),
				terraformKeys(index, index.get("hash_key").stringValue())));
		Map<String, List<String>> local = new LinkedHashMap<>();
		table.path("local_secondary_index").forEach((index) -> local.put(index.get("name").stringValue(),
				terraformKeys(index, table.get("hash_key").stringValue())));
		JsonNode sse = table.path("server_side_encryption").path(0);
		String encryption = (sse.isMissingNode() || !sse.get("enabled").booleanValue()) ? "AWS_OWNED"
				: !sse.has("kms_key_arn") ? "AWS_MANAGED"
						: "CUSTOMER_MANAGED " + (sse.get("kms_key_arn").stringValue().startsWith("${var.") ? "input"
								: sse.get("kms_key_arn").stringValue());
		List<String> keys = new ArrayList<>();
		keys.add("HASH:" + table.get("hash_key").stringValue());
		if (table.has("range_key")) {
			keys.add("RANGE:" + table.get("range_key").stringValue());
		}
		Map<String, String> tags = new LinkedHashMap<>();
		table.get("tags").properties().forEach((tag) -> tags.put(tag.getKey(), tag.getValue().stringValue()));
		return new Table(table.get("name").stringValue(), keys, attributes, global, local, encryption,
				table.get("point_in_time_recovery").get(0).get("enabled").booleanValue(),
				table.get("deletion_protection_enabled").booleanValue(), table.get("billing_mode").stringValue(), tags);
	}

	private static List<String> terraformKeys(JsonNode index, String hashKey) {
		List<String> keys = new ArrayList<>();
		keys.add("HASH:" + hashKey);
		if (index.has("range_key")) {
			keys.add("RANGE:" + index.get("range_key").stringValue());
		}
		keys.add("projection:" + index.get("projection_type").stringValue());
		return keys;
	}

	/** Terraform's template escapes back to literal text. */
	private static String unescape(String template) {
		if (template.replace("$${", "").contains("${") || template.replace("%%{", "").contains("%{")) {
			throw new AssertionError("An unescaped Terraform template sequence in a policy: " + template);
		}
		return template.replace("$${", "${").replace("%%{", "%{");
	}

	/**
	 * A table, as either format declares it.
	 *
	 * @param name its name
	 * @param keys {@code HASH:<attribute>}, {@code RANGE:<attribute>}
	 * @param attributes attribute definitions
	 * @param globalIndexes keys and projection per global index
	 * @param localIndexes keys and projection per local index
	 * @param encryption {@code AWS_OWNED}, {@code AWS_MANAGED}, {@code CUSTOMER_MANAGED <arn|input>}
	 * @param pointInTimeRecovery whether it is on
	 * @param deletionProtection whether it is on
	 * @param billingMode the billing mode
	 * @param tags the tags
	 */
	record Table(String name, List<String> keys, Map<String, String> attributes,
			Map<String, List<String>> globalIndexes, Map<String, List<String>> localIndexes, String encryption,
			boolean pointInTimeRecovery, boolean deletionProtection, String billingMode, Map<String, String> tags) {

	}

}
