package dev.tenancy.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import dev.tenancy.autoconfigure.InfrastructureProperties;
import dev.tenancy.autoconfigure.infrastructure.InfrastructureExport;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TenancyEndpoint}: the documents it serves are the ones the application enforces.
 */
class TenancyEndpointTests {

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tenancy/tenant-data";

	private static final String TABLE_ARN = "arn:aws:dynamodb:eu-central-1:123456789012:table/items";

	private final TenancyPolicies policies = TenancyPolicies.builder()
		.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
		.keySchema(DynamoDbKeySchema.builder().table("items", "pk", "sk").index("items", "by-status", "gsi1pk").build())
		.applicationPrincipalArn("arn:aws:iam::123456789012:role/app")
		.build();

	private final TenancyEndpoint endpoint = new TenancyEndpoint(this.policies, IsolationMode.IAM, ROLE_ARN,
			Duration.ofHours(2), () -> 7);

	@Test
	void describesIsolationAndGrants() {
		TenancyEndpoint.TenancyDescriptor descriptor = this.endpoint.tenancy();
		assertThat(descriptor.isolationMode()).isEqualTo("iam");
		assertThat(descriptor.roleArn()).isEqualTo(ROLE_ARN);
		assertThat(descriptor.cachedTenants()).isEqualTo(7);
		assertThat(descriptor.partitionKeyTemplate()).isEqualTo("TENANT#{tenant}");
		assertThat(descriptor.tenantTagKey()).isEqualTo("tenant");
		assertThat(descriptor.actions()).isEqualTo(TenancyPolicies.DEFAULT_ACTIONS);
		assertThat(descriptor.resources()).containsExactly(TABLE_ARN, TABLE_ARN + "/index/by-status");
	}

	@Test
	void servesTheCeilingAndTrustPoliciesTheApplicationEnforces() {
		TenancyEndpoint.TenancyDescriptor descriptor = this.endpoint.tenancy();
		assertThat(descriptor.ceilingPolicy()).isEqualTo(json(this.policies.ceilingPolicy().toJson()));
		assertThat(descriptor.trustPolicy()).isEqualTo(json(this.policies.trustPolicy().toJson()));
		assertThat(statements(descriptor.ceilingPolicy())).extracting((statement) -> statement.get("Sid"))
			.containsExactly("TenantItems", "DenyScanAndPartiQL", "DenyInsecureTransport");
	}

	@Test // TH-5
	void servesATenantsSessionPolicyWithDelimitedLeadingKeysTH5() {
		Map<String, Object> policy = this.endpoint.document(TenancyEndpoint.POLICY, "acme");
		assertThat(policy).isEqualTo(json(this.policies.sessionPolicyJson(TenantId.of("acme"))));
		assertThat(policy.toString()).contains("[TENANT#acme, TENANT#acme#*]").doesNotContain("TENANT#acme*");
	}

