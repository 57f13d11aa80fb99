package dev.tenancy.infrastructure;

import java.util.List;
import java.util.Map;

import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.ResourceArns;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.tenancy.infrastructure.InfrastructureFixture.ACME;
import static dev.tenancy.infrastructure.InfrastructureFixture.KMS_KEY_ARN;
import static dev.tenancy.infrastructure.InfrastructureFixture.POLICIES;
import static dev.tenancy.infrastructure.InfrastructureFixture.VPCE;
import static dev.tenancy.infrastructure.InfrastructureFixture.export;
import static dev.tenancy.infrastructure.InfrastructureFixture.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The exported CloudFormation template and Terraform configuration, parsed back: the tables of both tiers with the
 * key schema's keys and indexes, encryption at rest per option, point-in-time recovery and deletion protection; and
 * policy documents that are exactly the runtime's, identical in both formats.
 */
class TenancyInfrastructureTests {

	@ParameterizedTest
	@EnumSource(InfrastructureFormat.class)
	void declaresThePooledTablesAndTheKnownSiloTenantsTablesWithTheKeySchema(InfrastructureFormat format) {
		List<ExportedInfrastructure.Table> tables = export(format, options().build()).tables();
		assertThat(tables).extracting(ExportedInfrastructure.Table::name).containsExactly("app", "app-acme",
				"app-globex");
		for (ExportedInfrastructure.Table table : tables) {
			assertThat(table.keys()).as(table.name()).containsExactly("HASH:pk", "RANGE:sk");
			assertThat(table.attributes()).as(table.name())
				.containsExactly(Map.entry("pk", "S"), Map.entry("sk", "S"), Map.entry("gsi1pk", "S"),
						Map.entry("gsi1sk", "S"), Map.entry("createdAt", "N"));
			assertThat(table.globalIndexes()).as(table.name())
				.containsExactly(Map.entry("byStatus", List.of("HASH:gsi1pk", "RANGE:gsi1sk", "projection:ALL")));
			assertThat(table.localIndexes()).as(table.name())
				.containsExactly(Map.entry("byCreated", List.of("HASH:pk", "RANGE:createdAt", "projection:ALL")));
			assertThat(table.pointInTimeRecovery()).as(table.name()).isTrue();
			assertThat(table.deletionProtection()).as(table.name()).isTrue();
			assertThat(table.billingMode()).as(table.name()).isEqualTo("PAY_PER_REQUEST");
		}
		assertThat(tables.get(0).tags()).containsExactly(Map.entry("tenancy:tier", "pool"));
		assertThat(tables.get(1).tags()).containsExactly(Map.entry("tenancy:tier", "silo"),
				Map.entry("tenancy:tenant", "acme"));
	}

	@ParameterizedTest
	@EnumSource(InfrastructureFormat.class)
	void encryptsAtRestWithTheChosenKey(InfrastructureFormat format) {
		assertThat(encryption(format, EncryptionAtRest.awsOwned())).containsOnly("AWS_OWNED");
		assertThat(encryption(format, EncryptionAtRest.awsManaged())).containsOnly("AWS_MANAGED");
		assertThat(encryption(format, EncryptionAtRest.customerManaged(KMS_KEY_ARN)))
			.containsOnly("CUSTOMER_MANAGED " + KMS_KEY_ARN);
		assertThat(encryption(format, EncryptionAtRest.customerManagedKeyAsInput()))
			.containsOnly("CUSTOMER_MANAGED input");
	}

	@Test
	void aKeyAsInputIsATemplateParameterAndATerraformVariable() {
		InfrastructureOptions options = options().encryption(EncryptionAtRest.customerManagedKeyAsInput()).build();
		assertThat(export(InfrastructureFormat.CLOUDFORMATION, options).document()
			.get("Parameters")
			.get(CloudFormationTemplate.KMS_KEY_PARAMETER)
			.get("Type")
			.stringValue()).isEqualTo("String");
		assertThat(export(InfrastructureFormat.TERRAFORM, options).document()
			.get("variable")
			.get(TerraformConfiguration.KMS_KEY_VARIABLE)
			.get("type")
			.stringValue()).isEqualTo("string");
		assertThat(export(InfrastructureFormat.CLOUDFORMATION, options().build()).document().has("Parameters"))
			.isFalse();
	}

