package dev.tenancy.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export command of the README ("Infrastructure as code"), run as documented: the sample with the {@code aws}
 * profile and its environment, no web server, {@code tenancy.infrastructure.export}. It writes the pooled table and
 * globex's silo table with the roles, and stops without contacting AWS.
 */
class InfrastructureExportCommandTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void writesTheSamplesInfrastructureAndStops(@TempDir Path directory) {
		Path file = directory.resolve("tenancy.template.json");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("aws")
			.properties("AWS_REGION=eu-central-1", "TENANCY_ROLE_ARN=arn:aws:iam::111122223333:role/tenancy-tenant",
					"TENANCY_APPLICATION_PRINCIPAL_ARN=arn:aws:iam::111122223333:role/tenancy-sample",
					"JWT_ISSUER_URI=https://issuer.invalid/pool", "spring.main.banner-mode=off")
			.run("--spring.main.web-application-type=none", "--tenancy.infrastructure.export=cloudformation",
					"--tenancy.infrastructure.encryption=aws-managed", "--tenancy.infrastructure.export-file=" + file);
		assertThat(context.isActive()).isFalse();
		JsonNode resources = JSON.readTree(file.toFile()).get("Resources");
		assertThat(resources.get("TableProjectManagement").get("Properties").get("TableName").stringValue())
			.isEqualTo("project-management");
		JsonNode globex = resources.get("TableProjectManagementGlobex").get("Properties");
		assertThat(globex.get("TableName").stringValue()).isEqualTo("project-management-globex");
		assertThat(globex.get("GlobalSecondaryIndexes")).hasSize(2);
		assertThat(globex.get("SSESpecification").get("SSEType").stringValue()).isEqualTo("KMS");
		assertThat(resources.get("TenantRole").get("Properties").get("RoleName").stringValue())
			.isEqualTo("tenancy-tenant");
		assertThat(resources.get("ApplicationPolicy").get("Properties").get("Roles").get(0).stringValue())
			.isEqualTo("tenancy-sample");
	}

}
