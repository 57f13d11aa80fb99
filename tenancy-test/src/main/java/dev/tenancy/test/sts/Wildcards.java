package dev.tenancy.test.sts;

/**
 * IAM-style wildcard matching: {@code *} matches any run of characters, {@code ?} exactly one.
 *
 * @author tenancy
 * @since 0.1
 */
final class Wildcards {

	private Wildcards() {
	}

	/**
	 * @param pattern the pattern
	 * @param text the text
	 * @param ignoreCase whether to compare case-insensitively (IAM action names)
	 * @return whether {@code text} matches {@code pattern} entirely
	 */
	static boolean matches(String pattern, String text, boolean ignoreCase) {
		int p = 0;
		int t = 0;
		int star = -1;
		int mark = 0;
		while (t < text.length()) {
			if (p < pattern.length() && pattern.charAt(p) == '*') {
				star = p++;
				mark = t;
			}
			else if (p < pattern.length()
					&& (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
				p++;
				t++;
			}
			else if (star >= 0) {
				p = star + 1;
				t = ++mark;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
	}

	private static boolean same(char a, char b, boolean ignoreCase) {
		return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
	}

}
