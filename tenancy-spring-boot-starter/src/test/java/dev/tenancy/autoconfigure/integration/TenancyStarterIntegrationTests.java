package dev.tenancy.autoconfigure.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.endpoint.TenancyEndpoint;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantAwarePrincipal;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Boots a minimal Spring Boot application with the starter against the test kit, configured by properties only (plus
 * the kit's base credentials; the tables come from the repository's entity), and performs tenant-scoped calls end to
 * end: the tenant of the authenticated principal, the repository, token vending through the local STS, the guard, and
 * the IAM-enforcing gateway in front of DynamoDB Local.
 */
@TenancyTest
class TenancyStarterIntegrationTests {

	private static final String TABLE = "projects";

	private static TenancyTestKit kit;

	private static String prefix;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication(TenancyTestKit testKit) {
		kit = testKit;
		prefix = "starter-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		kit.createTable(prefix + TABLE, TableSchema.fromBean(Project.class));
		context = new SpringApplicationBuilder(MinimalApplication.class).web(WebApplicationType.NONE)
			.properties("tenancy.region=" + kit.region().id(),
					"tenancy.sts.role-arn=" + TenancyTestKit.TENANT_ROLE_ARN,
					"tenancy.sts.endpoint=" + kit.stsEndpoint(), "tenancy.dynamodb.endpoint=" + kit.dynamoDbEndpoint(),
					"tenancy.table-name-prefix=" + prefix,
					"tenancy.application-principal-arn=" + TenancyTestKit.BASE_USER_ARN,
					"management.endpoints.web.exposure.include=tenancy", "spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stopApplication() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void repositoryCallEndToEndForTheTenantOfTheAuthenticatedPrincipal() {
		ProjectRepository repository = context.getBean(ProjectRepository.class);
		runAuthenticatedAs("umbrella", () -> {
			repository.save(new Project(null, "7", "Antivirus"));
			assertThat(repository.findById("7")).map(Project::getName).contains("Antivirus");
			assertThat(repository.findByIdStartingWith("")).extracting(Project::getId).containsExactly("7");
		});
		Map<String, AttributeValue> stored = kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(prefix + TABLE)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#umbrella"), "sk", AttributeValue.fromS("PROJECT#7"))))
			.item();
		assertThat(stored).containsEntry("name", AttributeValue.fromS("Antivirus"));
		assertThat(kit.sts().sessions("tenant-umbrella")).isNotEmpty()
			.allSatisfy((session) -> assertThat(session.tags()).containsEntry("tenant", "umbrella"));
		runAuthenticatedAs("acme", () -> assertThat(repository.findById("7")).isEmpty());
	}

	@Test
	@DisplayName("TH-7 a repository call without an authenticated tenant fails before any request")
	void repositoryCallWithoutTenantFailsClosedTH7() {
		ProjectRepository repository = context.getBean(ProjectRepository.class);
		long stsBefore = kit.sts().requestCount();
		long forwardedBefore = kit.gateway().forwardedCount();
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> repository.findById("7"));
		assertThat(kit.sts().requestCount()).isEqualTo(stsBefore);
		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwardedBefore);
	}

	@Test
	void eachTenantReadsAndWritesItsOwnPartitionWithItsOwnStsSession() {
		DynamoDbTable<Project> projects = projects();
		TenantContext.runAs(TenantId.of("acme"),
				() -> projects.putItem(new Project("TENANT#acme", "PROJECT#1", "Rocket skates")));
		TenantContext.runAs(TenantId.of("globex"),
				() -> projects.putItem(new Project("TENANT#globex", "PROJECT#1", "Doomsday device")));
		Project read = TenantContext.callAs(TenantId.of("acme"),
				() -> projects.getItem(Key.builder().partitionValue("TENANT#acme").sortValue("PROJECT#1").build()));
		assertThat(read.getName()).isEqualTo("Rocket skates");
		assertThat(kit.sts().sessions("tenant-acme")).isNotEmpty().allSatisfy((session) -> {
			assertThat(session.tags()).containsEntry("tenant", "acme");
			assertThat(session.sessionPolicy()).contains("\"TENANT#acme\",\"TENANT#acme#*\"")
				.contains(":table/" + prefix + TABLE + "\"");
		});
		assertThat(context.getBean(StsTenantCredentialsProvider.class).cachedTenants()).isGreaterThanOrEqualTo(2);
	}

	@Test
	@DisplayName("TH-1 another tenant's key is refused by the guard and never reaches the gateway")
	void anotherTenantsKeyIsRefusedBeforeTheGatewayTH1() {
		DynamoDbTable<Project> projects = projects();
		long forwardedBefore = kit.gateway().forwardedCount();
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> TenantContext.runAs(TenantId.of("acme"), () -> projects
				.getItem(Key.builder().partitionValue("TENANT#globex").sortValue("PROJECT#1").build())))
			.satisfies((ex) -> assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.GUARD));
		assertThat(kit.gateway().forwardedCount()).isEqualTo(forwardedBefore);
	}

	@Test
	void theEndpointServesThePolicyTheLocalStsReceived() {
		TenantContext.runAs(TenantId.of("initech"), () -> projects()
			.getItem(Key.builder().partitionValue("TENANT#initech").sortValue("PROJECT#1").build()));
		TenancyEndpoint endpoint = context.getBean(TenancyEndpoint.class);
		assertThat(kit.sts().sessions("tenant-initech")).isNotEmpty()
			.allSatisfy((session) -> assertThat(session.sessionPolicy())
				.isEqualTo(context.getBean(TenancyPolicies.class)
					.sessionPolicyJson(TenantId.of("initech"))));
		assertThat(endpoint.document(TenancyEndpoint.POLICY, "initech")).containsKey("Statement");
		assertThat(endpoint.tenancy().trustPolicy()).isNotNull();
	}

	@Test
	void applicationCodeGetsTheTenantScopedClientByQualifier() {
		assertThat(context.getBean(ProjectService.class).client()).isSameAs(
				context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT));
	}

	private static void runAuthenticatedAs(String tenant, Runnable action) {
		TenantAwarePrincipal principal = () -> tenant;
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
		try {
			action.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static DynamoDbTable<Project> projects() {
		DynamoDbEnhancedClient enhanced = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT,
				DynamoDbEnhancedClient.class);
		return enhanced.table(prefix + TABLE, TableSchema.fromBean(Project.class));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class MinimalApplication {

		@Bean
		AwsCredentialsProvider baseCredentials() {
			return kit.baseCredentialsProvider();
		}

		@Bean
		ProjectService projectService(
				@Qualifier(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT) DynamoDbEnhancedClient client) {
			return new ProjectService(client);
		}

	}

	record ProjectService(DynamoDbEnhancedClient client) {
	}

}
