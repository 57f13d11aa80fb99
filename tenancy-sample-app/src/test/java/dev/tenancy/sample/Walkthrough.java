package dev.tenancy.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The curl walkthrough of the project {@code README.md}, parsed: every {@code shell} code block that holds one {@code curl}
 * command, with the {@code json} code block right after it as the documented output. The document is the single
 * source of truth; {@code ReadmeWalkthroughTests} replays it against the running application.
 */
final class Walkthrough {

	/** Where the walkthrough lives, relative to the module directory (the tests' working directory). */
	static final Path DOCUMENT = Path.of("..", "README.md");

	/** The host and port the documented commands talk to. */
	static final String DOCUMENTED_ORIGIN = "localhost:8080";

	private Walkthrough() {
	}

	static String text() {
		try {
			return Files.readString(DOCUMENT, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the steps in document order
	 */
	static List<Step> steps() {
		List<Block> blocks = blocks(text());
		List<Step> steps = new ArrayList<>();
		for (int i = 0; i < blocks.size(); i++) {
			Block block = blocks.get(i);
			if (!block.language().equals("shell") || !block.content().startsWith("curl ")) {
				continue;
			}
			if (i + 1 >= blocks.size() || !blocks.get(i + 1).language().equals("json")) {
				throw new IllegalStateException("The curl command at line " + block.line() + " of " + DOCUMENT
						+ " has no documented output (a json code block right after it).");
			}
			steps.add(new Step(block.line(), block.content(), Curl.parse(block.content()),
					blocks.get(i + 1).content()));
		}
		return steps;
	}

	private static List<Block> blocks(String markdown) {
		List<Block> blocks = new ArrayList<>();
		String[] lines = markdown.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (!line.startsWith("```") || line.length() == 3) {
				continue;
			}
			String language = line.substring(3).trim();
			StringBuilder content = new StringBuilder();
			int start = i + 1;
			for (i = i + 1; i < lines.length && !lines[i].startsWith("```"); i++) {
				content.append(lines[i]).append('\n');
			}
			blocks.add(new Block(start, language, content.toString().strip()));
		}
		return blocks;
	}

	private record Block(int line, String language, String content) {
	}

	/**
	 * One documented command and its output.
	 *
	 * @param line the line of the command in the document
	 * @param command the command as documented
	 * @param curl the parsed command
	 * @param output the documented output
	 */
	record Step(int line, String command, Curl curl, String output) {

		@Override
		public String toString() {
			return "line " + this.line + ": " + this.command.replaceAll("\\s+", " ");
		}

	}

	/**
	 * A parsed curl command: {@code -s}, {@code -u user:password}, {@code -X method}, {@code -H header},
	 * {@code -d body} and the URL, optionally piped into {@code jq .field}.
	 *
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param headers the request headers
	 * @param body the request body
	 * @param select the jq path the output is filtered with, or {@literal null}
	 */
	record Curl(String method, String path, Map<String, String> headers, @Nullable String body,
			@Nullable String select) {

		static Curl parse(String command) {
			List<String> tokens = tokens(command.replace("\\\n", " "));
			String method = null;
			String url = null;
			String body = null;
			String select = null;
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < tokens.size(); i++) {
				String token = tokens.get(i);
				switch (token) {
					case "-s" -> {
					}
					case "-u" -> {
						String[] credentials = tokens.get(++i).split(":", 2);
						headers.put("Authorization", ApiClient.basic(credentials[0], credentials[1]));
					}
					case "-X" -> method = tokens.get(++i);
					case "-H" -> {
						String[] header = tokens.get(++i).split(":\\s*", 2);
						headers.put(header[0], header[1]);
					}
					case "-d" -> body = tokens.get(++i);
					case "|" -> {
						if (!tokens.get(++i).equals("jq") || i + 2 != tokens.size()) {
							throw new IllegalArgumentException("Only '| jq <path>' may follow a curl command: "
									+ command);
						}
						select = tokens.get(++i);
					}
					default -> {
						if (token.startsWith("-") || url != null) {
							throw new IllegalArgumentException("Unsupported curl argument '" + token + "' in: "
									+ command);
						}
						url = token;
					}
				}
			}
			if (url == null || !url.startsWith(DOCUMENTED_ORIGIN + "/")) {
				throw new IllegalArgumentException("A walkthrough command must call " + DOCUMENTED_ORIGIN + ": "
						+ command);
			}
			if (method == null) {
				method = (body != null) ? "POST" : "GET";
			}
			return new Curl(method, url.substring(DOCUMENTED_ORIGIN.length()), Map.copyOf(headers), body, select);
		}

		private static List<String> tokens(String command) {
			List<String> tokens = new ArrayList<>();
			StringBuilder current = null;
			char quote = 0;
			for (char c : command.toCharArray()) {
				if (quote != 0) {
					if (c == quote) {
						quote = 0;
					}
					else {
						current.append(c);
					}
				}
				else if (c == '\'' || c == '"') {
					quote = c;
					current = (current != null) ? current : new StringBuilder();
				}
				else if (Character.isWhitespace(c)) {
					if (current != null) {
						tokens.add(current.toString());
						current = null;
					}
				}
				else {
					current = (current != null) ? current : new StringBuilder();
					current.append(c);
				}
			}
			if (quote != 0) {
				throw new IllegalArgumentException("Unbalanced quotes in: " + command);
			}
			if (current != null) {
				tokens.add(current.toString());
			}
			return tokens;
		}

	}

}
