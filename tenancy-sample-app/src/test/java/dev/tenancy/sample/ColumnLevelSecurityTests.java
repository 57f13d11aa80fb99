package dev.tenancy.sample;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.sample.project.Project;
import dev.tenancy.sample.project.ProjectRepository;
import dev.tenancy.sample.project.ProjectService;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.IssuedSession;

import static dev.tenancy.sample.SignedInUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Column-level rules are enforced by the policy, not only by the JSON view (TH-12): a regular user's STS
 * session carries the {@code dynamodb:Attributes} restriction, so IAM (the test kit's gateway) refuses every request of
 * that session that could read or overwrite {@code budget}, the guard refuses it before it is sent, and the
 * application's own requests for regular users never ask for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ColumnLevelSecurityTests {

	private static final String TABLE = Project.TABLE;

	private static final AccessVariant RESTRICTED = AccessVariant.of("restricted");

	private static final Map<String, AttributeValue> ROCKET_SKATES = Map.of("pk", AttributeValue.fromS("TENANT#acme"),
			"sk", AttributeValue.fromS("PROJECT#rocket-skates"));

	@LocalServerPort
	private int port;

	@Autowired
	private TenancyTestKit kit;

	@Autowired
	private ColumnRestrictions policies;

	@Autowired
	@Qualifier("tenantScopedDynamoDbClient")
	private DynamoDbClient tenantScopedClient;

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private ProjectService projectService;

	@Test
	@DisplayName("TH-12 a regular user's session policy allow-lists attributes and drops whole-item writes")
	void regularUsersSessionPolicyRestrictsColumnsTH12() {
		IssuedSession session = session("alice", RESTRICTED);
		assertThat(session.sessionPolicy()).contains("\"dynamodb:Attributes\"")
			.contains("\"dynamodb:Select\":\"SPECIFIC_ATTRIBUTES\"")
			.contains("\"name\"")
			.doesNotContain("budget")
			.doesNotContain("internalNotes")
			.doesNotContain("dynamodb:PutItem")
			.doesNotContain("dynamodb:BatchWriteItem");
		assertThat(session.tags()).containsEntry("tenant", "acme");
		assertThat(session("admin", AccessVariant.UNRESTRICTED).sessionPolicy()).doesNotContain("dynamodb:Attributes")
			.contains("dynamodb:PutItem");
	}

	@Test
	@DisplayName("TH-12 IAM refuses a regular user's session every read or write of a hidden attribute")
	void iamRefusesHiddenAttributesToARegularUsersSessionTH12() {
		DynamoDbClient alice = this.kit.dynamoDbClient(
				StaticCredentialsProvider.create(session("alice", RESTRICTED).credentials()));
		assertDeniedByIam("dynamodb:GetItem", () -> alice.getItem((r) -> r.tableName(TABLE).key(ROCKET_SKATES)
			.projectionExpression("budget")));
		assertDeniedByIam("dynamodb:GetItem", () -> alice.getItem((r) -> r.tableName(TABLE).key(ROCKET_SKATES)));
		assertDeniedByIam("dynamodb:Query", () -> alice.query((r) -> r.tableName(TABLE)
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme")))));
		assertDeniedByIam("dynamodb:PutItem", () -> alice.putItem((r) -> r.tableName(TABLE)
			.item(Map.of("pk", ROCKET_SKATES.get("pk"), "sk", ROCKET_SKATES.get("sk"), "name",
					AttributeValue.fromS("Cheap skates")))));
		assertDeniedByIam("dynamodb:UpdateItem", () -> alice.updateItem((r) -> r.tableName(TABLE)
			.key(ROCKET_SKATES)
			.updateExpression("SET budget = :b")
			.expressionAttributeValues(Map.of(":b", AttributeValue.fromN("1")))));
		assertDeniedByIam("dynamodb:UpdateItem", () -> alice.updateItem((r) -> r.tableName(TABLE)
			.key(ROCKET_SKATES)
			.updateExpression("SET #n = #n")
			.expressionAttributeNames(Map.of("#n", "name"))
			.returnValues(ReturnValue.ALL_NEW)));
		Map<String, AttributeValue> visible = alice.getItem((r) -> r.tableName(TABLE).key(ROCKET_SKATES)
			.projectionExpression("#n, #s")
			.expressionAttributeNames(Map.of("#n", "name", "#s", "status"))).item();
		assertThat(visible).containsOnlyKeys("name", "status");
		assertThat(stored().get("budget")).isEqualTo(AttributeValue.fromN("250000"));
	}

	@Test
	@DisplayName("TH-12 an administrator's session reads the hidden attributes")
	void anAdministratorsSessionReadsHiddenAttributesTH12() {
		DynamoDbClient admin = this.kit
			.dynamoDbClient(
					StaticCredentialsProvider.create(session("admin", AccessVariant.UNRESTRICTED).credentials()));
		assertThat(admin.getItem((r) -> r.tableName(TABLE).key(ROCKET_SKATES)).item()).containsKeys("budget",
				"internalNotes");
	}

	@Test
	@DisplayName("TH-12 the guard refuses a regular user's request for a hidden attribute before it is sent")
	void theGuardRefusesHiddenAttributesBeforeSendingTH12() throws Exception {
		long forwarded = this.kit.gateway().forwardedCount();
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> as("alice", "acme", false,
					() -> TenantContext.callAs(TenantId.of("acme"), () -> this.tenantScopedClient
						.getItem((r) -> r.tableName(TABLE).key(ROCKET_SKATES).projectionExpression("budget")))))
			.satisfies((ex) -> {
				assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.GUARD);
				assertThat(ex.getTenant()).isEqualTo("acme");
				assertThat(ex.getAction()).isEqualTo("dynamodb:GetItem");
			});
		assertThat(this.kit.gateway().forwardedCount()).isEqualTo(forwarded);
		Map<String, AttributeValue> item = as("admin", "acme", true, () -> TenantContext.callAs(TenantId.of("acme"),
				() -> this.tenantScopedClient.getItem((r) -> r.tableName(TABLE).key(ROCKET_SKATES)
					.projectionExpression("budget"))
					.item()));
		assertThat(item).containsOnlyKeys("budget");
	}

	@Test
	@DisplayName("TH-12 a regular user's save through the repository keeps the hidden attributes it cannot see")
	void aRegularUsersSaveKeepsHiddenAttributesTH12() throws Exception {
		String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
		as("admin", "acme", true, () -> {
			Project project = new Project();
			project.setId(id);
			project.setName("Secret plan");
			project.setStatus(dev.tenancy.sample.project.ProjectStatus.ACTIVE);
			project.setBudget(new BigDecimal("42"));
			project.setInternalNotes("Top secret.");
			return this.projects.insert(project);
		});
		Project seen = as("alice", "acme", false, () -> this.projectService.get(id));
		assertThat(seen.getName()).isEqualTo("Secret plan");
		assertThat(seen.getBudget()).isNull();
		assertThat(seen.getInternalNotes()).isNull();
		seen.setName("Not so secret plan");
		Project saved = as("alice", "acme", false, () -> this.projects.save(seen));
		assertThat(saved.getVersion()).isEqualTo(2L);
		Project stored = as("admin", "acme", true, () -> this.projectService.get(id));
		assertThat(stored.getName()).isEqualTo("Not so secret plan");
		assertThat(stored.getBudget()).isEqualByComparingTo("42");
		assertThat(stored.getInternalNotes()).isEqualTo("Top secret.");
		as("admin", "acme", true, () -> {
			this.projectService.delete(id);
			return null;
		});
	}

	private IssuedSession session(String user, AccessVariant access) {
		assertThat(new ApiClient(this.port).as(user).get("/projects/rocket-skates").status()).isEqualTo(200);
		String policy = this.policies.policies(access).sessionPolicyJson(TenantId.of("acme"));
		return this.kit.sts()
			.sessions(access.roleSessionName(TenantId.of("acme")))
			.stream()
			.filter((session) -> policy.equals(session.sessionPolicy()))
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private Map<String, AttributeValue> stored() {
		return this.kit.dynamoDbLocalClient()
			.getItem((r) -> r.tableName(TABLE).key(ROCKET_SKATES).consistentRead(true))
			.item();
	}

	private static void assertDeniedByIam(String action, Runnable attack) {
		assertThatExceptionOfType(DynamoDbException.class).isThrownBy(attack::run).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
			assertThat(ex.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:sts::123456789012:assumed-role/"
					+ "tenancy-tenant/restricted-acme is not authorized to perform: " + action + " on resource: "
					+ "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE + " ");
		});
	}

}