	@ParameterizedTest
	@EnumSource(InfrastructureFormat.class)
	void thePoliciesAreTheRuntimesDocuments(InfrastructureFormat format) {
		ExportedInfrastructure exported = export(format, options().build());
		assertThat(tree(exported.tenantTrust())).isEqualTo(tree(POLICIES.trustPolicy().toJson()));
		assertThat(exported.tenantPolicies()).hasSize(1);
		assertThat(tree(exported.tenantPolicies().get(0))).isEqualTo(tree(POLICIES.ceilingPolicy().toJson()));
		assertThat(tree(exported.applicationPolicy())).isEqualTo(tree(TenancyPolicies
			.applicationIdentityPolicy(InfrastructureFixture.TENANT_ROLE_ARN, POLICIES.tenantTagKey())
			.toJson()));
	}

	@Test
	void cloudFormationAndTerraformDeclareIdenticalPolicies() {
		for (InfrastructureOptions options : List.of(options().build(),
				options().sourceVpce(VPCE).encryption(EncryptionAtRest.customerManaged(KMS_KEY_ARN)).build())) {
			ExportedInfrastructure cloudFormation = export(InfrastructureFormat.CLOUDFORMATION, options);
			ExportedInfrastructure terraform = export(InfrastructureFormat.TERRAFORM, options);
			assertThat(cloudFormation.allPolicies()).hasSameSizeAs(terraform.allPolicies());
			for (int i = 0; i < cloudFormation.allPolicies().size(); i++) {
				assertThat(tree(terraform.allPolicies().get(i))).isEqualTo(tree(cloudFormation.allPolicies().get(i)));
			}
			assertThat(cloudFormation.tables()).isEqualTo(terraform.tables());
		}
	}

	@ParameterizedTest
	@EnumSource(InfrastructureFormat.class)
	void theVpcEndpointConfinementIsAPolicyOfItsOwnNextToTheUnchangedCeiling(InfrastructureFormat format) {
		ExportedInfrastructure exported = export(format, options().sourceVpce(VPCE).build());
		assertThat(exported.tenantPolicies()).hasSize(2);
		assertThat(tree(exported.tenantPolicies().get(0))).isEqualTo(tree(POLICIES.ceilingPolicy().toJson()));
		assertThat(tree(exported.tenantPolicies().get(1)))
			.isEqualTo(tree(InfrastructurePolicies.sourceVpce(VPCE).toJson()));
		assertThat(exported.tenantPolicies().get(1)).contains("\"StringNotEquals\":{\"aws:SourceVpce\":\"" + VPCE);
	}

	@Test
	void terraformEscapesThePolicyVariablesOfTheCeiling() {
		String text = InfrastructureFormat.TERRAFORM.render(TenancyInfrastructure.of(POLICIES, options().build()));
		assertThat(text).contains("$${aws:PrincipalTag/tenant}").doesNotContain("\"${aws:PrincipalTag");
		assertThat(TerraformConfiguration.literal("a${b}%{c}")).isEqualTo("a$${b}%%{c}");
	}

	@ParameterizedTest
	@EnumSource(InfrastructureFormat.class)
	void theApplicationPolicyIsAttachedToTheApplicationRole(InfrastructureFormat format) {
		ExportedInfrastructure exported = export(format, options().build());
		String attached = (format == InfrastructureFormat.CLOUDFORMATION)
				? exported.document()
					.get("Resources")
					.get(CloudFormationTemplate.APPLICATION_POLICY)
					.get("Properties")
					.get("Roles")
					.get(0)
					.stringValue()
				: exported.document()
					.get("resource")
					.get("aws_iam_role_policy_attachment")
					.get(TerraformConfiguration.APPLICATION_POLICY)
					.get("role")
					.stringValue();
		assertThat(attached).isEqualTo("app");
	}

