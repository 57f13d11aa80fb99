package dev.tenancy.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tenancy.sample.project.Project;
import dev.tenancy.sample.project.Task;
import dev.tenancy.test.TenancyTestKit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code globex} is the sample's silo tenant ({@code tenancy.tiers.silo-tenants} in {@code application.yaml}): its
 * items are written to and read from its own table, {@code project-management-globex}, while {@code acme}'s stay in the
 * shared table {@code project-management}. The tables are read here with the kit's admin client, past the library.
 * Fixtures get fresh ids, so the seed data stays as documented.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiloTenantTests {

	static final String POOLED_TABLE = Project.TABLE;

	static final String SILO_TABLE = "project-management-globex";

	@LocalServerPort
	private int port;

	@Autowired
	private TenancyTestKit kit;

	private ApiClient api() {
		return new ApiClient(this.port);
	}

	private DynamoDbClient admin() {
		return this.kit.adminDynamoDbClient();
	}

	@Test
	void theDevServicesCreateTheSiloTableLikeTheSharedTable() {
		TableDescription silo = admin().describeTable((request) -> request.tableName(SILO_TABLE)).table();
		TableDescription pooled = admin().describeTable((request) -> request.tableName(POOLED_TABLE)).table();

		assertThat(silo.keySchema()).isEqualTo(pooled.keySchema());
		assertThat(silo.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
			.containsExactlyInAnyOrder(Task.BY_ASSIGNEE, Task.BY_STATUS);
	}

	@Test
	@DisplayName("the silo tenant's items are written to its own table and never to the shared one")
	void theSiloTenantsItemsAreWrittenToItsOwnTable() {
		String id = freshId();
		assertThat(api().as("hank").post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Silo\"}").status())
			.isEqualTo(201);
		assertThat(api().as("bob").post("/projects/" + id + "/tasks", "{\"title\":\"Silo task\",\"assignee\":\"bob\"}")
			.status()).isEqualTo(201);

		assertThat(item(SILO_TABLE, "TENANT#globex", "PROJECT#" + id)).containsEntry("name",
				AttributeValue.fromS("Silo"));
		assertThat(item(POOLED_TABLE, "TENANT#globex", "PROJECT#" + id)).isEmpty();
		assertThat(sortKeys(SILO_TABLE, "TENANT#globex")).contains("PROJECT#" + id, "PROJECT#doomsday-device",
				"TASK#doomsday-device#t-1")
			.anySatisfy((sortKey) -> assertThat(sortKey).startsWith("TASK#" + id + "#"));
		assertThat(sortKeys(POOLED_TABLE, "TENANT#globex")).isEmpty();
	}

	@Test
	@DisplayName("the silo tenant's items are read from its own table, also through the indexes")
	void theSiloTenantsItemsAreReadFromItsOwnTable() {
		String id = freshId();
		assertThat(api().as("hank").post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Before\"}").status())
			.isEqualTo(201);
		String taskId = api().as("bob")
			.post("/projects/" + id + "/tasks", "{\"title\":\"Before\",\"assignee\":\"bob\"}")
			.json()
			.get("id")
			.asString();

		rename(SILO_TABLE, "TENANT#globex", "PROJECT#" + id, "name", "Changed in the silo table");
		rename(SILO_TABLE, "TENANT#globex", "TASK#" + id + "#" + taskId, "title", "Changed in the silo table");

		assertThat(api().as("bob").get("/projects/" + id).json().get("name").asString())
			.isEqualTo("Changed in the silo table");
		assertThat(api().as("bob").get("/tasks?assignee=bob&size=100").json().get("items"))
			.anySatisfy((task) -> {
				assertThat(task.get("id").asString()).isEqualTo(taskId);
				assertThat(task.get("title").asString()).isEqualTo("Changed in the silo table");
			});
	}

	@Test
	@DisplayName("a pooled tenant's items stay in the shared table")
	void aPooledTenantsItemsStayInTheSharedTable() {
		String id = freshId();
		assertThat(api().as("admin").post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Pooled\"}").status())
			.isEqualTo(201);

		assertThat(item(POOLED_TABLE, "TENANT#acme", "PROJECT#" + id)).containsEntry("name",
				AttributeValue.fromS("Pooled"));
		assertThat(item(SILO_TABLE, "TENANT#acme", "PROJECT#" + id)).isEmpty();
		assertThat(sortKeys(POOLED_TABLE, "TENANT#acme")).contains("PROJECT#" + id, "PROJECT#rocket-skates");
		assertThat(sortKeys(SILO_TABLE, "TENANT#acme")).isEmpty();
	}

	@Test
	@DisplayName("through the API the silo tenant never sees a pooled tenant's items, nor the other way round")
	void neitherTierSeesTheOthersItems() {
		String acmes = freshId();
		String globexs = freshId();
		assertThat(api().as("admin").post("/projects", "{\"id\":\"" + acmes + "\",\"name\":\"Acme's\"}").status())
			.isEqualTo(201);
		assertThat(api().as("hank").post("/projects", "{\"id\":\"" + globexs + "\",\"name\":\"Globex's\"}").status())
			.isEqualTo(201);

		for (String user : List.of("bob", "hank")) {
			assertThat(api().as(user).get("/projects/" + acmes).status()).isEqualTo(404);
			assertThat(api().as(user).get("/projects/rocket-skates/tasks/t-1").status()).isEqualTo(404);
			assertThat(projectIds(user)).contains(globexs, "doomsday-device")
				.doesNotContain(acmes, "rocket-skates", "giant-magnet");
			assertThat(api().as(user).get("/tasks?assignee=alice&size=100").json().get("items")).isEmpty();
		}
		for (String user : List.of("alice", "admin")) {
			assertThat(api().as(user).get("/projects/" + globexs).status()).isEqualTo(404);
			assertThat(api().as(user).get("/projects/doomsday-device/tasks/t-1").status()).isEqualTo(404);
			assertThat(projectIds(user)).contains(acmes, "rocket-skates").doesNotContain(globexs, "doomsday-device");
			assertThat(api().as(user).get("/tasks?assignee=bob&size=100").json().get("items")).isEmpty();
		}
	}

	@Test
	@DisplayName("the silo tenant's session policy allows its own table and indexes only")
	void theSiloTenantsSessionPolicyNamesItsOwnTable() {
		JsonNode silo = api().as("hank").get("/actuator/tenancy/policy/globex").json();
		JsonNode pooled = api().as("admin").get("/actuator/tenancy/policy/acme").json();

		assertThat(strings(silo.get("Statement").get("Resource"))).containsExactly(
				"arn:aws:dynamodb:us-east-1:123456789012:table/project-management-globex",
				"arn:aws:dynamodb:us-east-1:123456789012:table/project-management-globex/index/tasksByAssignee",
				"arn:aws:dynamodb:us-east-1:123456789012:table/project-management-globex/index/tasksByStatus");
		assertThat(strings(pooled.get("Statement").get("Resource"))).containsExactly(
				"arn:aws:dynamodb:us-east-1:123456789012:table/project-management",
				"arn:aws:dynamodb:us-east-1:123456789012:table/project-management/index/tasksByAssignee",
				"arn:aws:dynamodb:us-east-1:123456789012:table/project-management/index/tasksByStatus");
	}

	@Test
	@DisplayName("the infrastructure export declares the shared and the silo table as the dev services create them")
	void theInfrastructureExportDeclaresBothTablesLikeTheDevServices() {
		JsonNode resources = api().as("hank").get("/actuator/tenancy/infrastructure/cloudformation").json()
			.get("Resources");
		for (String table : List.of(POOLED_TABLE, SILO_TABLE)) {
			TableDescription created = admin().describeTable((request) -> request.tableName(table)).table();
			JsonNode declared = null;
			for (JsonNode resource : resources) {
				if (resource.get("Type").asString().equals("AWS::DynamoDB::Table")
						&& resource.get("Properties").get("TableName").asString().equals(table)) {
					declared = resource.get("Properties");
				}
			}
			assertThat(declared).as(table).isNotNull();
			List<String> keys = new ArrayList<>();
			declared.get("KeySchema")
				.forEach((key) -> keys.add(key.get("AttributeName").asString() + " " + key.get("KeyType").asString()));
			assertThat(keys).containsExactlyElementsOf(created.keySchema()
				.stream()
				.map((key) -> key.attributeName() + " " + key.keyTypeAsString())
				.toList());
			List<String> attributes = new ArrayList<>();
			declared.get("AttributeDefinitions")
				.forEach((attribute) -> attributes.add(attribute.get("AttributeName").asString() + " "
						+ attribute.get("AttributeType").asString()));
			assertThat(attributes).containsExactlyInAnyOrderElementsOf(created.attributeDefinitions()
				.stream()
				.map((attribute) -> attribute.attributeName() + " " + attribute.attributeTypeAsString())
				.toList());
			List<String> indexes = new ArrayList<>();
			declared.get("GlobalSecondaryIndexes")
				.forEach((index) -> indexes.add(index.get("IndexName").asString() + " "
						+ index.get("KeySchema").get(0).get("AttributeName").asString() + " "
						+ index.get("KeySchema").get(1).get("AttributeName").asString() + " "
						+ index.get("Projection").get("ProjectionType").asString()));
			assertThat(indexes).containsExactlyInAnyOrderElementsOf(created.globalSecondaryIndexes()
				.stream()
				.map((index) -> index.indexName() + " " + index.keySchema().get(0).attributeName() + " "
						+ index.keySchema().get(1).attributeName() + " " + index.projection().projectionTypeAsString())
				.toList());
		}
		assertThat(api().as("alice").get("/actuator/tenancy/infrastructure/terraform").status()).isEqualTo(403);
	}

	private Map<String, AttributeValue> item(String table, String partitionKey, String sortKey) {
		return admin().getItem((request) -> request.tableName(table)
			.key(Map.of("pk", AttributeValue.fromS(partitionKey), "sk", AttributeValue.fromS(sortKey)))
			.consistentRead(true)).item();
	}

	private List<String> sortKeys(String table, String partitionKey) {
		List<String> keys = new ArrayList<>();
		admin().queryPaginator((request) -> request.tableName(table)
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionKey)))
			.consistentRead(true))
			.items()
			.forEach((item) -> keys.add(item.get("sk").s()));
		return keys;
	}

	private void rename(String table, String partitionKey, String sortKey, String attribute, String value) {
		admin().updateItem((request) -> request.tableName(table)
			.key(Map.of("pk", AttributeValue.fromS(partitionKey), "sk", AttributeValue.fromS(sortKey)))
			.updateExpression("SET #a = :v")
			.conditionExpression("attribute_exists(pk)")
			.expressionAttributeNames(Map.of("#a", attribute))
			.expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
	}

	private List<String> projectIds(String user) {
		List<String> ids = new ArrayList<>();
		String page = "/projects?size=100";
		while (page != null) {
			JsonNode body = api().as(user).get(page).json();
			body.get("items").forEach((project) -> ids.add(project.get("id").asString()));
			page = body.has("next") ? "/projects?size=100&cursor=" + body.get("next").asString() : null;
		}
		return ids;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static String freshId() {
		return "s-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
