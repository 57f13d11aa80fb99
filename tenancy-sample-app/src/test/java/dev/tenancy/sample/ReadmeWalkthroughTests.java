package dev.tenancy.sample;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.annotation.DirtiesContext;

import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.boot.TenancyDevServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Boots the application exactly as the README's run command does (no profile, no properties but the port: the
 * embedded default) and replays the curl walkthrough of the project {@code README.md} against it, comparing every response
 * with the documented output. The context is fresh, so the seed data is as documented.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class ReadmeWalkthroughTests {

	static final String RUN_COMMAND = "mvn -B -q install -DskipTests && mvn -B -pl tenancy-sample-app spring-boot:test-run";

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableEnvironment environment;

	@Autowired
	private TenancyTestKit kit;

	@Test
	void theRunCommandStartsTheEmbeddedDefault() {
		assertThat(Walkthrough.text()).contains(RUN_COMMAND);
		assertThat(this.environment.getActiveProfiles()).isEmpty();
		assertThat(this.environment.getPropertySources().contains(TenancyDevServices.PROPERTY_SOURCE))
			.isTrue();
		assertThat(this.environment.getProperty("tenancy.dynamodb.endpoint"))
			.isEqualTo(this.kit.dynamoDbEndpoint().toString());
		assertThat(this.environment.getProperty("tenancy.sts.endpoint")).isEqualTo(this.kit.stsEndpoint().toString());
		assertThat(this.environment.getProperty("tenancy.sts.role-arn")).isEqualTo(TenancyTestKit.TENANT_ROLE_ARN);
	}

	@TestFactory
	Stream<DynamicTest> theCurlWalkthroughWorksAsWritten() {
		ApiClient api = new ApiClient(this.port);
		assertThat(Walkthrough.steps()).hasSizeGreaterThanOrEqualTo(10);
		return Walkthrough.steps().stream().map((step) -> dynamicTest(step.toString(), () -> replay(api, step)));
	}

	private static void replay(ApiClient api, Walkthrough.Step step) {
		Walkthrough.Curl curl = step.curl();
		ApiClient.Response response = api.send(curl.method(), curl.path(), curl.headers(), curl.body());
		JsonNode expected = ApiClient.json(step.output());
		JsonNode actual = select(response.json(), curl.select());
		assertThat(actual).as("output of %s", step).isEqualTo(expected);
		if (response.contentType().equals("application/problem+json")) {
			assertThat(response.status()).as("status of %s", step).isEqualTo(expected.get("status").asInt());
		}
		else {
			assertThat(response.status()).as("status of %s", step).isBetween(200, 299);
		}
	}

	private static JsonNode select(JsonNode node, @Nullable String path) {
		if (path == null || path.equals(".")) {
			return node;
		}
		JsonNode selected = node;
		for (String field : path.substring(1).split("\\.")) {
			selected = selected.path(field);
		}
		return selected;
	}

}
