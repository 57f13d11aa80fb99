package dev.tenancy.autoconfigure.infrastructure;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.endpoint.TenancyEndpoint;
import dev.tenancy.autoconfigure.endpoint.TenancyEndpointAutoConfiguration;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.infrastructure.EncryptionAtRest;
import dev.tenancy.infrastructure.InfrastructureFormat;
import dev.tenancy.infrastructure.TenancyInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TenancyInfrastructureAutoConfiguration}: the export is the application's own configuration
 * ({@code tenancy.*} and {@code tenancy.infrastructure.*}), served by the endpoint and written by the export command.
 */
class TenancyInfrastructureAutoConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] PROPERTIES = { "tenancy.region=eu-central-1",
			"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenancy/tenant-data",
			"tenancy.application-principal-arn=arn:aws:iam::123456789012:role/app",
			"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk",
			"tenancy.tables.items.indexes.by-status.partition-key=gsi1pk",
			"tenancy.tables.items.indexes.by-status.sort-key=createdAt", "tenancy.tiers.silo-tenants=acme,globex",
			"tenancy.infrastructure.attribute-types.createdAt=N" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class,
				TenancyInfrastructureAutoConfiguration.class, TenancyEndpointAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withPropertyValues(PROPERTIES)
		.withPropertyValues("management.endpoints.web.exposure.include=tenancy");

