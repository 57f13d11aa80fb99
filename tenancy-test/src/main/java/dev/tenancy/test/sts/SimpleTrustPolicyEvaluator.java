package dev.tenancy.test.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The built-in {@link TrustPolicyEvaluator}; see {@link TrustPolicyEvaluator#simple()} for what it understands.
 *
 * @author tenancy
 * @since 0.1
 */
final class SimpleTrustPolicyEvaluator implements TrustPolicyEvaluator {

	static final SimpleTrustPolicyEvaluator INSTANCE = new SimpleTrustPolicyEvaluator();

	private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
			"StringLike", "StringNotLike", "Null");

	private enum Match {

		YES, NO, UNKNOWN;

		Match and(Match other) {
			if (this == NO || other == NO) {
				return NO;
			}
			return (this == UNKNOWN || other == UNKNOWN) ? UNKNOWN : YES;
		}

	}

	private SimpleTrustPolicyEvaluator() {
	}

	@Override
	public boolean allows(RoleDefinition role, IssuedSession caller, String action,
			Map<String, List<String>> context) {
		JsonNode policy = PolicyDocuments.requireObject(role.trustPolicy(),
				"trust policy of role '" + role.arn() + "'");
		Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		keys.putAll(context);
		boolean allowed = false;
		for (JsonNode statement : elements(policy.get("Statement"))) {
			String effect = statement.path("Effect").asString("");
			Match match = statementMatches(statement, caller, action, keys);
			if ("Deny".equals(effect) && match != Match.NO) {
				return false;
			}
			if ("Allow".equals(effect) && match == Match.YES) {
				allowed = true;
			}
		}
		return allowed;
	}

	private static Match statementMatches(JsonNode statement, IssuedSession caller, String action,
			Map<String, List<String>> context) {
		if (statement.has("NotPrincipal") || statement.has("NotAction")) {
			return Match.UNKNOWN;
		}
		return principalMatches(statement.get("Principal"), caller)
			.and(actionMatches(statement.get("Action"), action))
			.and(conditionMatches(statement.get("Condition"), context));
	}

	private static Match principalMatches(@Nullable JsonNode principal, IssuedSession caller) {
		if (principal == null) {
			return Match.UNKNOWN;
		}
		if (principal.isString()) {
			return "*".equals(principal.stringValue()) ? Match.YES : Match.UNKNOWN;
		}
		JsonNode aws = principal.get("AWS");
		if (aws == null) {
			return Match.NO;
		}
		for (JsonNode value : elements(aws)) {
			String name = value.asString("");
			if (name.equals("*") || name.equals(caller.principalArn()) || name.equals(caller.account())
					|| name.equals("arn:aws:iam::" + caller.account() + ":root") || name.equals(caller.roleArn())) {
				return Match.YES;
			}
		}
		return Match.NO;
	}

	private static Match actionMatches(@Nullable JsonNode actions, String action) {
		if (actions == null) {
			return Match.UNKNOWN;
		}
		for (JsonNode value : elements(actions)) {
			if (Wildcards.matches(value.asString(""), action, true)) {
				return Match.YES;
			}
		}
		return Match.NO;
	}

	private static Match conditionMatches(@Nullable JsonNode condition, Map<String, List<String>> context) {
		if (condition == null) {
			return Match.YES;
		}
		Match result = Match.YES;
		for (Map.Entry<String, JsonNode> operator : condition.properties()) {
			for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
				result = result.and(evaluate(operator.getKey(), context.get(key.getKey()), elements(key.getValue())));
			}
		}
		return result;
	}

	private static Match evaluate(String operator, @Nullable List<String> actual, List<JsonNode> expectedNodes) {
		String base = operator;
		String set = null;
		int colon = base.indexOf(':');
		if (colon >= 0) {
			set = base.substring(0, colon);
			base = base.substring(colon + 1);
			if (!set.equals("ForAllValues") && !set.equals("ForAnyValue")) {
				return Match.UNKNOWN;
			}
		}
		boolean ifExists = base.endsWith("IfExists");
		if (ifExists) {
			base = base.substring(0, base.length() - "IfExists".length());
		}
		if (!OPERATORS.contains(base)) {
			return Match.UNKNOWN;
		}
		List<String> expected = new ArrayList<>();
		for (JsonNode node : expectedNodes) {
			String value = node.asString("");
			if (value.contains("${")) {
				return Match.UNKNOWN;
			}
			expected.add(value);
		}
		boolean present = actual != null && !actual.isEmpty();
		if (base.equals("Null")) {
			boolean wantAbsent = expected.size() == 1 && expected.get(0).equalsIgnoreCase("true");
			return toMatch(wantAbsent != present);
		}
		boolean negated = base.startsWith("StringNot");
		if (!present) {
			if ("ForAllValues".equals(set)) {
				return Match.YES;
			}
			if ("ForAnyValue".equals(set)) {
				return Match.NO;
			}
			return toMatch(ifExists || negated);
		}
		String finalBase = base;
		if ("ForAllValues".equals(set)) {
			return toMatch(actual.stream().allMatch((value) -> anyMatches(finalBase, expected, value) != negated));
		}
		if ("ForAnyValue".equals(set)) {
			return toMatch(actual.stream().anyMatch((value) -> anyMatches(finalBase, expected, value) != negated));
		}
		boolean anyMatch = actual.stream().anyMatch((value) -> anyMatches(finalBase, expected, value));
		return toMatch(anyMatch != negated);
	}

	private static boolean anyMatches(String operator, List<String> expected, String value) {
		for (String candidate : expected) {
			boolean matches = switch (operator) {
				case "StringEquals", "StringNotEquals" -> candidate.equals(value);
				case "StringEqualsIgnoreCase" -> candidate.equalsIgnoreCase(value);
				default -> Wildcards.matches(candidate, value, false);
			};
			if (matches) {
				return true;
			}
		}
		return false;
	}

	private static Match toMatch(boolean value) {
		return value ? Match.YES : Match.NO;
	}

	private static List<JsonNode> elements(@Nullable JsonNode node) {
		if (node == null) {
			return List.of();
		}
		if (node.isArray()) {
			List<JsonNode> result = new ArrayList<>(node.size());
			node.forEach(result::add);
			return result;
		}
		return List.of(node);
	}

}
