package dev.tenancy.autoconfigure.docs;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/PROPERTIES.md} is the property reference generated from the configuration metadata: it must match what
 * the current properties classes declare, and every property must have a description.
 */
class PropertiesReferenceTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "PROPERTIES.md");

	@Test
	void theReferenceMatchesTheConfigurationMetadata() throws Exception {
		String generated = PropertiesReference.render(getClass().getClassLoader());
		if (Boolean.getBoolean("tenancy.docs.regenerate")) {
			Files.writeString(DOCUMENT, generated);
		}

		assertThat(generated).contains("`tenancy.region`", "`tenancy.dev-services.enabled`",
				"`tenancy.sts.role-arn`");
		assertThat(generated.lines().filter((line) -> line.startsWith("| `")))
			.as("every property has a description")
			.allSatisfy((line) -> assertThat(line).doesNotEndWith("|  |"));
		assertThat(Files.readString(DOCUMENT))
			.as("docs/PROPERTIES.md is out of date; regenerate it with -Dtenancy.docs.regenerate=true (see its header)")
			.isEqualTo(generated);
	}

}
