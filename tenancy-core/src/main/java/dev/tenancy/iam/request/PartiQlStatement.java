package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tenancy.context.Printable;
import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What IAM needs from one PartiQL statement (docs/IAM.md R26, R27): the action ({@code PartiQLSelect},
 * {@code PartiQLInsert}, {@code PartiQLUpdate}, {@code PartiQLDelete} by the statement's verb), the table and index,
 * and, only when trivially determinable, the partition key it addresses.
 * <p>
 * Deliberately conservative, because PartiQL is never allowed under tenant isolation anyway (the generated policies
 * do not grant it and the ceiling denies it): a {@code SELECT} is a full table scan unless its {@code WHERE} clause
 * starts with {@code <partition key> = <literal or ?>} and contains no {@code OR}; {@code LeadingKeys} is derived only
 * in that case (and for an {@code INSERT} whose tuple names the partition key with a literal or {@code ?}). An
 * {@code EXISTS(SELECT ...)} condition check of {@code ExecuteTransaction} counts as a {@code SELECT}.
 *
 * @author tenancy
 * @since 0.1
 */
final class PartiQlStatement {

	/** Looks up the partition-key attribute of a table or index. */
	@FunctionalInterface
	interface KeyLookup {

		@Nullable String partitionKey(String table, @Nullable String index);

	}

	private enum Kind {

		WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, PUNCTUATION

	}

	private record Token(Kind kind, String text, int parameterIndex) {

		boolean isWord(String word) {
			return this.kind == Kind.WORD && this.text.equalsIgnoreCase(word);
		}

		boolean isPunctuation(String punctuation) {
			return this.kind == Kind.PUNCTUATION && this.text.equals(punctuation);
		}

		boolean isIdentifier() {
			return this.kind == Kind.WORD || this.kind == Kind.QUOTED_IDENTIFIER;
		}

		boolean isScalar() {
			return this.kind == Kind.STRING || this.kind == Kind.NUMBER || this.kind == Kind.PARAMETER;
		}

	}

	final String action;

	final String table;

	final @Nullable String index;

	final @Nullable List<String> leadingKeys;

	final @Nullable String fullTableScan;

	final @Nullable String select;

	final @Nullable String returnValues;

	private PartiQlStatement(String action, String table, @Nullable String index, @Nullable List<String> leadingKeys,
			@Nullable String fullTableScan, @Nullable String select, @Nullable String returnValues) {
		this.action = action;
		this.table = table;
		this.index = index;
		this.leadingKeys = leadingKeys;
		this.fullTableScan = fullTableScan;
		this.select = select;
		this.returnValues = returnValues;
	}

	/**
	 * Analyze one statement.
	 * @param statement the PartiQL text
	 * @param parameters the statement's {@code Parameters} (DynamoDB JSON attribute values), or {@literal null}
	 * @param returnValuesOnConditionCheckFailure the request's {@code ReturnValuesOnConditionCheckFailure}, or
	 * {@literal null}
	 * @param keys the partition-key lookup
	 * @return the analysis
	 * @throws IllegalArgumentException if the statement is not a recognizable SELECT, INSERT, UPDATE, DELETE or
	 * EXISTS statement
	 */
	static PartiQlStatement parse(String statement, @Nullable JsonNode parameters,
			@Nullable String returnValuesOnConditionCheckFailure, KeyLookup keys) {
		List<Token> tokens = tokenize(statement);
		if (tokens.isEmpty() || tokens.get(0).kind != Kind.WORD) {
			throw malformed(statement, "it does not start with SELECT, INSERT, UPDATE, DELETE or EXISTS");
		}
		String verb = tokens.get(0).text.toUpperCase(Locale.ROOT);
		if (verb.equals("EXISTS")) {
			if (tokens.size() < 3 || !tokens.get(1).isPunctuation("(")
					|| !tokens.get(tokens.size() - 1).isPunctuation(")")) {
				throw malformed(statement, "EXISTS must be followed by a parenthesized SELECT");
			}
			tokens = tokens.subList(2, tokens.size() - 1);
			if (tokens.isEmpty() || !tokens.get(0).isWord("SELECT")) {
				throw malformed(statement, "EXISTS must be followed by a parenthesized SELECT");
			}
			verb = "SELECT";
		}
		return switch (verb) {
			case "SELECT" -> parseSelect(statement, tokens, parameters, keys);
			case "INSERT" -> parseInsert(statement, tokens, parameters, keys);
			case "UPDATE" -> parseUpdateOrDelete(statement, tokens, 1, "dynamodb:PartiQLUpdate", parameters,
					returnValuesOnConditionCheckFailure, keys);
			case "DELETE" -> {
				expectWord(statement, tokens, 1, "FROM");
				yield parseUpdateOrDelete(statement, tokens, 2, "dynamodb:PartiQLDelete", parameters,
						returnValuesOnConditionCheckFailure, keys);
			}
			default -> throw malformed(statement, "it does not start with SELECT, INSERT, UPDATE, DELETE or EXISTS");
		};
	}

	private static PartiQlStatement parseSelect(String statement, List<Token> tokens, @Nullable JsonNode parameters,
			KeyLookup keys) {
		int from = indexOfWordAtDepthZero(tokens, 1, "FROM");
		if (from < 0) {
			throw malformed(statement, "SELECT has no FROM");
		}
		boolean all = from == 2 && tokens.get(1).isPunctuation("*");
		int position = from + 1;
		String table = identifier(statement, tokens, position++);
		String index = null;
		if (position < tokens.size() && tokens.get(position).isPunctuation(".")) {
			index = identifier(statement, tokens, position + 1);
			ResourceArns.requireValidName(index, "index");
			position += 2;
		}
		List<String> leadingKeys = trivialWhere(tokens, position, parameters, keys.partitionKey(table, index));
		return new PartiQlStatement("dynamodb:PartiQLSelect", table, index, leadingKeys,
				(leadingKeys != null) ? "false" : "true", all ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES", null);
	}

	private static PartiQlStatement parseInsert(String statement, List<Token> tokens, @Nullable JsonNode parameters,
			KeyLookup keys) {
		expectWord(statement, tokens, 1, "INTO");
		String table = identifier(statement, tokens, 2);
		expectWord(statement, tokens, 3, "VALUE");
		if (tokens.size() < 5 || !tokens.get(4).isPunctuation("{")) {
			throw malformed(statement, "INSERT must insert a tuple '{...}'");
		}
		String partitionKey = keys.partitionKey(table, null);
		List<String> leadingKeys = null;
		if (partitionKey != null) {
			int depth = 0;
			for (int i = 4; i + 3 < tokens.size(); i++) {
				Token token = tokens.get(i);
				depth += depthChange(token);
				if (depth == 1 && (tokens.get(i - 1).isPunctuation("{") || tokens.get(i - 1).isPunctuation(","))
						&& (token.kind == Kind.STRING || token.kind == Kind.QUOTED_IDENTIFIER)
						&& token.text.equals(partitionKey) && tokens.get(i + 1).isPunctuation(":")
						&& tokens.get(i + 2).isScalar()
						&& (tokens.get(i + 3).isPunctuation(",") || tokens.get(i + 3).isPunctuation("}"))) {
					leadingKeys = List.of(scalar(tokens.get(i + 2), parameters));
					break;
				}
			}
		}
		return new PartiQlStatement("dynamodb:PartiQLInsert", table, null, leadingKeys, null, null, null);
	}

	private static PartiQlStatement parseUpdateOrDelete(String statement, List<Token> tokens, int tablePosition,
			String action, @Nullable JsonNode parameters, @Nullable String returnValuesOnConditionCheckFailure,
			KeyLookup keys) {
		String table = identifier(statement, tokens, tablePosition);
		int where = indexOfWordAtDepthZero(tokens, tablePosition + 1, "WHERE");
		List<String> leadingKeys = (where < 0) ? null
				: trivialWhere(tokens, where, parameters, keys.partitionKey(table, null));
		String returnValues = "NONE";
		int returning = indexOfWordAtDepthZero(tokens, tablePosition + 1, "RETURNING");
		if (returning >= 0 && returning + 2 < tokens.size()) {
			String scope = tokens.get(returning + 1).text.toUpperCase(Locale.ROOT);
			String age = tokens.get(returning + 2).text.toUpperCase(Locale.ROOT);
			returnValues = (scope.equals("MODIFIED") ? "UPDATED_" : "ALL_") + age;
		}
		if ("ALL_OLD".equals(returnValuesOnConditionCheckFailure) && !returnValues.startsWith("ALL_")) {
			returnValues = "ALL_OLD";
		}
		return new PartiQlStatement(action, table, null, leadingKeys, null, null, returnValues);
	}

	/**
	 * The partition-key value of a WHERE clause of the trivial form {@code WHERE <pk> = <literal or ?> [AND ...]}
	 * without any OR, or {@literal null}.
	 */
	private static @Nullable List<String> trivialWhere(List<Token> tokens, int position,
			@Nullable JsonNode parameters, @Nullable String partitionKey) {
		if (partitionKey == null || position + 4 > tokens.size() || !tokens.get(position).isWord("WHERE")) {
			return null;
		}
		Token key = tokens.get(position + 1);
		if (!key.isIdentifier() || !key.text.equals(partitionKey) || !tokens.get(position + 2).isPunctuation("=")
				|| !tokens.get(position + 3).isScalar()) {
			return null;
		}
		int next = position + 4;
		if (next < tokens.size() && !tokens.get(next).isWord("AND") && !tokens.get(next).isWord("RETURNING")) {
			return null;
		}
		for (int i = position + 1; i < tokens.size(); i++) {
			if (tokens.get(i).isWord("OR")) {
				return null;
			}
		}
		return List.of(scalar(tokens.get(position + 3), parameters));
	}

	private static String scalar(Token token, @Nullable JsonNode parameters) {
		if (token.kind != Kind.PARAMETER) {
			return token.text;
		}
		JsonNode value = (parameters != null && parameters.isArray()) ? parameters.get(token.parameterIndex) : null;
		if (value == null) {
			throw new IllegalArgumentException(String.format(
					"The PartiQL statement has a '?' parameter at position %d but Parameters has no value for it.",
					token.parameterIndex + 1));
		}
		String text = DynamoDbExpressions.keyValueText(value);
		if (text == null) {
			throw DynamoDbExpressions.invalidKeyValue("PartiQL parameter " + (token.parameterIndex + 1));
		}
		return text;
	}

	private static int indexOfWordAtDepthZero(List<Token> tokens, int from, String word) {
		int depth = 0;
		for (int i = from; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			depth += depthChange(token);
			if (depth == 0 && token.isWord(word)) {
				return i;
			}
		}
		return -1;
	}

	private static int depthChange(Token token) {
		if (token.kind != Kind.PUNCTUATION) {
			return 0;
		}
		return switch (token.text) {
			case "(", "[", "{", "<<" -> 1;
			case ")", "]", "}", ">>" -> -1;
			default -> 0;
		};
	}

	private static String identifier(String statement, List<Token> tokens, int position) {
		if (position >= tokens.size() || !tokens.get(position).isIdentifier()) {
			throw malformed(statement, "a table name is expected at token " + (position + 1));
		}
		String name = tokens.get(position).text;
		ResourceArns.requireValidName(name, "table");
		return name;
	}

	private static void expectWord(String statement, List<Token> tokens, int position, String word) {
		if (position >= tokens.size() || !tokens.get(position).isWord(word)) {
			throw malformed(statement, "'" + word + "' is expected at token " + (position + 1));
		}
	}

	private static List<Token> tokenize(String statement) {
		List<Token> tokens = new ArrayList<>();
		int parameterCount = 0;
		int n = statement.length();
		int i = 0;
		while (i < n) {
			char c = statement.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '\'' || c == '"') {
				StringBuilder text = new StringBuilder();
				int j = i + 1;
				while (true) {
					if (j >= n) {
						throw malformed(statement, "a quoted " + ((c == '"') ? "identifier" : "string")
								+ " starting at index " + i + " is not terminated");
					}
					char d = statement.charAt(j);
					if (d == c) {
						if (j + 1 < n && statement.charAt(j + 1) == c) {
							text.append(c);
							j += 2;
							continue;
						}
						break;
					}
					text.append(d);
					j++;
				}
				tokens.add(new Token((c == '"') ? Kind.QUOTED_IDENTIFIER : Kind.STRING, text.toString(), -1));
				i = j + 1;
			}
			else if (Character.isLetter(c) || c == '_') {
				int j = i;
				while (j < n && (Character.isLetterOrDigit(statement.charAt(j)) || statement.charAt(j) == '_')) {
					j++;
				}
				tokens.add(new Token(Kind.WORD, statement.substring(i, j), -1));
				i = j;
			}
			else if (Character.isDigit(c)) {
				int j = i;
				while (j < n && (Character.isLetterOrDigit(statement.charAt(j)) || statement.charAt(j) == '.')) {
					j++;
				}
				tokens.add(new Token(Kind.NUMBER, statement.substring(i, j), -1));
				i = j;
			}
			else if (c == '?') {
				tokens.add(new Token(Kind.PARAMETER, "?", parameterCount++));
				i++;
			}
			else {
				int length = 1;
				if (i + 1 < n) {
					String pair = statement.substring(i, i + 2);
					if (pair.equals("<<") || pair.equals(">>") || pair.equals("<>") || pair.equals("<=")
							|| pair.equals(">=") || pair.equals("!=") || pair.equals("||")) {
						length = 2;
					}
				}
				tokens.add(new Token(Kind.PUNCTUATION, statement.substring(i, i + length), -1));
				i += length;
			}
		}
		return tokens;
	}

	private static IllegalArgumentException malformed(String statement, String reason) {
		return new IllegalArgumentException(
				String.format("Unsupported PartiQL statement '%s': %s.", Printable.of(statement), reason));
	}

}
