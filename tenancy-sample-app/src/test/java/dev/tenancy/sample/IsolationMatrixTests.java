package dev.tenancy.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The isolation matrix over the REST API: each user of both organizations and both roles against their own and the
 * other organization's projects and tasks, and a test for every client error the API answers. Fixtures created here
 * get fresh ids, so the seed data stays as documented.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IsolationMatrixTests {

	/** The sample's local users. */
	enum User {

		ALICE("alice", Org.ACME, false), ADMIN("admin", Org.ACME, true), BOB("bob", Org.GLOBEX, false),
		HANK("hank", Org.GLOBEX, true);

		final String name;

		final Org org;

		final boolean administrator;

		User(String name, Org org, boolean administrator) {
			this.name = name;
			this.org = org;
			this.administrator = administrator;
		}

		User administratorOfTheOtherOrg() {
			return (this.org == Org.ACME) ? HANK : ADMIN;
		}

		User administratorOfTheOrg() {
			return (this.org == Org.ACME) ? ADMIN : HANK;
		}

	}

	/** The seeded organizations: their projects and a task of each. */
	enum Org {

		ACME("acme", List.of("giant-magnet", "rocket-skates"), "rocket-skates", "t-1", "alice"),
		GLOBEX("globex", List.of("doomsday-device"), "doomsday-device", "t-1", "bob");

		final String id;

		final List<String> projects;

		final String project;

		final String task;

		final String user;

		Org(String id, List<String> projects, String project, String task, String user) {
			this.id = id;
			this.projects = projects;
			this.project = project;
			this.task = task;
			this.user = user;
		}

		Org other() {
			return (this == ACME) ? GLOBEX : ACME;
		}

	}

	@LocalServerPort
	private int port;

	private ApiClient api() {
		return new ApiClient(this.port);
	}

	@ParameterizedTest
	@EnumSource(User.class)
	@DisplayName("TH-1 a user lists the projects of their organization and never another's")
	void listsOnlyTheirOrganizationsProjectsTH1(User user) {
		List<String> ids = allIds(user, "/projects?size=2");
		assertThat(ids).containsAll(user.org.projects).doesNotContainAnyElementsOf(user.org.other().projects);
		assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
	}

	@ParameterizedTest
	@EnumSource(User.class)
	@DisplayName("TH-1 another organization's project, its tasks and its task ids are not found")
	void anotherOrganizationsItemsAreNotFoundTH1(User user) {
		Org other = user.org.other();
		ApiClient.As as = api().as(user.name);
		assertNotFound(as.get("/projects/" + other.project), "Project '" + other.project
				+ "' does not exist in your organization.");
		assertNotFound(as.get("/projects/" + other.project + "/tasks"), "Project '" + other.project
				+ "' does not exist in your organization.");
		assertNotFound(as.get("/projects/" + other.project + "/tasks/" + other.task),
				"Task '" + other.task + "' of project '" + other.project + "' does not exist in your organization.");
		assertThat(as.get("/projects/" + user.org.project + "/tasks/" + user.org.task).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@EnumSource(User.class)
	@DisplayName("TH-3 the task indexes answer only with the organization's own tasks")
	void indexQueriesStayInsideTheOrganizationTH3(User user) {
		ApiClient.As as = api().as(user.name);
		JsonNode open = as.get("/tasks?status=OPEN&size=100").json().get("items");
		assertThat(open).isNotEmpty();
		open.forEach((task) -> assertThat(task.get("projectId").asString()).isNotIn(user.org.other().projects));
		JsonNode own = as.get("/tasks?assignee=" + user.org.user).json().get("items");
		assertThat(own).isNotEmpty();
		own.forEach((task) -> assertThat(task.get("projectId").asString()).isIn(projectIds(user)));
		assertThat(as.get("/tasks?assignee=" + user.org.other().user).json().get("items")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(User.class)
	@DisplayName("TH-12 budget and internal notes reach administrators only")
	void hiddenAttributesReachAdministratorsOnlyTH12(User user) {
		JsonNode project = api().as(user.name).get("/projects/" + user.org.project).json();
		assertThat(project.has("name")).isTrue();
		assertThat(project.has("budget")).isEqualTo(user.administrator);
		assertThat(project.has("internalNotes")).isEqualTo(user.administrator);
		for (JsonNode listed : api().as(user.name).get("/projects?size=100").json().get("items")) {
			assertThat(listed.has("name")).isTrue();
			assertThat(listed.has("budget")).as("the list view is a projection without budget, for everyone").isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(User.class)
	@DisplayName("TH-1 writes to another organization's items never land")
	void writesToAnotherOrganizationNeverLandTH1(User user) {
		Org other = user.org.other();
		User owner = user.administratorOfTheOtherOrg();
		JsonNode before = api().as(owner.name).get("/projects/" + other.project).json();
		JsonNode taskBefore = api().as(owner.name).get("/projects/" + other.project + "/tasks/" + other.task).json();
		ApiClient.As as = api().as(user.name);
		String projectBody = "{\"name\":\"Taken over\",\"status\":\"ACTIVE\",\"version\":" + before.get("version")
				+ "}";
		int expected = user.administrator ? 404 : 403;
		assertThat(as.put("/projects/" + other.project, projectBody).status()).isEqualTo(expected);
		assertThat(as.delete("/projects/" + other.project).status()).isEqualTo(expected);
		String taskBody = "{\"title\":\"Taken over\",\"status\":\"DONE\",\"version\":" + taskBefore.get("version")
				+ "}";
		assertThat(as.post("/projects/" + other.project + "/tasks", taskBody).status()).isEqualTo(404);
		assertThat(as.put("/projects/" + other.project + "/tasks/" + other.task, taskBody).status()).isEqualTo(404);
		assertThat(as.delete("/projects/" + other.project + "/tasks/" + other.task).status()).isEqualTo(404);
		assertThat(api().as(owner.name).get("/projects/" + other.project).json()).isEqualTo(before);
		assertThat(api().as(owner.name).get("/projects/" + other.project + "/tasks/" + other.task).json())
			.isEqualTo(taskBefore);
	}

	@ParameterizedTest
	@EnumSource(User.class)
	void onlyAdministratorsManageProjects(User user) {
		ApiClient.As as = api().as(user.name);
		String id = "m-" + UUID.randomUUID().toString().substring(0, 8);
		ApiClient.Response created = as.post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Matrix\",\"budget\":5}");
		if (!user.administrator) {
			assertProblem(created, 403, "Your role does not allow this operation.");
			created = api().as(user.administratorOfTheOrg().name)
				.post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Matrix\",\"budget\":5}");
			assertThat(created.status()).isEqualTo(201);
			assertProblem(as.put("/projects/" + id, "{\"name\":\"Renamed\",\"status\":\"ACTIVE\",\"version\":1}"),
					403, "Your role does not allow this operation.");
			assertProblem(as.delete("/projects/" + id), 403, "Your role does not allow this operation.");
			assertThat(as.get("/projects/" + id).json().get("version").asInt()).isEqualTo(1);
			return;
		}
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("version").asInt()).isEqualTo(1);
		assertThat(created.json().get("status").asString()).isEqualTo("ACTIVE");
		assertProblem(as.post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Again\"}"), 409,
				"An item with this id already exists in your organization.");
		ApiClient.Response updated = as.put("/projects/" + id,
				"{\"name\":\"Renamed\",\"status\":\"ON_HOLD\",\"budget\":7,\"version\":1}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("version").asInt()).isEqualTo(2);
		assertThat(updated.json().get("budget").asInt()).isEqualTo(7);
		assertProblem(as.put("/projects/" + id, "{\"name\":\"Stale\",\"status\":\"ACTIVE\",\"version\":1}"), 409,
				"Project '" + id + "' is at version 2, not 1: it was changed in the meantime; read it again and retry.");
		assertThat(as.post("/projects/" + id + "/tasks", "{\"title\":\"Goes with the project\"}").status())
			.isEqualTo(201);
		assertThat(as.delete("/projects/" + id).status()).isEqualTo(204);
		assertNotFound(as.get("/projects/" + id), "Project '" + id + "' does not exist in your organization.");
		assertThat(as.get("/tasks?status=OPEN&size=100").json().get("items"))
			.noneSatisfy((task) -> assertThat(task.get("projectId").asString()).isEqualTo(id));
	}

	@ParameterizedTest
	@EnumSource(User.class)
	@DisplayName("TH-12 regular users and administrators work on tasks; hidden project attributes stay intact")
	void everyUserWorksOnTasksTH12(User user) {
		ApiClient.As as = api().as(user.name);
		String project = user.org.project;
		JsonNode projectBefore = api().as(user.administratorOfTheOrg().name).get("/projects/" + project).json();
		ApiClient.Response created = as.post("/projects/" + project + "/tasks",
				"{\"title\":\"Matrix task\",\"assignee\":\"" + user.name + "\",\"dueDate\":\"2027-01-31\"}");
		assertThat(created.status()).isEqualTo(201);
		String taskId = created.json().get("id").asString();
		assertThat(created.json().get("status").asString()).isEqualTo("OPEN");
		String path = "/projects/" + project + "/tasks/" + taskId;
		assertThat(as.get(path).json()).isEqualTo(created.json());
		assertThat(as.get("/tasks?assignee=" + user.name + "&size=100").json().get("items"))
			.anySatisfy((task) -> assertThat(task.get("id").asString()).isEqualTo(taskId));
		ApiClient.Response updated = as.put(path, "{\"title\":\"Matrix task\",\"status\":\"DONE\",\"version\":1}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().has("assignee")).isFalse();
		assertThat(updated.json().get("version").asInt()).isEqualTo(2);
		assertThat(as.get("/tasks?assignee=" + user.name + "&size=100").json().get("items"))
			.noneSatisfy((task) -> assertThat(task.get("id").asString()).isEqualTo(taskId));
		assertProblem(as.put(path, "{\"title\":\"Stale\",\"status\":\"OPEN\",\"version\":1}"), 409,
				"Task '" + taskId + "' is at version 2, not 1: it was changed in the meantime; read it again and retry.");
		assertThat(as.delete(path).status()).isEqualTo(204);
		assertNotFound(as.get(path),
				"Task '" + taskId + "' of project '" + project + "' does not exist in your organization.");
		assertThat(api().as(user.administratorOfTheOrg().name).get("/projects/" + project).json())
			.isEqualTo(projectBefore);
	}

	@Test
	@DisplayName("TH-5 the same project id in both organizations names two different projects")
	void theSameIdInBothOrganizationsNamesTwoProjectsTH5() {
		String id = "m-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(api().as("admin").post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Acme's\"}").status())
			.isEqualTo(201);
		assertThat(api().as("hank").post("/projects", "{\"id\":\"" + id + "\",\"name\":\"Globex's\"}").status())
			.isEqualTo(201);
		assertThat(api().as("alice").get("/projects/" + id).json().get("name").asString()).isEqualTo("Acme's");
		assertThat(api().as("bob").get("/projects/" + id).json().get("name").asString()).isEqualTo("Globex's");
		assertThat(api().as("admin").delete("/projects/" + id).status()).isEqualTo(204);
		assertThat(api().as("bob").get("/projects/" + id).json().get("name").asString()).isEqualTo("Globex's");
		assertThat(api().as("hank").delete("/projects/" + id).status()).isEqualTo(204);
	}

	static Stream<Arguments> endpoints() {
		return Stream.of(Arguments.of("GET", "/projects"), Arguments.of("GET", "/projects/rocket-skates"),
				Arguments.of("POST", "/projects"), Arguments.of("PUT", "/projects/rocket-skates"),
				Arguments.of("DELETE", "/projects/rocket-skates"), Arguments.of("GET", "/projects/rocket-skates/tasks"),
				Arguments.of("POST", "/projects/rocket-skates/tasks"),
				Arguments.of("GET", "/projects/rocket-skates/tasks/t-1"),
				Arguments.of("PUT", "/projects/rocket-skates/tasks/t-1"),
				Arguments.of("DELETE", "/projects/rocket-skates/tasks/t-1"), Arguments.of("GET", "/tasks?status=OPEN"),
				Arguments.of("GET", "/actuator/tenancy"));
	}

	@ParameterizedTest
	@MethodSource("endpoints")
	@DisplayName("TH-7 anonymous requests get 401 and touch nothing")
	void anonymousRequestsAreUnauthorizedTH7(String method, String path) {
		ApiClient.Response response = api().send(method, path, java.util.Map.of("Content-Type", "application/json"),
				method.equals("POST") || method.equals("PUT") ? "{}" : null);
		assertProblem(response, 401, "Authentication is required: sign in as a user of an organization.");
		assertThat(response.challenge()).isEqualTo("Basic realm=\"tenancy-sample\"");
	}

	@Test
	void aWrongPasswordIsUnauthorized() {
		ApiClient.Response response = api().send("GET", "/projects",
				java.util.Map.of("Authorization", ApiClient.basic("alice", "bob")), null);
		assertProblem(response, 401, "Authentication is required: sign in as a user of an organization.");
	}

	@Test
	void theActuatorIsForAdministrators() {
		assertProblem(api().as("alice").get("/actuator/tenancy"), 403, "Your role does not allow this operation.");
		assertThat(api().as("admin").get("/actuator/tenancy").json().get("roleArn").asString())
			.isEqualTo("arn:aws:iam::123456789012:role/tenancy-tenant");
		assertThat(api().as(null).get("/actuator/health").status()).isEqualTo(200);
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(
				Arguments.of("POST", "/projects", "{\"id\":\"Not An Id\",\"name\":\"\"}", "The request body is invalid.",
						List.of("id", "name")),
				Arguments.of("POST", "/projects", "{\"id\":\"x\",\"name\":\"X\",\"budget\":-1}",
						"The request body is invalid.", List.of("budget")),
				Arguments.of("POST", "/projects", "{\"id\":\"x\",\"name\":\"X\",\"status\":\"LOST\"}",
						"Failed to read request", List.of()),
				Arguments.of("POST", "/projects", "{not json", "Failed to read request", List.of()),
				Arguments.of("PUT", "/projects/rocket-skates", "{\"name\":\"X\",\"status\":\"ACTIVE\"}",
						"The request body is invalid.", List.of("version")),
				Arguments.of("GET", "/projects/Rocket_Skates", null, "The request parameters are invalid.",
						List.of("projectId")),
				Arguments.of("GET", "/projects?size=0", null, "The request parameters are invalid.",
						List.of("size")),
				Arguments.of("GET", "/projects?size=many", null, "Failed to convert 'size' with value: 'many'",
						List.of()),
				Arguments.of("GET", "/projects?cursor=bm90IGEgY3Vyc29y", null,
						"The cursor is not valid: pass the 'next' value of the previous page unchanged.", List.of()),
				Arguments.of("GET", "/tasks", null,
						"Pass exactly one of the query parameters 'assignee' and 'status'.", List.of()),
				Arguments.of("GET", "/tasks?assignee=alice&status=OPEN", null,
						"Pass exactly one of the query parameters 'assignee' and 'status'.", List.of()),
				Arguments.of("GET", "/tasks?status=LOST", null, "Failed to convert 'status' with value: 'LOST'",
						List.of()),
				Arguments.of("POST", "/projects/rocket-skates/tasks", "{\"title\":\" \",\"assignee\":\"a b\"}",
						"The request body is invalid.", List.of("assignee", "title")));
	}

	@ParameterizedTest
	@MethodSource("badRequests")
	void invalidInputIsABadRequest(String method, String path, String body, String detail, List<String> fields) {
		ApiClient.Response response = api().send(method, path,
				java.util.Map.of("Authorization", ApiClient.basic("admin", "admin"), "Content-Type",
						"application/json"),
				body);
		assertProblem(response, 400, detail);
		List<String> invalid = new ArrayList<>();
		response.json().path("errors").forEach((error) -> invalid.add(error.get("field").asString()));
		assertThat(new HashSet<>(invalid)).isEqualTo(new HashSet<>(fields));
	}

	private List<String> allIds(User user, String firstPage) {
		List<String> ids = new ArrayList<>();
		String page = firstPage;
		for (int pages = 0; page != null; pages++) {
			assertThat(pages).as("pages").isLessThan(100);
			JsonNode body = api().as(user.name).get(page).json();
			body.get("items").forEach((project) -> ids.add(project.get("id").asString()));
			page = body.has("next") ? firstPage + "&cursor=" + body.get("next").asString() : null;
		}
		return ids;
	}

	private Set<String> projectIds(User user) {
		return new HashSet<>(allIds(user, "/projects?size=100"));
	}

	private static void assertNotFound(ApiClient.Response response, String detail) {
		assertProblem(response, 404, detail);
	}

	static void assertProblem(ApiClient.Response response, int status, String detail) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).as("detail").startsWith(detail);
	}

}
