package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tenancy.context.Printable;
import dev.tenancy.iam.request.UpdateActions.Arithmetic;
import dev.tenancy.iam.request.UpdateActions.Call;
import dev.tenancy.iam.request.UpdateActions.Operand;
import dev.tenancy.iam.request.UpdateActions.Path;
import dev.tenancy.iam.request.UpdateActions.Placeholder;
import dev.tenancy.iam.request.UpdateActions.UpdateAction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A small hand-written scanner for DynamoDB expressions ({@code ProjectionExpression}, {@code ConditionExpression},
 * {@code FilterExpression}, {@code KeyConditionExpression}, {@code UpdateExpression}). It finds only what IAM needs:
 * the <em>top-level</em> attribute names referenced (docs/IAM.md R21: {@code Address.City} and {@code #a[0].b} count as
 * {@code Address} and the attribute behind {@code #a}), with {@code #name} placeholders resolved, and the values of
 * partition-key equalities ({@code pk = :v}, {@code #pk = :v}, {@code :v = pk}) with {@code :value} placeholders
 * resolved. For the index-key rule it also parses an {@code UpdateExpression} into its actions
 * ({@link #updateActions}).
 * <p>
 * No regular expressions and no token objects: the scanner walks the string once. Anything it does not understand (an
 * unexpected character, an undefined placeholder, a digit outside a list index) is rejected with
 * {@link IllegalArgumentException}; DynamoDB would reject such an expression too, and the caller treats the exception
 * as a denial.
 *
 * @author tenancy
 * @since 0.1
 */
final class DynamoDbExpressions {

	private static final int END = 0;

	private static final int PATH = 1;

	private static final int VALUE = 2;

	private static final int FUNCTION = 3;

	private static final int KEYWORD = 4;

	private static final int EQUALS = 5;

	private static final int OTHER = 6;

	private static final String[] KEYWORDS = { "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD",
			"DELETE" };

	private final String expression;

	private final String parameter;

	private final @Nullable JsonNode names;

	private int position;

	/** Top-level attribute name of the current {@link #PATH} token (placeholder resolved). */
	private String pathName = "";

	/** Whether the current {@link #PATH} token is a bare top-level name, without {@code .x} or {@code [n]}. */
	private boolean pathSimple;

	/** Start of the current {@link #VALUE} token (its {@code :} character). */
	private int valueStart;

	/** Start and end of the current {@link #KEYWORD} or {@link #FUNCTION} name. */
	private int wordStart;

	private int wordEnd;

	/** The character of the current {@link #OTHER} token (its first character for {@code <=} and the like). */
	private char otherChar;

	/** The current token of {@link #updateActions}, which reads one token ahead. */
	private int current;

	private DynamoDbExpressions(String expression, String parameter, @Nullable JsonNode names) {
		this.expression = expression;
		this.parameter = parameter;
		this.names = names;
	}

	/**
	 * Scan an expression.
	 * @param expression the expression text
	 * @param parameter the request parameter it came from, for messages (for example {@code ProjectionExpression})
	 * @param names the request's {@code ExpressionAttributeNames}, or {@literal null}
	 * @param values the request's {@code ExpressionAttributeValues}, or {@literal null}
	 * @param attributes receives the distinct top-level attribute names
	 * @param partitionKey the partition-key attribute whose equality values to collect, or {@literal null} to collect
	 * none
	 * @param leadingKeys receives the distinct partition-key equality values, or {@literal null} to collect none
	 * @throws IllegalArgumentException if the expression is malformed or references an undefined placeholder
	 */
	static void analyse(String expression, String parameter, @Nullable JsonNode names, @Nullable JsonNode values,
			List<String> attributes, @Nullable String partitionKey, @Nullable List<String> leadingKeys) {
		// Equalities are tracked only when there is somewhere to put their values
		String keyAttribute = (leadingKeys != null) ? partitionKey : null;
		DynamoDbExpressions scanner = new DynamoDbExpressions(expression, parameter, names);
		int previous = END;
		boolean previousIsPartitionKey = false;
		int previousValueStart = -1;
		// Left operand of the '=' just read: 1 = the partition key, 2 = a value placeholder, 0 = anything else
		int equalsLeft = 0;
		int equalsLeftValueStart = -1;
		int token;
		while ((token = scanner.next()) != END) {
			boolean isPartitionKey = false;
			if (token == PATH) {
				String name = scanner.pathName;
				addDistinct(attributes, name);
				isPartitionKey = scanner.pathSimple && keyAttribute != null && keyAttribute.equals(name);
				if (equalsLeft == 2 && isPartitionKey && leadingKeys != null) {
					addDistinct(leadingKeys, scanner.resolveValue(equalsLeftValueStart, values));
				}
			}
			else if (token == VALUE && equalsLeft == 1 && leadingKeys != null) {
				addDistinct(leadingKeys, scanner.resolveValue(scanner.valueStart, values));
			}
			if (token == EQUALS && keyAttribute != null) {
				equalsLeft = (previous == PATH && previousIsPartitionKey) ? 1 : (previous == VALUE) ? 2 : 0;
				equalsLeftValueStart = previousValueStart;
			}
			else {
				equalsLeft = 0;
			}
			previous = token;
			previousIsPartitionKey = isPartitionKey;
			previousValueStart = (token == VALUE) ? scanner.valueStart : -1;
		}
	}

	static void addDistinct(List<String> list, String value) {
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i).equals(value)) {
				return;
			}
		}
		list.add(value);
	}

	/**
	 * Parse an {@code UpdateExpression} into its actions: {@code SET path = value}, {@code REMOVE path},
	 * {@code ADD path :value} and {@code DELETE path :value}, in the order written, with {@code #name} placeholders
	 * resolved. A {@code SET} value is parsed as DynamoDB's grammar defines it: an operand, or two operands joined by
	 * {@code +} or {@code -}; an operand is a path, a {@code :value} placeholder or a function call whose arguments are
	 * values. Value placeholders are not resolved here.
	 * @param expression the expression text
	 * @param names the request's {@code ExpressionAttributeNames}, or {@literal null}
	 * @return the actions, at least one
	 * @throws IllegalArgumentException if the expression does not follow that grammar or references an undefined name
	 * placeholder
	 */
	static List<UpdateAction> updateActions(String expression, @Nullable JsonNode names) {
		DynamoDbExpressions scanner = new DynamoDbExpressions(expression, "UpdateExpression", names);
		List<UpdateAction> actions = new ArrayList<>(4);
		scanner.advance();
		if (scanner.current == END) {
			throw scanner.malformed("it has no action");
		}
		while (scanner.current != END) {
			if (scanner.current != KEYWORD) {
				throw scanner.malformed("expected SET, REMOVE, ADD or DELETE at index " + scanner.wordStart);
			}
			String clause = scanner.expression.substring(scanner.wordStart, scanner.wordEnd).toUpperCase(Locale.ROOT);
			if (!clause.equals("SET") && !clause.equals("REMOVE") && !clause.equals("ADD")
					&& !clause.equals("DELETE")) {
				throw scanner.malformed("'" + clause + "' at index " + scanner.wordStart
						+ " is not an update clause; expected SET, REMOVE, ADD or DELETE");
			}
			do {
				scanner.advance();
				if (scanner.current != PATH) {
					throw scanner.malformed(clause + " is not followed by an attribute path");
				}
				String attribute = scanner.pathName;
				boolean nested = !scanner.pathSimple;
				scanner.advance();
				Operand value = null;
				if (clause.equals("SET")) {
					if (scanner.current != EQUALS) {
						throw scanner.malformed("a SET action on '" + Printable.of(attribute) + "' has no '='");
					}
					scanner.advance();
					value = scanner.value();
				}
				else if (!clause.equals("REMOVE")) {
					value = scanner.operand();
				}
				actions.add(new UpdateAction(clause, attribute, nested, value));
			}
			while (scanner.current == OTHER && scanner.otherChar == ',');
		}
		return actions;
	}

	private void advance() {
		this.current = next();
	}

	private Operand value() {
		Operand left = operand();
		if (this.current == OTHER && (this.otherChar == '+' || this.otherChar == '-')) {
			char operator = this.otherChar;
			advance();
			return new Arithmetic(left, operator, operand());
		}
		return left;
	}

	private Operand operand() {
		switch (this.current) {
			case PATH -> {
				Operand path = new Path(this.pathName, !this.pathSimple);
				advance();
				return path;
			}
			case VALUE -> {
				Operand placeholder = new Placeholder(this.expression.substring(this.valueStart, this.position));
				advance();
				return placeholder;
			}
			case FUNCTION -> {
				String function = this.expression.substring(this.wordStart, this.wordEnd);
				advance();
				// FUNCTION is returned only in front of '('
				advance();
				List<Operand> arguments = new ArrayList<>(2);
				if (!(this.current == OTHER && this.otherChar == ')')) {
					arguments.add(value());
					while (this.current == OTHER && this.otherChar == ',') {
						advance();
						arguments.add(value());
					}
				}
				if (!(this.current == OTHER && this.otherChar == ')')) {
					throw malformed("the call of " + Printable.of(function) + " is not closed with ')'");
				}
				advance();
				return new Call(function, arguments);
			}
			default -> throw malformed("expected a path, a :value placeholder or a function at index "
					+ this.position);
		}
	}

	private int next() {
		String s = this.expression;
		int n = s.length();
		skipWhitespace();
		if (this.position >= n) {
			return END;
		}
		char c = s.charAt(this.position);
		if (c == '#') {
			String name = readPlaceholderName();
			return readPathRest(name);
		}
		if (isIdentifierStart(c)) {
			int start = this.position;
			while (this.position < n && isIdentifierPart(s.charAt(this.position))) {
				this.position++;
			}
			int end = this.position;
			skipWhitespace();
			this.wordStart = start;
			this.wordEnd = end;
			if (this.position < n && s.charAt(this.position) == '(') {
				return FUNCTION;
			}
			if (isKeyword(start, end)) {
				return KEYWORD;
			}
			return readPathRest(s.substring(start, end));
		}
		if (c == ':') {
			this.valueStart = this.position;
			this.position++;
			if (readIdentifierChars() == 0) {
				throw malformed("':' at index " + this.valueStart + " is not followed by a placeholder name");
			}
			return VALUE;
		}
		this.position++;
		this.otherChar = c;
		switch (c) {
			case '=':
				return EQUALS;
			case '<':
				if (this.position < n && (s.charAt(this.position) == '>' || s.charAt(this.position) == '=')) {
					this.position++;
				}
				return OTHER;
			case '>':
				if (this.position < n && s.charAt(this.position) == '=') {
					this.position++;
				}
				return OTHER;
			case '+', '-', ',', '(', ')':
				return OTHER;
			default:
				throw malformed("unexpected character '" + Printable.of(String.valueOf(c)) + "' at index "
						+ (this.position - 1));
		}
	}

	/**
	 * Read the rest of a document path after its first element: {@code .name}, {@code .#name} and {@code [n]}.
	 */
	private int readPathRest(String topLevelName) {
		String s = this.expression;
		int n = s.length();
		boolean simple = true;
		while (true) {
			skipWhitespace();
			if (this.position >= n) {
				break;
			}
			char c = s.charAt(this.position);
			if (c == '.') {
				this.position++;
				skipWhitespace();
				if (this.position < n && s.charAt(this.position) == '#') {
					readPlaceholderName();
				}
				else if (readIdentifierChars() == 0) {
					throw malformed("'.' at index " + (this.position - 1) + " is not followed by an attribute name");
				}
			}
			else if (c == '[') {
				this.position++;
				skipWhitespace();
				int digits = 0;
				while (this.position < n && s.charAt(this.position) >= '0' && s.charAt(this.position) <= '9') {
					this.position++;
					digits++;
				}
				skipWhitespace();
				if (digits == 0 || this.position >= n || s.charAt(this.position) != ']') {
					throw malformed("a list index at index " + this.position + " is not of the form [n]");
				}
				this.position++;
			}
			else {
				break;
			}
			simple = false;
		}
		this.pathName = topLevelName;
		this.pathSimple = simple;
		return PATH;
	}

	private String readPlaceholderName() {
		int start = this.position;
		this.position++;
		if (readIdentifierChars() == 0) {
			throw malformed("'#' at index " + start + " is not followed by a placeholder name");
		}
		String placeholder = this.expression.substring(start, this.position);
		JsonNode resolved = (this.names != null) ? this.names.get(placeholder) : null;
		if (resolved == null || !resolved.isString()) {
			throw new IllegalArgumentException(String.format(
					"%s references the attribute name placeholder '%s', which ExpressionAttributeNames does not define.",
					this.parameter, Printable.of(placeholder)));
		}
		return resolved.stringValue();
	}

	private String resolveValue(int start, @Nullable JsonNode values) {
		int end = start + 1;
		while (end < this.expression.length() && isIdentifierPart(this.expression.charAt(end))) {
			end++;
		}
		String placeholder = this.expression.substring(start, end);
		JsonNode value = (values != null) ? values.get(placeholder) : null;
		if (value == null) {
			throw new IllegalArgumentException(String.format(
					"%s references the value placeholder '%s', which ExpressionAttributeValues does not define.",
					this.parameter, Printable.of(placeholder)));
		}
		String text = keyValueText(value);
		if (text == null) {
			throw invalidKeyValue(this.parameter + " value '" + Printable.of(placeholder) + "'");
		}
		return text;
	}

	/**
	 * The string form of a key attribute value for {@code dynamodb:LeadingKeys}: the text of an {@code S} value, the
	 * number text of an {@code N} value as sent, the base64 text of a {@code B} value. How IAM renders {@code N} and
	 * {@code B} keys is UNCONFIRMED (docs/IAM.md R20); tenant partition keys are strings.
	 * @param attributeValue a DynamoDB JSON attribute value, for example {@code {"S":"TENANT#acme"}}
	 * @return the text, or {@literal null} if the value is not a single S, N or B value (see
	 * {@link #invalidKeyValue(String)})
	 */
	static @Nullable String keyValueText(JsonNode attributeValue) {
		if (attributeValue.isObject() && attributeValue.size() == 1) {
			JsonNode text = attributeValue.get("S");
			if (text == null) {
				text = attributeValue.get("N");
			}
			if (text == null) {
				text = attributeValue.get("B");
			}
			if (text != null && text.isString()) {
				return text.stringValue();
			}
		}
		return null;
	}

	static IllegalArgumentException invalidKeyValue(String what) {
		return new IllegalArgumentException(String.format(
				"The %s is not a valid key value: a key attribute value is a single S, N or B value.", what));
	}

	private int readIdentifierChars() {
		int start = this.position;
		while (this.position < this.expression.length() && isIdentifierPart(this.expression.charAt(this.position))) {
			this.position++;
		}
		return this.position - start;
	}

	private void skipWhitespace() {
		while (this.position < this.expression.length() && isWhitespace(this.expression.charAt(this.position))) {
			this.position++;
		}
	}

	private boolean isKeyword(int start, int end) {
		int length = end - start;
		for (String keyword : KEYWORDS) {
			if (keyword.length() == length && this.expression.regionMatches(true, start, keyword, 0, length)) {
				return true;
			}
		}
		return false;
	}

	private IllegalArgumentException malformed(String reason) {
		return new IllegalArgumentException(String.format("Malformed %s '%s': %s.", this.parameter,
				Printable.of(this.expression), reason));
	}

	static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}

	static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || (c >= '0' && c <= '9');
	}

}
