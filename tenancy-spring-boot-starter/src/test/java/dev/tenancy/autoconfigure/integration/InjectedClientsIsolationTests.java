package dev.tenancy.autoconfigure.integration;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TH-17 (#11 finding 1): in an application with the starter, the {@link DynamoDbClient} and
 * {@link DynamoDbEnhancedClient} that plain {@code @Autowired} injects are the tenant-scoped clients, in isolation
 * mode {@code iam} and {@code application}. Inside tenant {@code globex}, reading, writing or querying tenant
 * {@code acme}'s partition and scanning the table are refused by the guard; acme's item is neither returned nor
 * changed, as DynamoDB Local itself shows.
 * <p>
 * In isolation mode {@code iam} the application runs as the kit's base identity, which may only assume the tenant
 * role. Isolation mode {@code application} signs DynamoDB requests with the application's own credentials, so there the
 * application runs as a separate identity of the kit with the data-plane grants of that mode
 * ({@link TenancyTestKit#APPLICATION_MODE_BASE_IDENTITY_POLICY}).
 */
@TenancyTest
@SuppressWarnings("try") // tenant scopes are opened for their effect on the thread
class InjectedClientsIsolationTests {

	private static TenancyTestKit kit;

	private static String table;

	private static AwsCredentialsProvider applicationModeCredentials;

	private static AwsCredentialsProvider baseCredentials;

	private ConfigurableApplicationContext context;

	@BeforeAll
	static void createTable(TenancyTestKit testKit) {
		kit = testKit;
		applicationModeCredentials = StaticCredentialsProvider.create(kit.sts()
			.registerBaseIdentity("arn:aws:iam::" + TenancyTestKit.ACCOUNT_ID + ":user/tenancy-app-application-mode",
					TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY)
			.credentials());
		table = "injected-" + UUID.randomUUID().toString().substring(0, 8) + "-projects";
		kit.createTable(table, TableSchema.fromBean(Project.class));
		kit.dynamoDbLocalClient()
			.putItem((request) -> request.tableName(table)
				.item(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#1"),
						"name", AttributeValue.fromS("Rocket skates"))));
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest(name = "isolation mode {0}")
	@ValueSource(strings = { "iam", "application" })
	@DisplayName("TH-17 (#11 finding 1) an injected DynamoDbClient cannot read, write, query or scan another tenant")
	void th17InjectedDynamoDbClientIsTenantScoped(String mode) {
		DynamoDbClient raw = start(mode).client;
		try (TenantScope scope = TenantContext.open(TenantId.of("globex"))) {
			assertDenied(() -> raw.getItem((request) -> request.tableName(table).key(acmeKey())), "GetItem");
			assertDenied(() -> raw.putItem((request) -> request.tableName(table)
				.item(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#1"),
						"name", AttributeValue.fromS("Doomsday device")))),
					"PutItem");
			assertDenied(() -> raw.query((request) -> request.tableName(table)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme")))), "Query");
			assertDenied(() -> raw.scan((request) -> request.tableName(table)), "Scan");
			GetItemResponse own = raw.getItem((request) -> request.tableName(table)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#globex"), "sk", AttributeValue.fromS("PROJECT#1"))));
			assertThat(own.hasItem()).as("globex's own partition stays reachable").isFalse();
		}
		assertAcmeUntouched();
	}

	@ParameterizedTest(name = "isolation mode {0}")
	@ValueSource(strings = { "iam", "application" })
	@DisplayName("TH-17 (#11 finding 1) an injected DynamoDbEnhancedClient cannot read, write or scan another tenant")
	void th17InjectedEnhancedClientIsTenantScoped(String mode) {
		DynamoDbTable<Project> projects = start(mode).enhancedClient.table(table, TableSchema.fromBean(Project.class));
		Key acme = Key.builder().partitionValue("TENANT#acme").sortValue("PROJECT#1").build();
		try (TenantScope scope = TenantContext.open(TenantId.of("globex"))) {
			assertDenied(() -> projects.getItem(acme), "GetItem");
			assertDenied(() -> projects.putItem(new Project("TENANT#acme", "PROJECT#1", "Doomsday device")),
					"PutItem");
			assertDenied(() -> projects.scan().items().stream().toList(), "Scan");
		}
		assertAcmeUntouched();
	}

	@ParameterizedTest(name = "isolation mode {0}")
	@ValueSource(strings = { "iam", "application" })
	@DisplayName("TH-17 (#11 finding 1) the injected DynamoDbClient fails closed without a tenant")
	void th17InjectedClientFailsClosedWithoutTenant(String mode) {
		DynamoDbClient raw = start(mode).client;
		long forwarded = kit.gateway().forwardedCount();
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> raw.getItem((request) -> request.tableName(table).key(acmeKey())));
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> raw.scan((request) -> request.tableName(table)));
		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwarded);
		assertAcmeUntouched();
	}

	private InjectingService start(String mode) {
		baseCredentials = "iam".equals(mode) ? kit.baseCredentialsProvider() : applicationModeCredentials;
		SpringApplicationBuilder builder = new SpringApplicationBuilder(InjectingApplication.class)
			.web(WebApplicationType.NONE)
			.properties("tenancy.region=" + kit.region().id(), "tenancy.isolation-mode=" + mode,
					"tenancy.account-id=" + TenancyTestKit.ACCOUNT_ID,
					"tenancy.dynamodb.endpoint=" + kit.dynamoDbEndpoint(),
					"tenancy.tables." + table + ".partition-key=pk", "tenancy.tables." + table + ".sort-key=sk",
					"tenancy.repositories.enabled=false", "spring.main.banner-mode=off");
		if ("iam".equals(mode)) {
			builder.properties("tenancy.sts.role-arn=" + TenancyTestKit.TENANT_ROLE_ARN,
					"tenancy.sts.endpoint=" + kit.stsEndpoint());
		}
		this.context = builder.run();
		return this.context.getBean(InjectingService.class);
	}

	private static Map<String, AttributeValue> acmeKey() {
		return Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#1"));
	}

	private static void assertDenied(Runnable call, String action) {
		long forwarded = kit.gateway().forwardedCount();
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.getTenant()).isEqualTo("globex");
			assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.GUARD);
			assertThat(ex.getAction()).isEqualTo("dynamodb:" + action);
		});
		assertThat(kit.gateway().forwardedCount()).as("nothing reached DynamoDB").isEqualTo(forwarded);
	}

	private static void assertAcmeUntouched() {
		Map<String, AttributeValue> stored = kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(table).key(acmeKey()).consistentRead(true))
			.item();
		assertThat(stored).containsEntry("name", AttributeValue.fromS("Rocket skates"));
		assertThat(kit.dynamoDbLocalClient().scan((request) -> request.tableName(table)).count())
			.as("nothing was written").isEqualTo(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class InjectingApplication {

		@Bean
		AwsCredentialsProvider baseCredentials() {
			return baseCredentials;
		}

		@Bean
		InjectingService injectingService() {
			return new InjectingService();
		}

	}

	/**
	 * Application code that injects the clients without a qualifier.
	 */
	static class InjectingService {

		@Autowired
		DynamoDbClient client;

		@Autowired
		DynamoDbEnhancedClient enhancedClient;

	}

}
