package dev.tenancy.iam.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantId;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPolicyWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the policies shown in the project README identical to what the generator produces, so the README is printed
 * by the code, not typed by hand. Run with {@code -Dtenancy.readme.update=true} to rewrite the blocks.
 */
class ReadmePoliciesTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Pattern BLOCK = Pattern
		.compile("(<!-- generated:([a-z-]+) -->\\n```json\\n)(.*?)(```\\n<!-- /generated -->)", Pattern.DOTALL);

	static Map<String, String> generated() {
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.table("app", "pk", "sk")
			.index("app", "byStatus", "gsi1pk", "gsi1sk")
			.build();
		TenancyPolicies policies = TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
			.keySchema(schema)
			.applicationPrincipalArn("arn:aws:iam::123456789012:role/app")
			.build();
		IamPolicyWriter pretty = IamPolicyWriter.builder().prettyPrint(true).build();
		Map<String, String> blocks = new LinkedHashMap<>();
		blocks.put("session-policy", pretty(policies.sessionPolicy(TenantId.of("acme")), pretty));
		blocks.put("ceiling-policy", pretty(policies.ceilingPolicy(), pretty));
		blocks.put("trust-policy", pretty(policies.trustPolicy(), pretty));
		blocks.put("application-identity-policy", pretty(TenancyPolicies
			.applicationIdentityPolicy("arn:aws:iam::123456789012:role/tenant-data", policies.tenantTagKey()), pretty));
		blocks.put("application-mode-policy", pretty(policies.applicationModePolicy(), pretty));
		blocks.put("admin-client-policy", pretty(policies.adminClientPolicy(), pretty));
		return blocks;
	}

	private static String pretty(IamPolicy policy, IamPolicyWriter writer) {
		return policy.toJson(writer) + "\n";
	}

	@Test
	void readmeShowsTheGeneratedPolicies() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		Map<String, String> expected = generated();
		Matcher matcher = BLOCK.matcher(readme);
		StringBuilder updated = new StringBuilder();
		Map<String, String> found = new LinkedHashMap<>();
		while (matcher.find()) {
			String name = matcher.group(2);
			found.put(name, matcher.group(3));
			String replacement = expected.getOrDefault(name, matcher.group(3));
			matcher.appendReplacement(updated, Matcher.quoteReplacement(matcher.group(1) + replacement + matcher.group(4)));
		}
		matcher.appendTail(updated);
		if (Boolean.getBoolean("tenancy.readme.update")) {
			Files.writeString(README, updated.toString(), StandardCharsets.UTF_8);
			return;
		}
		assertThat(found).as("README.md generated policy blocks (rerun with -Dtenancy.readme.update=true)")
			.isEqualTo(expected);
	}

}
