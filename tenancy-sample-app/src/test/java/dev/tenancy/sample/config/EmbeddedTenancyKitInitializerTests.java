package dev.tenancy.sample.config;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.tenancy.test.TenancyTestKit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbeddedTenancyKitInitializer}: the embedded kit models the application's production identity.
 */
class EmbeddedTenancyKitInitializerTests {

	@Test
	@DisplayName("TH-18 in isolation mode iam the application's identity may only assume the tenant role")
	void th18IamModeGivesTheBaseIdentityTheProductionPolicy() {
		try (GenericApplicationContext context = initialized(Map.of())) {
			TenancyTestKit kit = context.getBean(EmbeddedTenancyKitInitializer.KIT_BEAN, TenancyTestKit.class);

			assertThat(kit.baseIdentityPolicies()).containsExactly(TenancyTestKit.BASE_IDENTITY_POLICY);
			assertThat(kit.adminDynamoDbClient().listTables().tableNames()).isNotEmpty();
		}
	}

	@Test
	@DisplayName("TH-18 in isolation mode application the application's identity gets the data-plane grants")
	void th18ApplicationModeGivesTheBaseIdentityDataPlaneGrants() {
		try (GenericApplicationContext context = initialized(Map.of("tenancy.isolation-mode", "application"))) {
			TenancyTestKit kit = context.getBean(EmbeddedTenancyKitInitializer.KIT_BEAN, TenancyTestKit.class);

			assertThat(kit.baseIdentityPolicies())
				.containsExactly(TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY);
		}
	}

	private static GenericApplicationContext initialized(Map<String, Object> properties) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		new EmbeddedTenancyKitInitializer().initialize(context);
		context.refresh();
		return context;
	}

}
