package dev.tenancy.iam.request;

import java.util.List;

import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A small hand-written scanner for DynamoDB expressions ({@code ProjectionExpression}, {@code ConditionExpression},
 * {@code FilterExpression}, {@code KeyConditionExpression}, {@code UpdateExpression}). It finds only what IAM needs:
 * the <em>top-level</em> attribute names referenced (docs/IAM.md R21: {@code Address.City} and {@code #a[0].b} count as
 * {@code Address} and the attribute behind {@code #a}), with {@code #name} placeholders resolved, and the values of
 * partition-key equalities ({@code pk = :v}, {@code #pk = :v}, {@code :v = pk}) with {@code :value} placeholders
 * resolved. Its tokens ({@link #next()}) are also what {@link UpdateActions} reads an {@code UpdateExpression}'s
 * actions from, for the index-key rule.
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

	// The kinds of token next() returns; the fields below hold the current token's details

	static final int END = 0;

	static final int PATH = 1;

	static final int VALUE = 2;

	static final int FUNCTION = 3;

	static final int KEYWORD = 4;

	static final int EQUALS = 5;

	static final int OTHER = 6;

	private static final String[] KEYWORDS = { "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD",
			"DELETE" };

	final String expression;

	private final String parameter;

	private final @Nullable JsonNode names;

	int position;

	/** Top-level attribute name of the current {@link #PATH} token (placeholder resolved). */
	String pathName = "";

	/** Whether the current {@link #PATH} token is a bare top-level name, without {@code .x} or {@code [n]}. */
	boolean pathSimple;

	/** Start of the current {@link #VALUE} token (its {@code :} character). */
	int valueStart;

	/** Start and end of the current {@link #KEYWORD} or {@link #FUNCTION} name. */
	int wordStart;

	int wordEnd;

	/** The character of the current {@link #OTHER} token (its first character for {@code <=} and the like). */
	char otherChar;

	DynamoDbExpressions(String expression, String parameter, @Nullable JsonNode names) {
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
	 * @return the kind of the next token ({@link #END} at the end of the expression)
	 * @throws IllegalArgumentException if the expression is malformed there
	 */
	int next() {
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

	IllegalArgumentException malformed(String reason) {
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
