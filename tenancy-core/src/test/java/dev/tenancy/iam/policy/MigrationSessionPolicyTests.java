package dev.tenancy.iam.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The lifecycle (migration) session policy: the tenant's own partition keys in its pooled and its silo tables, and
 * nothing of another tenant, in another tenant's silo table, or through the ceiling beyond what it already allows.
 */
class MigrationSessionPolicyTests {

	private static final ResourceArns ARNS = ResourceArns.of("aws", "us-east-1", "123456789012");

	private static final String PREFIX = "arn:aws:dynamodb:us-east-1:123456789012:table/";

	private static final DynamoDbKeySchema SCHEMA = DynamoDbKeySchema.builder()
		.table("app", "pk", "sk")
		.index("app", "byStatus", "gsi1pk", "gsi1sk")
		.build();

	private static final TenantId ACME = TenantId.of("acme");

	private final TenancyPolicies policies = TenancyPolicies.builder()
		.arns(ARNS)
		.keySchema(SCHEMA)
		.tenantTables(TenantTables.tiered(TenantTierResolver.silo(List.of(TenantId.of("globex"))),
				SiloTableTemplate.defaultTemplate()))
		.build();

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	@Test
	void grantsTheTenantsPooledAndSiloTablesWithTheSameLeadingKeys() {
		assertThat(this.policies.migrationSessionPolicyJson(ACME)).isEqualTo("{\"Version\":\"2012-10-17\","
				+ "\"Statement\":{\"Sid\":\"TenantItems\",\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\","
				+ "\"dynamodb:BatchGetItem\",\"dynamodb:Query\",\"dynamodb:PutItem\",\"dynamodb:UpdateItem\","
				+ "\"dynamodb:DeleteItem\",\"dynamodb:BatchWriteItem\",\"dynamodb:ConditionCheckItem\"],"
				+ "\"Resource\":[\"" + PREFIX + "app\",\"" + PREFIX + "app/index/byStatus\",\"" + PREFIX
				+ "app-acme\",\"" + PREFIX + "app-acme/index/byStatus\"],\"Condition\":{\"ForAllValues:StringLike\":"
				+ "{\"dynamodb:LeadingKeys\":[\"TENANT#acme\",\"TENANT#acme#*\"]},\"Null\":{\"dynamodb:LeadingKeys\":"
				+ "\"false\"}}}}");
	}

	@Test
	void docsTiersShowsTheGeneratedPolicy() throws IOException {
		String tiers = Files.readString(Path.of("..", "docs", "TIERS.md"));
		int section = tiers.indexOf("### The lifecycle session policy");
		int start = tiers.indexOf("```json", section) + "```json".length();
		String documented = tiers.substring(start, tiers.indexOf("```", start)).replaceAll("\\s", "");
		TenancyPolicies usEast1 = TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", "us-east-1", "123456789012"))
			.keySchema(DynamoDbKeySchema.builder().table("app", "pk", "sk").index("app", "byStatus", "gsi1pk").build())
			.tenantTables(TenantTables.tiered(TenantTierResolver.ALL_POOLED, SiloTableTemplate.defaultTemplate()))
			.build();
		assertThat(documented).isEqualTo(usEast1.migrationSessionPolicyJson(ACME));
	}

	@Test
	void confinesTheTenantToItsOwnKeysAndTables() {
		PrincipalSession acme = session(ACME);
		assertThat(decide(acme, "app", "TENANT#acme")).isTrue();
		assertThat(decide(acme, "app-acme", "TENANT#acme")).isTrue();
		assertThat(decide(acme, "app", "TENANT#globex")).isFalse();
		assertThat(decide(acme, "app-acme", "TENANT#globex")).isFalse();
		assertThat(decide(acme, "app-globex", "TENANT#acme")).isFalse();
		assertThat(decide(acme, "app", "TENANT#acme2")).isFalse();
	}

	@Test
	void theCeilingAllowsEverythingTheMigrationPolicyGrants() {
		PrincipalSession ceilingOnly = PrincipalSession
			.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "lifecycle-acme")
			.identityPolicy(this.policies.ceilingPolicy())
			.tag("tenant", "acme")
			.build();
		assertThat(decide(ceilingOnly, "app", "TENANT#acme")).isTrue();
		assertThat(decide(ceilingOnly, "app-acme", "TENANT#acme")).isTrue();
	}

	@Test
	void aLifecyclePolicyOverTheStsLimitIsFoundBeforeAnyStsCall() {
		DynamoDbKeySchema.Builder schema = DynamoDbKeySchema.builder().table("app", "pk", "sk");
		for (int i = 0; i < 9; i++) {
			schema.index("app", "index-with-a-rather-long-name-" + i, "gsi" + i + "pk");
		}
		TenancyPolicies large = TenancyPolicies.builder()
			.arns(ARNS)
			.keySchema(schema.build())
			.tenantTables(TenantTables.tiered(TenantTierResolver.ALL_POOLED, SiloTableTemplate.defaultTemplate()))
			.build();
		assertThatExceptionOfType(SessionPolicyTooLargeException.class)
			.isThrownBy(large::validateMigrationSessionPolicySize)
			.withMessageContaining("for the lifecycle operations of tenant 'wwww");
		this.policies.validateMigrationSessionPolicySize();
	}

	@Test
	void needsSiloTables() {
		TenancyPolicies pooled = TenancyPolicies.builder().arns(ARNS).keySchema(SCHEMA).build();
		assertThatIllegalStateException().isThrownBy(() -> pooled.migrationSessionPolicy(ACME))
			.withMessageContaining("'acme'")
			.withMessageContaining("no silo table template");
	}

	private PrincipalSession session(TenantId tenant) {
		IamPolicy allowAll = IamPolicy.builder()
			.addStatement((statement) -> statement.effect(IamEffect.ALLOW).addAction("*").addResource("*"))
			.build();
		return PrincipalSession.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "lifecycle-" + tenant)
			.identityPolicy(allowAll)
			.sessionPolicy(this.policies.migrationSessionPolicy(tenant))
			.tag("tenant", tenant.value())
			.build();
	}

	private boolean decide(PrincipalSession session, String table, String leadingKey) {
		return this.evaluator
			.evaluate(session, new AuthorizationRequest("dynamodb:PutItem", PREFIX + table,
					Map.of("dynamodb:leadingkeys", List.of(leadingKey)), "PutItem"))
			.allowed();
	}

}
