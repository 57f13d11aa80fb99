package dev.tenancy.infrastructure;

import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPolicyWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the renderers share: policy documents as generated, and pretty printing.
 *
 * @author tenancy
 * @since 0.4
 */
final class InfrastructureJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final IamPolicyWriter MINIFIED = IamPolicyWriter.builder().prettyPrint(false).build();

	private InfrastructureJson() {
	}

	static ObjectNode object() {
		return JSON.createObjectNode();
	}

	/** The policy's document as a JSON tree, for embedding in a template. */
	static JsonNode tree(IamPolicy policy) {
		return JSON.readTree(policy.toJson(MINIFIED));
	}

	/** The policy's document as minified JSON text. */
	static String text(IamPolicy policy) {
		return policy.toJson(MINIFIED);
	}

	static String pretty(JsonNode document) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
	}

}
