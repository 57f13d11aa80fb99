package dev.tenancy.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.TenantFences;
import dev.tenancy.dynamodb.TenantUnavailableException;
import dev.tenancy.lifecycle.TenantLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lifecycle operations of the starter: off by default, a {@link TenantLifecycle} bean when enabled or asked for
 * by a command, the application's tenant-scoped client fenced, and a table dropper only with the admin client.
 */
class TenancyLifecycleAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class,
				TenancyLifecycleAutoConfiguration.class))
		.withUserConfiguration(StubAwsConfiguration.class)
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data",
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk",
				"tenancy.tiers.silo-tenants=vault");

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(TenantLifecycle.class);
			assertThat(context).doesNotHaveBean(TenantLifecycleCommand.class);
			assertThat(context).hasSingleBean(TenantFences.class);
		});
	}

	@Test
	void enabledRegistersTheLifecycleWithoutACommand() {
		this.contextRunner.withPropertyValues("tenancy.lifecycle.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(TenantLifecycle.class);
			assertThat(context).doesNotHaveBean(TenantLifecycleCommand.class);
			assertThat(context.getBeansOfType(DynamoDbClient.class)).as("the lifecycle client is no bean")
				.containsOnlyKeys(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT);
		});
	}

	@Test
	void aCommandRegistersTheLifecycleAndTheCommand() {
		this.contextRunner.withPropertyValues("tenancy.lifecycle.purge=acme").run((context) -> {
			assertThat(context).hasSingleBean(TenantLifecycle.class);
			assertThat(context).hasSingleBean(TenantLifecycleCommand.class);
		});
	}

	@Test
	void notInIsolationModeApplication() {
		this.contextRunner
			.withPropertyValues("tenancy.lifecycle.enabled=true", "tenancy.isolation-mode=application",
					"tenancy.account-id=123456789012")
			.run((context) -> assertThat(context).doesNotHaveBean(TenantLifecycle.class));
	}

	@Test
	void droppingSiloTablesNeedsTheAdminClient() {
		this.contextRunner
			.withPropertyValues("tenancy.lifecycle.enabled=true", "tenancy.lifecycle.drop-silo-tables=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTenancyConfigurationException.class)
				.hasMessageContaining("tenancy.lifecycle.drop-silo-tables"));
		this.contextRunner
			.withPropertyValues("tenancy.lifecycle.enabled=true", "tenancy.lifecycle.drop-silo-tables=true",
					"tenancy.admin-client.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(TenantLifecycle.class));
	}

	@Test
	void theTenantScopedClientIsFenced() {
		this.contextRunner.run((context) -> {
			TenantFences fences = context.getBean(TenantFences.class);
			DynamoDbClient client = context.getBean(DynamoDbClient.class);
			fences.raise(TenantId.of("acme"), TenantFences.Scope.WRITES, "it is being moved", Duration.ofSeconds(5),
					Duration.ofSeconds(1));
			assertThatExceptionOfType(TenantUnavailableException.class)
				.isThrownBy(() -> TenantContext.runAs(TenantId.of("acme"), () -> client.putItem((request) -> request
					.tableName("items")
					.item(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("1"))))))
				.withMessageContaining("Tenant 'acme' is unavailable for PutItem: it is being moved");
		});
	}

}
