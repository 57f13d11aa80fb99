package dev.tenancy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The runner's options and the update of the generated results section of docs/BENCHMARKS.md.
 */
class BenchmarkMainTests {

	@TempDir
	Path directory;

	@Test
	void replacesOnlyTheGeneratedSection() throws IOException {
		Path document = this.directory.resolve("BENCHMARKS.md");
		Files.writeString(document, "# Benchmarks\n\nHow to run.\n\n" + BenchmarkMain.BEGIN_MARKER + "\nold results\n"
				+ BenchmarkMain.END_MARKER + "\n\nFindings.\n");

		BenchmarkMain.updateDocument(document, "new results\n");

		assertThat(Files.readString(document)).isEqualTo("# Benchmarks\n\nHow to run.\n\n" + BenchmarkMain.BEGIN_MARKER
				+ "\nnew results\n\n" + BenchmarkMain.END_MARKER + "\n\nFindings.\n");
	}

	@Test
	void refusesADocumentWithoutTheMarkers() throws IOException {
		Path document = this.directory.resolve("README.md");
		Files.writeString(document, "# Readme\n");

		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkMain.updateDocument(document, "results"))
			.withMessage("'" + document + "' has no section between '" + BenchmarkMain.BEGIN_MARKER + "' and '"
					+ BenchmarkMain.END_MARKER + "' to replace; add both markers where the results belong.");
		assertThat(Files.readString(document)).isEqualTo("# Readme\n");
	}

	@Test
	void parsesTheOptions() {
		BenchmarkMain.Settings settings = BenchmarkMain.Settings
			.parse(new String[] { "--out", "results", "--doc", "docs/BENCHMARKS.md", "--quick" });

		assertThat(settings.out()).isEqualTo(Path.of("results"));
		assertThat(settings.doc()).isEqualTo(Path.of("docs/BENCHMARKS.md"));
		assertThat(settings.quick()).isTrue();
	}

	@Test
	void rejectsUnknownOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkMain.Settings.parse(new String[] { "--fast" }))
			.withMessage("Unknown option '--fast'; use --out DIR, --doc FILE or --quick.");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkMain.Settings.parse(new String[] { "--out" }))
			.withMessage("Option '--out' needs a value.");
	}

}
