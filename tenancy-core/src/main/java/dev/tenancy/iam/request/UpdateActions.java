package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static dev.tenancy.iam.request.DynamoDbExpressions.END;
import static dev.tenancy.iam.request.DynamoDbExpressions.EQUALS;
import static dev.tenancy.iam.request.DynamoDbExpressions.FUNCTION;
import static dev.tenancy.iam.request.DynamoDbExpressions.KEYWORD;
import static dev.tenancy.iam.request.DynamoDbExpressions.OTHER;
import static dev.tenancy.iam.request.DynamoDbExpressions.PATH;
import static dev.tenancy.iam.request.DynamoDbExpressions.VALUE;

/**
 * The actions of a DynamoDB {@code UpdateExpression} as far as the index-key rule needs them
 * ({@link IndexKeyConfinement}): which attribute each action changes, how, and the shape of a SET value.
 * {@link #parse} parses an expression into them; {@link #analyse}, which the extractor runs on every
 * {@code UpdateExpression} for {@code dynamodb:Attributes}, finds the common case in the same pass. Both read the
 * tokens of {@link DynamoDbExpressions}.
 *
 * @author tenancy
 * @since 0.1
 */
final class UpdateActions {

	private static final String[] CLAUSES = { "SET", "REMOVE", "ADD", "DELETE" };

	private final DynamoDbExpressions tokens;

	/** The current token of {@link #parse}, which reads one token ahead. */
	private int current;

	private UpdateActions(String expression, @Nullable JsonNode names) {
		this.tokens = new DynamoDbExpressions(expression, "UpdateExpression", names);
	}

	/**
	 * Read an {@code UpdateExpression} like {@link DynamoDbExpressions#analyse} does, collecting its top-level
	 * attribute names, and find in the same pass the common case of what it does to some attributes: when every
	 * reference to one of them is the target of a {@code SET} of a plain value placeholder ({@code attr = :v},
	 * followed by {@code ,}, the next clause or the end), those actions. Any other reference (a nested path,
	 * {@code REMOVE}, {@code ADD}, {@code DELETE}, a computed value, a use as an operand, or text that does not read as
	 * an action) makes the result {@literal null}: only {@link #parse} can tell what it does.
	 * @param expression the expression text
	 * @param names the request's {@code ExpressionAttributeNames}, or {@literal null}
	 * @param attributes receives the distinct top-level attribute names
	 * @param watched the attributes whose actions are wanted (for example the index partition keys); may be empty
	 * @return the SET actions on the watched attributes in the order written (empty if none is referenced), or
	 * {@literal null} if one is referenced in any other way
	 * @throws IllegalArgumentException if the expression is malformed or references an undefined name placeholder
	 */
	static @Nullable List<UpdateAction> analyse(String expression, @Nullable JsonNode names,
			List<String> attributes, List<String> watched) {
		DynamoDbExpressions tokens = new DynamoDbExpressions(expression, "UpdateExpression", names);
		List<UpdateAction> actions = List.of();
		boolean plain = true;
		String clause = "";
		int depth = 0;
		boolean target = false;
		// A watched SET target, and how far its "= :v" has been read: 1 = target, 2 = '=', 3 = ':v'
		String setTarget = null;
		int setStage = 0;
		int setValueStart = -1;
		int token;
		while ((token = tokens.next()) != END) {
			if (setTarget != null) {
				if (setStage == 1 && token == EQUALS || setStage == 2 && token == VALUE) {
					setValueStart = (token == VALUE) ? tokens.valueStart : -1;
					setStage++;
					continue;
				}
				boolean endOfAction = setStage == 3 && (token == KEYWORD && updateClause(tokens) != null
						|| token == OTHER && tokens.otherChar == ',');
				plain &= endOfAction;
				if (endOfAction) {
					actions = add(actions, plainSet(tokens, setTarget, setValueStart));
				}
				setTarget = null;
			}
			boolean atTarget = target;
			target = false;
			if (token == PATH) {
				String name = tokens.pathName;
				DynamoDbExpressions.addDistinct(attributes, name);
				if (watched.contains(name)) {
					if (atTarget && clause.equals("SET") && tokens.pathSimple) {
						setTarget = name;
						setStage = 1;
					}
					else {
						plain = false;
					}
				}
			}
			else if ((token == KEYWORD || token == FUNCTION) && isWatched(tokens, watched)) {
				// An attribute spelt like a keyword or a function: let the parser decide
				plain = false;
			}
			if (token == KEYWORD && depth == 0) {
				String keyword = updateClause(tokens);
				clause = (keyword != null) ? keyword : "";
				target = keyword != null;
			}
			else if (token == OTHER) {
				depth += (tokens.otherChar == '(') ? 1 : (tokens.otherChar == ')') ? -1 : 0;
				target = tokens.otherChar == ',' && depth == 0 && !clause.isEmpty();
			}
		}
		if (setTarget != null) {
			plain &= setStage == 3;
			if (setStage == 3) {
				actions = add(actions, plainSet(tokens, setTarget, setValueStart));
			}
		}
		return plain ? actions : null;
	}

