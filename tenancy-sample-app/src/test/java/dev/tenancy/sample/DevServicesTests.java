package dev.tenancy.sample;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tenancy.sample.project.Project;
import dev.tenancy.sample.project.Task;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.boot.TenancyDevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample runs on the test kit's dev services with no kit code of its own: they model the application's
 * production identity and create the sample's single table from its two entity types.
 */
class DevServicesTests {

	@Test
	@DisplayName("TH-18 in isolation mode iam the application's identity may only assume the tenant role")
	void th18IamModeGivesTheBaseIdentityTheProductionPolicy() {
		try (ConfigurableApplicationContext context = run()) {
			TenancyTestKit kit = context.getBean(TenancyDevServices.KIT_BEAN, TenancyTestKit.class);

			assertThat(kit.baseIdentityPolicies()).containsExactly(TenancyTestKit.BASE_IDENTITY_POLICY);
		}
	}

	@Test
	@DisplayName("TH-18 in isolation mode application the application's identity gets the data-plane grants")
	void th18ApplicationModeGivesTheBaseIdentityDataPlaneGrants() {
		try (ConfigurableApplicationContext context = run("--tenancy.isolation-mode=application")) {
			TenancyTestKit kit = context.getBean(TenancyDevServices.KIT_BEAN, TenancyTestKit.class);

			assertThat(kit.baseIdentityPolicies())
				.containsExactly(TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY);
		}
	}

	@Test
	void theTableOfBothEntityTypesIsCreatedWithTheirIndexes() {
		try (ConfigurableApplicationContext context = run()) {
			TenancyTestKit kit = context.getBean(TenancyDevServices.KIT_BEAN, TenancyTestKit.class);

			TableDescription table = kit.adminDynamoDbClient()
				.describeTable((request) -> request.tableName(Project.TABLE))
				.table();

			assertThat(table.keySchema()).extracting((key) -> key.attributeName()).containsExactly("pk", "sk");
			assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
				.containsExactlyInAnyOrder(Task.BY_ASSIGNEE, Task.BY_STATUS);
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		arguments.add("--sample.seed.enabled=false");
		arguments.add("--server.port=0");
		return new SpringApplicationBuilder(SampleApplication.class).run(arguments.toArray(String[]::new));
	}

}
