package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The actions of a DynamoDB {@code UpdateExpression} as far as the index-key rule needs them
 * ({@link IndexKeyConfinement}): which attribute each action changes, how, and the shape of a SET value.
 * {@link DynamoDbExpressions#updateActions} parses an expression into them; {@link #plainSets} finds the common case
 * without parsing.
 *
 * @author tenancy
 * @since 0.1
 */
final class UpdateActions {

	private UpdateActions() {
	}

	/**
	 * The common case of {@link DynamoDbExpressions#updateActions} without parsing: the actions on the given attributes, if every
	 * reference to them in the expression — the name written out, or a name placeholder that resolves to it — is either
	 * the target of a SET of a plain value placeholder ({@code attr = :v}, {@code #a = :v}) or a later component of
	 * another attribute's path ({@code x.attr}). In an update expression {@code =} follows only the target of a SET
	 * action, and {@code :v} followed by nothing, {@code ,} or the next clause keyword is the whole value; an
	 * expression DynamoDB accepts has no other reading. Anything else (REMOVE, ADD, DELETE, a computed value, a use as
	 * an operand, a nested path of the attribute) returns {@literal null}: parse it with {@link DynamoDbExpressions#updateActions}.
	 * @param expression the expression text
	 * @param names the request's {@code ExpressionAttributeNames}, or {@literal null}
	 * @param attributes the attributes whose actions are wanted
	 * @return the SET actions on those attributes (empty if none is referenced), or {@literal null} if the
	 * expression needs the full parse
	 */
	static @Nullable List<UpdateAction> plainSets(String expression, @Nullable JsonNode names,
			Iterable<String> attributes) {
		List<UpdateAction> sets = new ArrayList<>(1);
		for (String attribute : attributes) {
			if (!plainSets(expression, attribute, attribute, false, sets)) {
				return null;
			}
			if (names != null) {
				for (Map.Entry<String, JsonNode> name : names.properties()) {
					if (attribute.equals(name.getValue().stringValue(null))
							&& !plainSets(expression, name.getKey(), attribute, true, sets)) {
						return null;
					}
				}
			}
		}
		return sets;
	}

	/**
	 * Add a SET action for each occurrence of a token that refers to an attribute.
	 * @return {@code false} if an occurrence is neither a plain SET target nor a later path component
	 */
	private static boolean plainSets(String expression, String token, String attribute, boolean placeholder,
			List<UpdateAction> sets) {
		int n = expression.length();
		int from = 0;
		int at;
		while ((at = expression.indexOf(token, from)) >= 0) {
			from = at + token.length();
			if (from < n && DynamoDbExpressions.isIdentifierPart(expression.charAt(from))) {
				// A longer name or placeholder that merely starts with the token
				continue;
			}
			char before = (at > 0) ? expression.charAt(at - 1) : ' ';
			if (DynamoDbExpressions.isIdentifierPart(before) || before == '#' || before == ':') {
				if (placeholder) {
					return false;
				}
				// Part of a longer name, or a placeholder that is spelt like the attribute
				continue;
			}
			int previous = at - 1;
			while (previous >= 0 && DynamoDbExpressions.isWhitespace(expression.charAt(previous))) {
				previous--;
			}
			if (previous >= 0 && expression.charAt(previous) == '.') {
				// A later component of another attribute's path
				continue;
			}
			int i = skipWhitespace(expression, from);
			if (i >= n || expression.charAt(i) != '=') {
				return false;
			}
			i = skipWhitespace(expression, i + 1);
			if (i >= n || expression.charAt(i) != ':') {
				return false;
			}
			int valueStart = i++;
			while (i < n && DynamoDbExpressions.isIdentifierPart(expression.charAt(i))) {
				i++;
			}
			int valueEnd = i;
			i = skipWhitespace(expression, i);
			if (valueEnd == valueStart + 1
					|| (i < n && expression.charAt(i) != ',' && !DynamoDbExpressions.isIdentifierStart(expression.charAt(i)))) {
				return false;
			}
			sets.add(new UpdateAction("SET", attribute, false,
					new Placeholder(expression.substring(valueStart, valueEnd))));
		}
		return true;
	}

	private static int skipWhitespace(String expression, int from) {
		int i = from;
		while (i < expression.length() && DynamoDbExpressions.isWhitespace(expression.charAt(i))) {
			i++;
		}
		return i;
	}

	/**
	 * One action of an {@code UpdateExpression}.
	 * @param clause {@code SET}, {@code REMOVE}, {@code ADD} or {@code DELETE}
	 * @param attribute the top-level attribute the action changes
	 * @param nested whether the action changes an element inside the attribute ({@code a.b}, {@code a[0]}) rather
	 * than the attribute itself
	 * @param value the value of a SET, the placeholder of an ADD or DELETE (or whatever operand was written there),
	 * {@literal null} for a REMOVE
	 */
	record UpdateAction(String clause, String attribute, boolean nested, @Nullable Operand value) {
	}

	/** An operand of an update value. */
	sealed interface Operand permits Path, Placeholder, Call, Arithmetic {
	}

	/**
	 * A document path.
	 * @param attribute its top-level attribute
	 * @param nested whether it names an element inside that attribute
	 */
	record Path(String attribute, boolean nested) implements Operand {
	}

	/**
	 * A value placeholder.
	 * @param name the placeholder, with its {@code :}
	 */
	record Placeholder(String name) implements Operand {
	}

	/**
	 * A function call, for example {@code if_not_exists(path, :v)} or {@code list_append(a, :v)}.
	 * @param function the function name as written
	 * @param arguments the arguments
	 */
	record Call(String function, List<Operand> arguments) implements Operand {
	}

	/**
	 * {@code left + right} or {@code left - right}.
	 * @param left the left operand
	 * @param operator {@code +} or {@code -}
	 * @param right the right operand
	 */
	record Arithmetic(Operand left, char operator, Operand right) implements Operand {
	}

}