	private static UpdateAction plainSet(DynamoDbExpressions tokens, String attribute, int valueStart) {
		String expression = tokens.expression;
		int end = valueStart + 1;
		while (end < expression.length() && DynamoDbExpressions.isIdentifierPart(expression.charAt(end))) {
			end++;
		}
		return new UpdateAction("SET", attribute, false, new Placeholder(expression.substring(valueStart, end)));
	}

	private static List<UpdateAction> add(List<UpdateAction> actions, UpdateAction action) {
		if (actions.isEmpty()) {
			return List.of(action);
		}
		List<UpdateAction> more = new ArrayList<>(actions);
		more.add(action);
		return more;
	}

	private static boolean isWatched(DynamoDbExpressions tokens, List<String> watched) {
		int length = tokens.wordEnd - tokens.wordStart;
		for (String attribute : watched) {
			if (attribute.length() == length && tokens.expression.startsWith(attribute, tokens.wordStart)) {
				return true;
			}
		}
		return false;
	}

	/** The update clause the current keyword token is, in upper case, or {@literal null} if it is none. */
	private static @Nullable String updateClause(DynamoDbExpressions tokens) {
		int length = tokens.wordEnd - tokens.wordStart;
		for (String clause : CLAUSES) {
			if (clause.length() == length && tokens.expression.regionMatches(true, tokens.wordStart, clause, 0, length)) {
				return clause;
			}
		}
		return null;
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
	static List<UpdateAction> parse(String expression, @Nullable JsonNode names) {
		UpdateActions parser = new UpdateActions(expression, names);
		DynamoDbExpressions tokens = parser.tokens;
		List<UpdateAction> actions = new ArrayList<>(4);
		parser.advance();
		if (parser.current == END) {
			throw tokens.malformed("it has no action");
		}
		while (parser.current != END) {
			if (parser.current != KEYWORD) {
				throw tokens.malformed("expected SET, REMOVE, ADD or DELETE at index " + tokens.wordStart);
			}
			String clause = tokens.expression.substring(tokens.wordStart, tokens.wordEnd).toUpperCase(Locale.ROOT);
			if (!clause.equals("SET") && !clause.equals("REMOVE") && !clause.equals("ADD")
					&& !clause.equals("DELETE")) {
				throw tokens.malformed("'" + clause + "' at index " + tokens.wordStart
						+ " is not an update clause; expected SET, REMOVE, ADD or DELETE");
			}
			do {
				parser.advance();
				if (parser.current != PATH) {
					throw tokens.malformed(clause + " is not followed by an attribute path");
				}
				String attribute = tokens.pathName;
				boolean nested = !tokens.pathSimple;
				parser.advance();
				Operand value = null;
				if (clause.equals("SET")) {
					if (parser.current != EQUALS) {
						throw tokens.malformed("a SET action on '" + Printable.of(attribute) + "' has no '='");
					}
					parser.advance();
					value = parser.value();
				}
				else if (!clause.equals("REMOVE")) {
					value = parser.operand();
				}
				actions.add(new UpdateAction(clause, attribute, nested, value));
			}
			while (parser.current == OTHER && tokens.otherChar == ',');
		}
		return actions;
	}

	private void advance() {
		this.current = this.tokens.next();
	}

	private Operand value() {
		Operand left = operand();
		if (this.current == OTHER && (this.tokens.otherChar == '+' || this.tokens.otherChar == '-')) {
			char operator = this.tokens.otherChar;
			advance();
			return new Arithmetic(left, operator, operand());
		}
		return left;
	}

	private Operand operand() {
		switch (this.current) {
			case PATH -> {
				Operand path = new Path(this.tokens.pathName, !this.tokens.pathSimple);
				advance();
				return path;
			}
			case VALUE -> {
				Operand placeholder = new Placeholder(
						this.tokens.expression.substring(this.tokens.valueStart, this.tokens.position));
				advance();
				return placeholder;
			}
			case FUNCTION -> {
				String function = this.tokens.expression.substring(this.tokens.wordStart, this.tokens.wordEnd);
				advance();
				// FUNCTION is returned only in front of '('
				advance();
				List<Operand> arguments = new ArrayList<>(2);
				if (!(this.current == OTHER && this.tokens.otherChar == ')')) {
					arguments.add(value());
					while (this.current == OTHER && this.tokens.otherChar == ',') {
						advance();
						arguments.add(value());
					}
				}
				if (!(this.current == OTHER && this.tokens.otherChar == ')')) {
					throw this.tokens.malformed("the call of " + Printable.of(function) + " is not closed with ')'");
				}
				advance();
				return new Call(function, arguments);
			}
			default -> throw this.tokens.malformed("expected a path, a :value placeholder or a function at index "
					+ this.tokens.position);
		}
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