	@Test
	void exportsTheApplicationsOwnTablesAndPolicies() {
		this.contextRunner
			.withPropertyValues("tenancy.infrastructure.encryption=customer-managed",
					"tenancy.infrastructure.kms-key-arn=arn:aws:kms:eu-central-1:123456789012:key/abcd-1234",
					"tenancy.infrastructure.source-vpce=vpce-0123456789abcdef0",
					"tenancy.infrastructure.deploy-principal-arn=arn:aws:iam::123456789012:role/ci")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(InfrastructureExportRunner.class);
				TenancyPolicies policies = context.getBean(TenancyPolicies.class);
				TenancyInfrastructure infrastructure = context.getBean(InfrastructureExport.class).infrastructure();
				assertThat(infrastructure.tables()).extracting((table) -> table.name())
					.containsExactly("items", "items-acme", "items-globex");
				assertThat(infrastructure.tables().get(0).attributes()).containsEntry("createdAt",
						ScalarAttributeType.N);
				assertThat(infrastructure.encryption())
					.isEqualTo(EncryptionAtRest.customerManaged("arn:aws:kms:eu-central-1:123456789012:key/abcd-1234"));
				assertThat(infrastructure.sourceVpce()).isEqualTo("vpce-0123456789abcdef0");
				assertThat(infrastructure.tenantRole().inlinePolicies().get(TenancyInfrastructure.CEILING_POLICY)
					.toJson()).isEqualTo(policies.ceilingPolicy().toJson());
				assertThat(infrastructure.deployRole().name()).isEqualTo("tenant-data-deploy");
				assertThat(infrastructure.deployRole().trustPolicy().toJson())
					.contains("arn:aws:iam::123456789012:role/ci");
			});
	}

	@Test
	void theMappedEntitiesGiveTheTypesOfNonStringKeysAndThePropertiesWin() {
		ApplicationContextRunner withEntities = this.contextRunner.withBean(TenancyMappingContext.class,
				() -> new TenancyMappingContext() {

					@Override
					public Map<String, ScalarAttributeType> keyAttributeTypes() {
						return Map.of("createdAt", ScalarAttributeType.N);
					}

				});
		ApplicationContextRunner withoutTheProperty = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class,
					TenancyInfrastructureAutoConfiguration.class))
			.withUserConfiguration(StubAwsConfiguration.class)
			.withPropertyValues(
					Arrays.stream(PROPERTIES).filter((p) -> !p.contains("attribute-types")).toArray(String[]::new))
			.withBean(TenancyMappingContext.class, () -> new TenancyMappingContext() {

				@Override
				public Map<String, ScalarAttributeType> keyAttributeTypes() {
					return Map.of("createdAt", ScalarAttributeType.B);
				}

			});
		withoutTheProperty.run((context) -> assertThat(
				context.getBean(InfrastructureExport.class).infrastructure().tables().get(0).attributes())
			.containsEntry("createdAt", ScalarAttributeType.B));
		withEntities.withPropertyValues("tenancy.infrastructure.attribute-types.createdAt=S")
			.run((context) -> assertThat(
					context.getBean(InfrastructureExport.class).infrastructure().tables().get(0).attributes())
				.containsEntry("createdAt", ScalarAttributeType.S));
	}

	@Test
	void theEndpointServesBothFormats() {
		this.contextRunner.run((context) -> {
			TenancyEndpoint endpoint = context.getBean(TenancyEndpoint.class);
			Map<String, Object> template = endpoint.document(TenancyEndpoint.INFRASTRUCTURE, "cloudformation");
			assertThat(template).containsKeys("AWSTemplateFormatVersion", "Resources", "Outputs");
			JsonNode served = JSON.valueToTree(template);
			assertThat(served).isEqualTo(JSON.readTree(
					context.getBean(InfrastructureExport.class).render(InfrastructureFormat.CLOUDFORMATION)));
			Map<String, Object> terraform = endpoint.document(TenancyEndpoint.INFRASTRUCTURE, "terraform");
			assertThat(terraform).containsKeys("terraform", "provider", "resource", "output");
		});
	}

	@Test
	void misconfigurationsFailTheExportNotTheApplication() {
		this.contextRunner
			.withPropertyValues("tenancy.infrastructure.kms-key-arn=arn:aws:kms:eu-central-1:123456789012:key/k")
			.run((context) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(InfrastructureExport.class).infrastructure())
				.withMessageContaining("set it to 'customer-managed'"));
		this.contextRunner.withPropertyValues("tenancy.isolation-mode=application")
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(InfrastructureExport.class).infrastructure())
				.withMessageContaining("isolation mode 'iam'"));
		this.contextRunner.withPropertyValues("tenancy.infrastructure.source-vpce=vpc-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(InfrastructureExport.class)
				.satisfies((export) -> assertThatIllegalArgumentException().isThrownBy(export::infrastructure)
					.withMessageContaining("Invalid VPC endpoint id 'vpc-1'")));
	}

	@Test
	void theExportCommandWritesTheDocumentAndStopsTheApplication(@TempDir Path directory) {
		Path file = directory.resolve("infra/tenancy.tf.json");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ExportApplication.class)
			.web(WebApplicationType.NONE)
			.properties(PROPERTIES)
			.properties("spring.main.banner-mode=off", "tenancy.dev-services.enabled=false")
			.run("--tenancy.infrastructure.export=terraform", "--tenancy.infrastructure.export-file=" + file);
		assertThat(context.isActive()).as("stopped after the export").isFalse();
		JsonNode exported = JSON.readTree(file.toFile());
		assertThat(exported.get("resource").get("aws_dynamodb_table").propertyNames()).containsExactly("items",
				"items_acme", "items_globex");
		assertThat(exported.get("resource").get("aws_iam_role").get("tenant").get("name").stringValue())
			.isEqualTo("tenant-data");
	}

	@Test
	void theExportCommandRefusesAnUnknownFormat() {
		this.contextRunner.withPropertyValues("tenancy.infrastructure.export=pulumi")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Unknown infrastructure format 'pulumi'"));
	}

	@Test
	void theDefaultFileIsNamedAfterTheFormat() {
		this.contextRunner.withPropertyValues("tenancy.infrastructure.export=cloudformation").run((context) -> {
			InfrastructureExportRunner runner = context.getBean(InfrastructureExportRunner.class);
			assertThat(runner).hasFieldOrPropertyWithValue("file", Path.of("tenancy.template.json"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TenancyAutoConfiguration.class, TenancyInfrastructureAutoConfiguration.class })
	@Import(StubAwsConfiguration.class)
	static class ExportApplication {

	}

}
