package dev.tenancy.test.boot;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tenancy.test.TenancyTestKit;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the dev services start, and what they tell the starter.
 */
class TenancyDevServicesTests {

	@Test
	void startWithTheStarterAndNoEndpoints() {
		assertThat(TenancyDevServices.reasonToStayOff(new MockEnvironment(), true)).isNull();
	}

	@Test
	void stayOffWhenSwitchedOff() {
		MockEnvironment environment = new MockEnvironment().withProperty("tenancy.dev-services.enabled", "false");

		assertThat(TenancyDevServices.reasonToStayOff(environment, true))
			.isEqualTo("tenancy.dev-services.enabled is false");
	}

	@Test
	void neverRedirectAnApplicationThatConfiguresWhereDynamoDbOrStsAre() {
		for (String property : TenancyDevServices.ENDPOINT_PROPERTIES) {
			MockEnvironment environment = new MockEnvironment().withProperty(property, "https://example.invalid");

			assertThat(TenancyDevServices.reasonToStayOff(environment, true))
				.isEqualTo(property + " is configured");
		}
	}

	@Test
	void stayOffWithoutTheStarter() {
		assertThat(TenancyDevServices.reasonToStayOff(new StandardEnvironment(), false))
			.isEqualTo("the tenancy starter is not on the class path");
	}

	@Test
	void theStarterIsNotOnTheKitsOwnClassPath() {
		TenancyDevServices devServices = new TenancyDevServices();
		GenericApplicationContext context = new GenericApplicationContext();

		devServices.initialize(context);

		assertThat(context.getEnvironment().getPropertySources().contains(TenancyDevServices.PROPERTY_SOURCE)).isFalse();
		assertThat(context.getBeanDefinitionNames()).doesNotContain(TenancyDevServices.KIT_BEAN);
	}

	@Test
	void pointTheStarterAtTheKitWithTheApplicationsProductionIdentity() {
		TenancyTestKit kit = TenancyTestKit.shared();

		Map<String, Object> properties = TenancyDevServices.properties(kit);

		assertThat(properties).containsEntry("tenancy.dynamodb.endpoint", kit.dynamoDbEndpoint().toString())
			.containsEntry("tenancy.sts.endpoint", kit.stsEndpoint().toString())
			.containsEntry("tenancy.region", kit.region().id())
			.containsEntry("tenancy.sts.role-arn", TenancyTestKit.TENANT_ROLE_ARN)
			.containsEntry("tenancy.application-principal-arn", TenancyTestKit.BASE_USER_ARN)
			.containsEntry("tenancy.account-id", TenancyTestKit.ACCOUNT_ID);
		assertThat(kit.baseIdentityPolicies()).containsExactly(TenancyTestKit.BASE_IDENTITY_POLICY);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("kit", properties));
		assertThat(TenancyDevServices.reasonToStayOff(environment, true))
			.as("an environment the dev services configured is one they would leave alone")
			.isNotNull();
	}

}
