package dev.tenancy.sample.web;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tenancy.sample.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * #12 §4 item 6 over HTTP: every malformed, foreign or tampered cursor of every listing is a 400 problem detail (never
 * a 500), and a cursor taken to another organization only pages that organization's own data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CursorApiTests {

	private static final String INVALID = "The cursor is not valid: pass the 'next' value of the previous page unchanged.";

	@LocalServerPort
	private int port;

	private ApiClient api() {
		return new ApiClient(this.port);
	}

	static Stream<Arguments> badCursors() {
		return Stream.of(arguments("/projects", CursorsTests.encode("{\"id\":123}")),
				arguments("/projects", CursorsTests.encode("{\"id\":\"a\",\"pk\":\"TENANT#globex\"}")),
				arguments("/projects", CursorsTests.cursor("{\"id\":\"TENANT#globex\"}")),
				arguments("/projects", CursorsTests.cursor("{\"key\":\"rocket-skates#t-1\"}")),
				arguments("/projects", "bm90IGEgY3Vyc29y"),
				arguments("/projects", ""),
				arguments("/projects", "e".repeat(1025)),
				arguments("/projects/rocket-skates/tasks", CursorsTests.cursor("{\"key\":\"giant-magnet#t-1\"}")),
				arguments("/projects/rocket-skates/tasks", CursorsTests.cursor("{\"id\":\"rocket-skates\"}")),
				arguments("/projects/rocket-skates/tasks", CursorsTests.cursor("{\"key\":7}")),
				arguments("/tasks?assignee=alice", CursorsTests.cursor("{\"key\":{\"S\":\"x\"}}")),
				arguments("/tasks?status=OPEN", CursorsTests.cursor("{\"key\":\"TASK#rocket-skates#t-1\"}")));
	}

	@ParameterizedTest(name = "{0} cursor={1}")
	@MethodSource("badCursors")
	@DisplayName("#12 §4 item 6: a bad cursor is a 400 problem detail on every listing")
	void badCursorsAreBadRequests(String path, String cursor) {
		ApiClient.Response response = api().as("admin")
			.get(path + (path.contains("?") ? "&" : "?") + "cursor=" + cursor);
		assertThat(response.status()).as("status of %s", response).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("detail").asString()).isEqualTo(INVALID);
		assertThat(response.body()).doesNotContain("doomsday-device").doesNotContain("globex");
	}

	@Test
	@DisplayName("#12 §4 item 6: a cursor taken to another organization pages only that organization's data")
	void aCursorOfOneOrganizationStaysInTheCallersOrganization() {
		JsonNode first = api().as("alice").get("/projects?size=1").json();
		String next = first.get("next").asString();
		JsonNode second = api().as("alice").get("/projects?size=1&cursor=" + next).json();
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("items").get(0).get("id").asString())
			.isNotEqualTo(first.get("items").get(0).get("id").asString());

		ApiClient.Response foreign = api().as("bob").get("/projects?size=100&cursor=" + next);
		assertThat(foreign.status()).isEqualTo(200);
		foreign.json().get("items").forEach((project) -> assertThat(project.get("id").asString())
			.isNotIn("giant-magnet", "rocket-skates"));
		assertThat(foreign.body()).doesNotContain("giant-magnet").doesNotContain("rocket-skates");
	}

}
