package dev.tenancy.keys;

import java.util.List;

/**
 * Test-only plain matching of IAM {@code StringLike} patterns ({@code *} = any run of characters, {@code ?} = exactly
 * one character, case-sensitive; docs/IAM.md R10) and of {@code ForAllValues} over a request's value set (R14), to
 * double-check generated {@code dynamodb:LeadingKeys} patterns without the policy evaluator.
 *
 * @author tenancy
 */
public final class StringLikeMatcher {

	private StringLikeMatcher() {
	}

	public static boolean matches(String pattern, String value) {
		return matches(pattern, 0, value, 0);
	}

	private static boolean matches(String pattern, int p, String value, int v) {
		if (p == pattern.length()) {
			return v == value.length();
		}
		char c = pattern.charAt(p);
		if (c == '*') {
			for (int i = v; i <= value.length(); i++) {
				if (matches(pattern, p + 1, value, i)) {
					return true;
				}
			}
			return false;
		}
		return v < value.length() && (c == '?' || c == value.charAt(v)) && matches(pattern, p + 1, value, v + 1);
	}

	public static boolean matchesAny(List<String> patterns, String value) {
		return patterns.stream().anyMatch(pattern -> matches(pattern, value));
	}

	/** {@code ForAllValues:StringLike} plus the {@code Null: false} guard: non-empty and every value matches. */
	public static boolean forAllValuesWithNullGuard(List<String> patterns, List<String> values) {
		return !values.isEmpty() && values.stream().allMatch(value -> matchesAny(patterns, value));
	}

}