	@Test
	void theRolesKeepTheTenantRolesPathAndTheDeployRoleIsSeparate() {
		TenancyInfrastructure infrastructure = TenancyInfrastructure.of(POLICIES, options().build());
		assertThat(infrastructure.tenantRole().name()).isEqualTo("tenant");
		assertThat(infrastructure.tenantRole().path()).isEqualTo("/tenancy/");
		assertThat(infrastructure.deployRole().name()).isEqualTo("tenant-deploy");
		assertThat(infrastructure.deployRole().arn()).isEqualTo("arn:aws:iam::123456789012:role/tenancy/tenant-deploy");
		assertThat(infrastructure.deployRole().trustPolicy().toJson()).contains("arn:aws:iam::123456789012:root");
		assertThat(TenancyInfrastructure
			.of(POLICIES, options().deployPrincipalArn("arn:aws:iam::123456789012:role/ci").build())
			.deployRole()
			.trustPolicy()
			.toJson()).contains("arn:aws:iam::123456789012:role/ci").doesNotContain(":root");
		assertThat(infrastructure.tables()).extracting(TableDefinition::tenant).containsExactly(null, ACME,
				InfrastructureFixture.GLOBEX);
	}

	@Test
	void invalidInputsAreRefusedWithClearMessages() {
		assertThatIllegalArgumentException().isThrownBy(() -> InfrastructureOptions.builder("arn:aws:iam::1:role/x"))
			.withMessageContaining("Invalid tenant role ARN");
		assertThatIllegalArgumentException().isThrownBy(() -> options().sourceVpce("vpc-123"))
			.withMessageContaining("Invalid VPC endpoint id 'vpc-123'");
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionAtRest.customerManaged("alias/aws/dynamodb"))
			.withMessageContaining("Invalid KMS key ARN");
		assertThatIllegalArgumentException().isThrownBy(() -> options().deployRoleName("tenant"))
			.withMessageContaining("must not be the tenant role");
		assertThatIllegalArgumentException().isThrownBy(() -> options().deployPrincipalArn("*"))
			.withMessageContaining("Invalid deploy principal ARN");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenancyInfrastructure.of(POLICIES,
					InfrastructureOptions.builder("arn:aws:iam::210987654321:role/tenant").build()))
			.withMessageContaining("not in the tables' account 123456789012");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenancyInfrastructure.of(POLICIES,
					options().attributeType("gsi1pk", ScalarAttributeType.N)
						.build()))
			.withMessageContaining("'gsi1pk' is a partition key");
		TenancyPolicies withoutPrincipal = TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", "us-east-1", InfrastructureFixture.ACCOUNT))
			.keySchema(InfrastructureFixture.SCHEMA)
			.build();
		assertThatIllegalStateException()
			.isThrownBy(() -> TenancyInfrastructure.of(withoutPrincipal, options().build()))
			.withMessageContaining("tenancy.application-principal-arn");
		assertThatIllegalArgumentException().isThrownBy(() -> InfrastructureFormat.of("pulumi"))
			.withMessageContaining("[cloudformation, terraform]");
		assertThat(InfrastructureFormat.of(" Terraform ")).isEqualTo(InfrastructureFormat.TERRAFORM);
	}

	private static List<String> encryption(InfrastructureFormat format, EncryptionAtRest encryption) {
		return export(format, options().encryption(encryption).build()).tables()
			.stream()
			.map(ExportedInfrastructure.Table::encryption)
			.toList();
	}

	private static Object tree(String json) {
		return ExportedInfrastructure.tree(json);
	}

}
