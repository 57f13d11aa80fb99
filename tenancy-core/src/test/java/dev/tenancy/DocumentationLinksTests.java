package dev.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the repository's documentation self-contained: no file refers to a document that is not in the repository,
 * and every relative Markdown link (with its anchor) resolves. Scans every text file of the repository (found by
 * walking up from the module directory), skipping build output and version-control directories.
 */
class DocumentationLinksTests {

	private static final Set<String> TEXT_EXTENSIONS = Set.of("java", "md", "xml", "properties", "yaml", "yml", "json",
			"txt", "imports", "factories", "sh", "http");

	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", ".mvn", "node_modules");

	/** Names of design documents that are not part of the repository (split so that this file does not name them). */
	private static final List<String> FOREIGN_DOCUMENTS = List.of("IAM-" + "SPEC", "shared/" + "design", "STYLE" + ".md");

	/** A design document cited by its bare name with a section, rule or threat id, instead of a file in the repository. */
	private static final Pattern BARE_CITATION = Pattern
		.compile("(?<![/\\w])(ARCHITECTURE|THREATS|STYLE)(\\.md)? +(§|TH-|R\\d|house style)");

	/** A mention of one of the project's documents by file name, with an optional path. */
	private static final Pattern DOCUMENT_MENTION = Pattern
		.compile("([A-Za-z0-9_./-]*/)?\\b(ARCHITECTURE|THREATS|STYLE|IAM|SECURITY|BENCHMARKS|REPOSITORIES)\\.md\\b");

	private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	private static final Map<Path, Set<String>> ANCHORS = new ConcurrentHashMap<>();

	private static Path root;

	private static List<Path> textFiles;

	@BeforeAll
	static void findRepository() throws IOException {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
				&& Files.isRegularFile(dir.resolve("pom.xml")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("repository root (a directory with README.md, docs/ and pom.xml) above the module").isNotNull();
		root = dir;
		List<Path> found = new ArrayList<>();
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
				return SKIPPED_DIRECTORIES.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
						: FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (attributes.isRegularFile() && isText(file)) {
					found.add(file);
				}
				return FileVisitResult.CONTINUE;
			}

		});
		textFiles = List.copyOf(found);
		assertThat(textFiles).as("text files of the repository").isNotEmpty();
	}

	@Test
	@DisplayName("No file names a design document that is not in the repository")
	void noForeignDocuments() {
		List<String> problems = new ArrayList<>();
		for (Path file : textFiles) {
			List<String> lines = lines(file);
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				for (String foreign : FOREIGN_DOCUMENTS) {
					if (line.contains(foreign)) {
						problems.add(where(file, i) + " names " + foreign);
					}
				}
				Matcher citation = BARE_CITATION.matcher(line);
				while (citation.find()) {
					problems.add(where(file, i) + " cites \"" + citation.group()
							+ "\"; cite docs/IAM.md rule ids, TH ids or a section link instead");
				}
			}
		}
		assertThat(problems).as("references to documents outside the repository").isEmpty();
	}

	@Test
	@DisplayName("Every project document a file names exists in the repository")
	void namedDocumentsExist() {
		List<String> problems = new ArrayList<>();
		for (Path file : textFiles) {
			List<String> lines = lines(file);
			for (int i = 0; i < lines.size(); i++) {
				Matcher mention = DOCUMENT_MENTION.matcher(lines.get(i));
				while (mention.find()) {
					String name = mention.group();
					if (!resolves(file, name)) {
						problems.add(where(file, i) + " names " + name + ", which is not in the repository");
					}
				}
			}
		}
		assertThat(problems).as("documents named but missing").isEmpty();
	}

	@Test
	@DisplayName("Every relative Markdown link resolves to a file (and heading) in the repository")
	void markdownLinksResolve() {
		List<String> problems = new ArrayList<>();
		for (Path file : textFiles) {
			if (!file.toString().endsWith(".md")) {
				continue;
			}
			List<String> lines = lines(file);
			boolean fenced = false;
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.strip().startsWith("```")) {
					fenced = !fenced;
					continue;
				}
				if (fenced) {
					continue;
				}
				Matcher link = MARKDOWN_LINK.matcher(line);
				while (link.find()) {
					String problem = check(file, link.group(1));
					if (problem != null) {
						problems.add(where(file, i) + " links " + link.group(1) + ": " + problem);
					}
				}
			}
		}
		assertThat(problems).as("broken relative Markdown links").isEmpty();
	}

	private static String check(Path file, String target) {
		if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			return null;
		}
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
		if (!resolved.startsWith(root)) {
			return "points outside the repository";
		}
		if (!Files.exists(resolved)) {
			return "no such file";
		}
		if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
				&& !anchors(resolved).contains(anchor)) {
			return "no heading with anchor #" + anchor;
		}
		return null;
	}

	private static boolean resolves(Path file, String name) {
		Path inDirectory = file.getParent().resolve(name).normalize();
		Path inRoot = root.resolve(name).normalize();
		Path inDocs = root.resolve("docs").resolve(Path.of(name).getFileName()).normalize();
		return Files.isRegularFile(inDirectory) || Files.isRegularFile(inRoot)
				|| (!name.contains("/") && Files.isRegularFile(inDocs));
	}

	private static Set<String> anchors(Path markdown) {
		return ANCHORS.computeIfAbsent(markdown, (file) -> {
			Set<String> anchors = new HashSet<>();
			boolean fenced = false;
			for (String line : lines(file)) {
				if (line.strip().startsWith("```")) {
					fenced = !fenced;
					continue;
				}
				Matcher heading = HEADING.matcher(line);
				if (!fenced && heading.matches()) {
					anchors.add(slug(heading.group(1)));
				}
			}
			return anchors;
		});
	}

	/** GitHub's heading anchors: lower case, punctuation removed, spaces as hyphens. */
	static String slug(String heading) {
		String text = heading.replaceAll("`", "").toLowerCase(Locale.ROOT);
		return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private static boolean isText(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 && TEXT_EXTENSIONS.contains(name.substring(dot + 1));
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static String where(Path file, int index) {
		return root.relativize(file) + ":" + (index + 1);
	}

}