	@Test // TH-6
	void rejectsAnInvalidTenantIdAsABadRequestTH6() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.document(TenancyEndpoint.POLICY, "acme*"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("Invalid tenant id"));
	}

	@Test
	void servesTheInfrastructureAsCodeOrSaysWhyItCannot() {
		TenancyEndpoint withExport = new TenancyEndpoint(this.policies, IsolationMode.IAM, ROLE_ARN,
				Duration.ofHours(2), () -> 7, false, null,
				new InfrastructureExport(this.policies, IsolationMode.IAM, ROLE_ARN, Duration.ofHours(2),
						new InfrastructureProperties()));
		assertThat(withExport.document(TenancyEndpoint.INFRASTRUCTURE, "cloudformation")).containsKey("Resources");
		assertThat(withExport.document(TenancyEndpoint.INFRASTRUCTURE, "terraform")).containsKey("resource");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> withExport.document(TenancyEndpoint.INFRASTRUCTURE, "pulumi"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("[cloudformation, terraform]"));
		TenancyEndpoint withoutRole = new TenancyEndpoint(this.policies, IsolationMode.IAM, null, Duration.ofHours(1),
				null, false, null, new InfrastructureExport(this.policies, IsolationMode.IAM, null,
						Duration.ofHours(1), new InfrastructureProperties()));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> withoutRole.document(TenancyEndpoint.INFRASTRUCTURE, "terraform"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("tenancy.sts.role-arn"));
		assertThat(this.endpoint.document(TenancyEndpoint.INFRASTRUCTURE, "terraform")).isNull();
	}

	@Test
	void otherDocumentsAreNotFound() {
		assertThat(this.endpoint.document("ceiling", "acme")).isNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void cloudFormationDeclaresTheRoleWithBothPolicies() {
		Map<String, Object> template = this.endpoint.tenancy().cloudFormation();
		assertThat(template).containsEntry("AWSTemplateFormatVersion", "2010-09-09");
		Map<String, Object> role = (Map<String, Object>) ((Map<String, Object>) template.get("Resources"))
			.get("TenantRole");
		assertThat(role).containsEntry("Type", "AWS::IAM::Role");
		Map<String, Object> properties = roleProperties(template);
		assertThat(properties).containsEntry("RoleName", "tenant-data")
			.containsEntry("Path", "/tenancy/")
			.containsEntry("MaxSessionDuration", 7200)
			.containsEntry("AssumeRolePolicyDocument", this.endpoint.tenancy().trustPolicy());
		assertThat((List<Map<String, Object>>) properties.get("Policies")).singleElement()
			.satisfies((policy) -> assertThat(policy).containsEntry("PolicyName", "tenancy-ceiling")
				.containsEntry("PolicyDocument", this.endpoint.tenancy().ceilingPolicy()));
	}

	@Test
	void withoutApplicationPrincipalThereIsNoTrustPolicyAndTheTemplateSaysWhatToSet() {
		TenancyPolicies withoutPrincipal = TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
			.keySchema(DynamoDbKeySchema.builder().table("items", "pk").build())
			.build();
		TenancyEndpoint.TenancyDescriptor descriptor = new TenancyEndpoint(withoutPrincipal, IsolationMode.APPLICATION,
				null, Duration.ofMinutes(15), null)
			.tenancy();
		assertThat(descriptor.isolationMode()).isEqualTo("application");
		assertThat(descriptor.trustPolicy()).isNull();
		assertThat(descriptor.cachedTenants()).isNull();
		assertThat(descriptor.cloudFormation().get("Description").toString())
			.contains("Set 'tenancy.application-principal-arn' to include the trust policy");
		assertThat(roleProperties(descriptor.cloudFormation())).doesNotContainKey("AssumeRolePolicyDocument")
			.doesNotContainKey("RoleName")
			.containsEntry("MaxSessionDuration", 3600);
	}

	@Test
	@SuppressWarnings("unchecked")
	@DisplayName("TH-18 iam mode exports the application identity's policy: STS on the tenant role, nothing on DynamoDB")
	void th18ExportsTheApplicationIdentityPolicyInIamMode() {
		TenancyEndpoint.TenancyDescriptor descriptor = this.endpoint.tenancy();
		assertThat(descriptor.applicationPolicy())
			.isEqualTo(json(TenancyPolicies.applicationIdentityPolicy(ROLE_ARN, "tenant").toJson()));
		assertThat(descriptor.adminClientPolicy()).isNull();
		Map<String, Object> resources = (Map<String, Object>) descriptor.cloudFormation().get("Resources");
		assertThat(resources).containsOnlyKeys("TenantRole", "ApplicationPolicy");
		Map<String, Object> policy = (Map<String, Object>) resources.get("ApplicationPolicy");
		assertThat(policy).containsEntry("Type", "AWS::IAM::ManagedPolicy");
		assertThat((Map<String, Object>) policy.get("Properties"))
			.containsEntry("PolicyDocument", descriptor.applicationPolicy())
			.containsEntry("Roles", List.of("app"));
	}

	@Test
	@SuppressWarnings("unchecked")
	@DisplayName("TH-18 application mode with the admin client exports both policies of the application identity")
	void th18ExportsTheApplicationModeAndAdminClientPolicies() {
		TenancyEndpoint.TenancyDescriptor descriptor = new TenancyEndpoint(this.policies, IsolationMode.APPLICATION,
				null, Duration.ofHours(1), null, true)
			.tenancy();
		assertThat(descriptor.applicationPolicy()).isEqualTo(json(this.policies.applicationModePolicy().toJson()));
		assertThat(descriptor.adminClientPolicy()).isEqualTo(json(this.policies.adminClientPolicy().toJson()));
		Map<String, Object> resources = (Map<String, Object>) descriptor.cloudFormation().get("Resources");
		assertThat(resources).containsKeys("ApplicationPolicy", "AdminClientPolicy");
		assertThat((Map<String, Object>) ((Map<String, Object>) resources.get("AdminClientPolicy")).get("Properties"))
			.containsEntry("PolicyDocument", descriptor.adminClientPolicy());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> roleProperties(Map<String, Object> template) {
		Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
		return (Map<String, Object>) ((Map<String, Object>) resources.get("TenantRole")).get("Properties");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> statements(Map<String, Object> policy) {
		return (List<Map<String, Object>>) policy.get("Statement");
	}

	private static Map<String, Object> json(String json) {
		return tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readValue(json, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
			});
	}

}
