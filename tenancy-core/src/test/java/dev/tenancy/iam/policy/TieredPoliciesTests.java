package dev.tenancy.iam.policy;

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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The policies of pooled and silo tenants: each session policy grants only its tier's tables, and the ceiling alone
 * keeps a silo tenant on its own silo table.
 */
class TieredPoliciesTests {

	private static final ResourceArns ARNS = ResourceArns.of("aws", "us-east-1", "123456789012");

	private static final String PREFIX = "arn:aws:dynamodb:us-east-1:123456789012:table/";

	private static final DynamoDbKeySchema SCHEMA = DynamoDbKeySchema.builder()
		.table("app", "pk", "sk")
		.index("app", "byStatus", "gsi1pk", "gsi1sk")
		.build();

	private static final TenantId ACME = TenantId.of("acme");

	private static final TenantId GLOBEX = TenantId.of("globex");

	private static final TenantId INITECH = TenantId.of("initech");

	private final TenancyPolicies policies = TenancyPolicies.builder()
		.arns(ARNS)
		.keySchema(SCHEMA)
		.tenantTables(TenantTables.tiered(TenantTierResolver.silo(List.of(ACME, GLOBEX)),
				SiloTableTemplate.defaultTemplate()))
		.build();

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	@Test
	void aPooledTenantsSessionPolicyIsUnchangedByTiers() {
		TenancyPolicies pooledOnly = TenancyPolicies.builder().arns(ARNS).keySchema(SCHEMA).build();
		assertThat(this.policies.sessionPolicyJson(INITECH)).isEqualTo(pooledOnly.sessionPolicyJson(INITECH));
	}

	@Test
	void aSiloTenantsSessionPolicyGrantsOnlyItsOwnTableAndIndexesWithTheSameLeadingKeys() {
		String json = this.policies.sessionPolicyJson(ACME);
		assertThat(json).contains("\"Resource\":[\"" + PREFIX + "app-acme\",\"" + PREFIX + "app-acme/index/byStatus\"]")
			.contains("\"dynamodb:LeadingKeys\":[\"TENANT#acme\",\"TENANT#acme#*\"]")
			.contains("\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}")
			.doesNotContain(PREFIX + "app\"");
	}

	@Test
	void theCeilingNamesEachSessionsOwnSiloTableWithThePrincipalTag() {
		String json = this.policies.ceilingPolicy().toJson();
		assertThat(json).contains(PREFIX + "app\"", PREFIX + "app/index/byStatus\"",
				PREFIX + "app-${aws:PrincipalTag/tenant}\"", PREFIX + "app-${aws:PrincipalTag/tenant}/index/byStatus\"",
				PREFIX + "app-*\"");
	}

	@Test
	void theCeilingAloneKeepsASiloTenantOnItsOwnSiloTable() {
		PrincipalSession acme = ceilingOnlySession(ACME);
		assertThat(decide(acme, "app-acme", "TENANT#acme")).as("own silo table").isTrue();
		assertThat(decide(acme, "app-globex", "TENANT#acme")).as("another tenant's silo table").isFalse();
		assertThat(decide(acme, "app-acme", "TENANT#globex")).as("mis-keyed item in its own silo table").isFalse();
		assertThat(decide(ceilingOnlySession(INITECH), "app-acme", "TENANT#initech")).as("pooled tenant on a silo")
			.isFalse();
	}

	@Test
	void theSessionPoliciesAloneSeparateTheTiers() {
		assertThat(decide(session(INITECH), "app-acme", "TENANT#initech")).as("pool -> silo").isFalse();
		assertThat(decide(session(ACME), "app", "TENANT#acme")).as("silo -> pool").isFalse();
		assertThat(decide(session(ACME), "app-globex", "TENANT#acme")).as("silo -> silo").isFalse();
		assertThat(decide(session(ACME), "app-acme", "TENANT#acme")).as("silo -> own silo").isTrue();
		assertThat(decide(session(INITECH), "app", "TENANT#initech")).as("pool -> pool").isTrue();
	}

	@Test
	void theDeniesTheApplicationModeAndTheAdminPoliciesCoverEverySiloTable() {
		assertThat(this.policies.ceilingPolicy().toJson()).contains("DenyScanAndPartiQL");
		assertThat(this.policies.applicationModePolicy().toJson()).contains(PREFIX + "app-*\"");
		assertThat(this.policies.adminClientPolicy().toJson()).contains(PREFIX + "app-*\"");
	}

	@Test
	void aTemplateThatDoesNotFitTheTablesFailsTheBuild() {
		assertThatIllegalArgumentException().isThrownBy(() -> TenancyPolicies.builder()
			.arns(ARNS)
			.keySchema(DynamoDbKeySchema.builder().table("app", "pk").table("app-x", "pk").build())
			.tenantTables(TenantTables.tiered(TenantTierResolver.ALL_POOLED, SiloTableTemplate.defaultTemplate()))
			.build()).withMessageContaining("names pooled table 'app-x'");
	}

	@Test
	void theKeySchemaOfThePoliciesKnowsTheSiloTables() {
		assertThat(this.policies.keySchema().pooledTableOf("app-acme")).isEqualTo("app");
	}

	private PrincipalSession ceilingOnlySession(TenantId tenant) {
		return PrincipalSession.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "tenant-" + tenant)
			.identityPolicy(this.policies.ceilingPolicy())
			.tag("tenant", tenant.value())
			.build();
	}

	private PrincipalSession session(TenantId tenant) {
		IamPolicy allowAll = IamPolicy.builder()
			.addStatement((statement) -> statement.effect(IamEffect.ALLOW).addAction("*").addResource("*"))
			.build();
		return PrincipalSession.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "tenant-" + tenant)
			.identityPolicy(allowAll)
			.sessionPolicy(this.policies.sessionPolicy(tenant))
			.tag("tenant", tenant.value())
			.build();
	}

	private boolean decide(PrincipalSession session, String table, String leadingKey) {
		return this.evaluator
			.evaluate(session, new AuthorizationRequest("dynamodb:GetItem", PREFIX + table,
					Map.of("dynamodb:leadingkeys", List.of(leadingKey)), "GetItem"))
			.allowed();
	}

}
