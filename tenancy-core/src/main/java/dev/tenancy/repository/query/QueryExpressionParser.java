package dev.tenancy.repository.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tenancy.repository.query.QueryExpression.Comparator;

/**
 * Reads the text of a {@link Query} key condition or filter into a {@link QueryExpression}. The grammar is small and
 * strict, and anything outside it is refused with an {@link IllegalArgumentException} that says what and where:
 *
 * <pre>
 * or         := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | '(' or ')' | comparison
 * comparison := property ( '=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' ) :param
 *             | property BETWEEN :param AND :param
 *             | ( begins_with | contains ) '(' property ',' :param ')'
 *             | ( attribute_exists | attribute_not_exists ) '(' property ')'
 * </pre>
 *
 * Keywords are case-insensitive, function names are written as DynamoDB writes them. A property is a plain name (no
 * nested paths, no {@code #placeholders}); values are only {@code :parameters}, never literals.
 *
 * @author tenancy
 * @since 0.2
 */
final class QueryExpressionParser {

	/** Words that start a PartiQL statement. */
	private static final Set<String> PARTIQL_STATEMENTS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "EXISTS");

	/** Words of PartiQL clauses that no property would be named. */
	private static final Set<String> PARTIQL_CLAUSES = Set.of("FROM", "WHERE");

	private final String text;

	private final List<Token> tokens;

	private int next;

	private QueryExpressionParser(String text) {
		this.text = text;
		this.tokens = tokenize(text);
	}

	/**
	 * @param text the key condition or filter, not blank
	 * @return the expression
	 * @throws IllegalArgumentException if the text is not in the grammar
	 */
	static QueryExpression parse(String text) {
		refusePartiQl(text);
		QueryExpressionParser parser = new QueryExpressionParser(text);
		QueryExpression expression = parser.or();
		Token end = parser.peek();
		if (end.kind() != Kind.END) {
			throw parser.unexpected(end, "AND, OR or the end");
		}
		return expression;
	}

	private static void refusePartiQl(String text) {
		String[] words = text.trim().split("[^A-Za-z0-9_:]+");
		for (int i = 0; i < words.length; i++) {
			// a parameter may be named like a clause (:from)
			String word = words[i].startsWith(":") ? "" : words[i].toUpperCase(Locale.ROOT);
			if (PARTIQL_CLAUSES.contains(word) || (i == 0 && PARTIQL_STATEMENTS.contains(word))) {
				throw new IllegalArgumentException(String.format("'%s' looks like PartiQL, which tenant-scoped "
						+ "repositories never run (a statement is not confined to the tenant's partition); write a key "
						+ "condition such as \"id BETWEEN :from AND :to\".", text));
			}
		}
	}

	private QueryExpression or() {
		List<QueryExpression> alternatives = new ArrayList<>();
		alternatives.add(and());
		while (keyword("OR")) {
			alternatives.add(and());
		}
		return (alternatives.size() == 1) ? alternatives.get(0) : new QueryExpression.Or(alternatives);
	}

	private QueryExpression and() {
		List<QueryExpression> terms = new ArrayList<>();
		terms.add(not());
		while (keyword("AND")) {
			terms.add(not());
		}
		return (terms.size() == 1) ? terms.get(0) : new QueryExpression.And(terms);
	}

	private QueryExpression not() {
		if (keyword("NOT")) {
			return new QueryExpression.Not(not());
		}
		if (symbol("(")) {
			QueryExpression nested = or();
			expectSymbol(")");
			return nested;
		}
		return comparison();
	}

	private QueryExpression comparison() {
		Token word = take(Kind.WORD, "a property or a function");
		if (symbol("(")) {
			return function(word);
		}
		String property = word.text();
		if (keyword("BETWEEN")) {
			String from = parameter();
			if (!keyword("AND")) {
				throw unexpected(peek(), "AND");
			}
			return new QueryExpression.Comparison(property, Comparator.BETWEEN, List.of(from, parameter()));
		}
		Token operator = take(Kind.SYMBOL, "a comparison (=, <>, <, <=, >, >=, BETWEEN)");
		Comparator comparator = switch (operator.text()) {
			case "=" -> Comparator.EQ;
			case "<>" -> Comparator.NE;
			case "<" -> Comparator.LT;
			case "<=" -> Comparator.LE;
			case ">" -> Comparator.GT;
			case ">=" -> Comparator.GE;
			default -> throw unexpected(operator, "a comparison (=, <>, <, <=, >, >=, BETWEEN)");
		};
		return new QueryExpression.Comparison(property, comparator, List.of(parameter()));
	}

	private QueryExpression function(Token name) {
		QueryExpression expression = switch (name.text()) {
			case "begins_with", "contains" -> {
				String property = take(Kind.WORD, "a property").text();
				expectSymbol(",");
				Comparator comparator = name.text().equals("contains") ? Comparator.CONTAINS : Comparator.BEGINS_WITH;
				yield new QueryExpression.Comparison(property, comparator, List.of(parameter()));
			}
			case "attribute_exists", "attribute_not_exists" -> new QueryExpression.Presence(
					take(Kind.WORD, "a property").text(), name.text().equals("attribute_exists"));
			default -> throw new IllegalArgumentException(String.format("'%s' at position %d of '%s' is no supported "
					+ "function; supported are begins_with, contains, attribute_exists and attribute_not_exists.",
					name.text(), name.position(), this.text));
		};
		expectSymbol(")");
		return expression;
	}

	private String parameter() {
		return take(Kind.PARAMETER, "a :parameter (values are always parameters)").text();
	}

	private boolean keyword(String keyword) {
		return accept(Kind.WORD, keyword);
	}

	private boolean symbol(String symbol) {
		return accept(Kind.SYMBOL, symbol);
	}

	/** Consume the next token if it is the given keyword (in any case) or symbol. */
	private boolean accept(Kind kind, String text) {
		Token token = peek();
		boolean matches = token.kind() == kind
				&& ((kind == Kind.WORD) ? token.text().equalsIgnoreCase(text) : token.text().equals(text));
		if (matches) {
			this.next++;
		}
		return matches;
	}

	private void expectSymbol(String symbol) {
		if (!symbol(symbol)) {
			throw unexpected(peek(), "'" + symbol + "'");
		}
	}

	private Token take(Kind kind, String expected) {
		Token token = peek();
		if (token.kind() != kind || (kind == Kind.WORD && isKeyword(token.text()))) {
			throw unexpected(token, expected);
		}
		this.next++;
		return token;
	}

	private static boolean isKeyword(String word) {
		return Set.of("AND", "OR", "NOT", "BETWEEN").contains(word.toUpperCase(Locale.ROOT));
	}

	private Token peek() {
		return this.tokens.get(this.next);
	}

	private IllegalArgumentException unexpected(Token token, String expected) {
		String found = (token.kind() == Kind.END) ? "the end" : "'" + token.text() + "'";
		return new IllegalArgumentException(String.format("expected %s at position %d of '%s', found %s.", expected,
				token.position(), this.text, found));
	}

	private static List<Token> tokenize(String text) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (isNameStart(c) || (c == ':' && i + 1 < text.length() && isNameStart(text.charAt(i + 1)))) {
				int start = i;
				i = (c == ':') ? i + 2 : i + 1;
				while (i < text.length() && isNamePart(text.charAt(i))) {
					i++;
				}
				String word = text.substring(start, i);
				tokens.add((c == ':') ? new Token(Kind.PARAMETER, word.substring(1), start)
						: new Token(Kind.WORD, word, start));
			}
			else if ((c == '<' || c == '>') && i + 1 < text.length()
					&& (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'))) {
				tokens.add(new Token(Kind.SYMBOL, text.substring(i, i + 2), i));
				i += 2;
			}
			else if ("=<>(),".indexOf(c) >= 0) {
				tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
				i++;
			}
			else {
				throw new IllegalArgumentException(String.format("'%s' at position %d of '%s' is not allowed: write "
						+ "entity property names, :parameters, comparisons, AND, OR, NOT and parentheses only (no "
						+ "literals, no #placeholders, no nested paths).", c, i, text));
			}
		}
		tokens.add(new Token(Kind.END, "", text.length()));
		return tokens;
	}

	private static boolean isNameStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	private static boolean isNamePart(char c) {
		return isNameStart(c) || (c >= '0' && c <= '9');
	}

	private enum Kind {

		WORD, PARAMETER, SYMBOL, END

	}

	private record Token(Kind kind, String text, int position) {
	}

}
