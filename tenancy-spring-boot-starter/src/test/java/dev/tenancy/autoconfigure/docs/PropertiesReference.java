package dev.tenancy.autoconfigure.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the property reference ({@code docs/PROPERTIES.md}) from the configuration metadata on the class path: the
 * starter's {@code META-INF/spring-configuration-metadata.json} (written by Spring Boot's configuration processor from
 * the Javadoc of the properties classes) and the test kit's additional metadata (its dev services).
 */
final class PropertiesReference {

	static final String HEADER = """
			# Configuration properties

			Generated from the configuration metadata of `tenancy-spring-boot-starter` (the Javadoc of its properties
			classes) and of `tenancy-test` (its dev services) by `PropertiesReferenceTests` in the starter; do not edit by
			hand. Regenerate with `mvn -B -pl tenancy-spring-boot-starter -am verify -Dtest=PropertiesReferenceTests \\
			-Dsurefire.failIfNoSpecifiedTests=false -Dtenancy.docs.regenerate=true`.

			""";

	private static final String[] METADATA = { "META-INF/spring-configuration-metadata.json",
			"META-INF/additional-spring-configuration-metadata.json" };

	private PropertiesReference() {
	}

	static String render(ClassLoader classLoader) throws IOException {
		Map<String, JsonNode> properties = new TreeMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		for (String resource : METADATA) {
			Enumeration<URL> urls = classLoader.getResources(resource);
			while (urls.hasMoreElements()) {
				try (InputStream in = urls.nextElement().openStream()) {
					for (JsonNode property : mapper.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith("tenancy.") || name.startsWith("management.endpoint.tenancy.")) {
							properties.putIfAbsent(name, property);
						}
					}
				}
			}
		}
		StringBuilder md = new StringBuilder(HEADER);
		md.append("| property | type | default | description |\n|---|---|---|---|\n");
		properties.forEach((name, property) -> md.append("| `").append(name).append("` | ")
			.append(type(property.path("type").asString(""))).append(" | ")
			.append(defaultValue(property.path("defaultValue"))).append(" | ")
			.append(text(property.path("description").asString(""))).append(" |\n"));
		return md.toString();
	}

	private static String type(String type) {
		String simple = type.replaceAll("[a-z][a-z0-9_]*\\.", "").replace("$", ".");
		return simple.isEmpty() ? "" : "`" + simple + "`";
	}

	private static String defaultValue(JsonNode value) {
		if (value.isMissingNode() || value.isNull()) {
			return "";
		}
		String text = value.isArray() ? String.join(", ", value.valueStream().map(JsonNode::asString).toList())
				: value.asString();
		return text.isEmpty() ? "" : "`" + text + "`";
	}

	private static String text(String description) {
		return description.replace("|", "\\|").replace("\r", "").replace("\n", " ").trim();
	}

}
