package dev.tenancy.iam.evaluation;

/**
 * Hand-written wildcard matching for IAM patterns, used instead of {@code java.util.regex} so that the hot path
 * neither compiles nor allocates.
 * <p>
 * A compiled pattern is an {@code int[]}: a value {@code >= 0} is a literal character, {@link #STAR} is {@code *} (any
 * run of characters, including none), {@link #ANY} is {@code ?} (exactly one character) and {@link #SEPARATOR} is
 * one of the first five colons of an ARN pattern (docs/IAM.md R5: ARN segments are matched one by one, and in the
 * resource part after the fifth colon {@code *} also spans {@code /} and {@code :}).
 *
 * @author tenancy
 * @since 0.1
 */
final class Wildcards {

	/** {@code *}: any run of characters, including the empty one. */
	static final int STAR = -1;

	/** {@code ?}: exactly one character. */
	static final int ANY = -2;

	/** One of the first five colons of an ARN pattern. */
	static final int SEPARATOR = -3;

	/** Number of colons before the resource part of an ARN ({@code arn:partition:service:region:account:}). */
	static final int ARN_SEPARATORS = 5;

	private Wildcards() {
	}

	/**
	 * Match {@code pattern[pFrom, pTo)} against {@code text[tFrom, tTo)}: the classic greedy algorithm that backtracks
	 * only to the last {@code *}, linear for typical IAM patterns.
	 */
	static boolean matches(int[] pattern, int pFrom, int pTo, String text, int tFrom, int tTo, boolean ignoreCase) {
		int p = pFrom;
		int t = tFrom;
		int starP = -1;
		int starT = -1;
		while (t < tTo) {
			if (p < pTo) {
				int code = pattern[p];
				if (code == STAR) {
					starP = p++;
					starT = t;
					continue;
				}
				if (code == ANY || (code >= 0 && sameChar((char) code, text.charAt(t), ignoreCase))) {
					p++;
					t++;
					continue;
				}
			}
			if (starP < 0) {
				return false;
			}
			p = starP + 1;
			t = ++starT;
		}
		while (p < pTo && pattern[p] == STAR) {
			p++;
		}
		return p == pTo;
	}

	/**
	 * Match a pattern containing {@link #ARN_SEPARATORS} {@link #SEPARATOR separators} against an ARN: the first five
	 * segments one by one (a wildcard never spans a colon there), then the resource part. In the broad reading
	 * letters compare case-insensitively and an empty segment among the first five matches any value.
	 */
	static boolean matchesArn(int[] pattern, String arn, boolean broad) {
		int p = 0;
		int t = 0;
		for (int segment = 0; segment < ARN_SEPARATORS; segment++) {
			int pEnd = indexOfSeparator(pattern, p);
			int tEnd = arn.indexOf(':', t);
			if (pEnd < 0 || tEnd < 0) {
				return false;
			}
			if (!(broad && pEnd == p) && !matches(pattern, p, pEnd, arn, t, tEnd, broad)) {
				return false;
			}
			p = pEnd + 1;
			t = tEnd + 1;
		}
		return matches(pattern, p, pattern.length, arn, t, arn.length(), broad);
	}

	/**
	 * @return whether one of the first five segments of an ARN pattern is empty
	 */
	static boolean hasEmptySegment(int[] pattern) {
		int from = 0;
		for (int segment = 0; segment < ARN_SEPARATORS; segment++) {
			int end = indexOfSeparator(pattern, from);
			if (end == from) {
				return true;
			}
			from = end + 1;
		}
		return false;
	}

	/**
	 * Compile a constant pattern (or one ARN segment of it) into the cheapest matcher for its shape.
	 */
	static Glob glob(int[] pattern, int from, int to) {
		boolean onlyStars = true;
		int firstWildcard = -1;
		int wildcards = 0;
		for (int i = from; i < to; i++) {
			int code = pattern[i];
			if (code != STAR) {
				onlyStars = false;
			}
			if (code == STAR || code == ANY) {
				wildcards++;
				if (firstWildcard < 0) {
					firstWildcard = i;
				}
			}
		}
		if (onlyStars && to > from) {
			return new Glob(Glob.ALL, "", pattern, from, to);
		}
		if (wildcards == 0) {
			return new Glob(Glob.LITERAL, text(pattern, from, to), pattern, from, to);
		}
		if (wildcards == 1 && firstWildcard == to - 1 && pattern[firstWildcard] == STAR) {
			return new Glob(Glob.PREFIX, text(pattern, from, to - 1), pattern, from, to);
		}
		return new Glob(Glob.GENERAL, "", pattern, from, to);
	}

	/**
	 * Compile a constant ARN pattern with {@link #ARN_SEPARATORS} separators into six segment matchers; in the broad
	 * reading an empty segment among the first five matches any value.
	 */
	static Glob[] arnGlobs(int[] pattern, boolean broad) {
		Glob[] segments = new Glob[ARN_SEPARATORS + 1];
		int from = 0;
		for (int segment = 0; segment < ARN_SEPARATORS; segment++) {
			int end = indexOfSeparator(pattern, from);
			segments[segment] = (broad && end == from) ? new Glob(Glob.ALL, "", pattern, from, end)
					: glob(pattern, from, end);
			from = end + 1;
		}
		segments[ARN_SEPARATORS] = glob(pattern, from, pattern.length);
		return segments;
	}

	/**
	 * Match an ARN against six segment matchers from {@link #arnGlobs(int[], boolean)}.
	 */
	static boolean matchesArn(Glob[] segments, String arn, boolean ignoreCase) {
		int t = 0;
		for (int segment = 0; segment < ARN_SEPARATORS; segment++) {
			int tEnd = arn.indexOf(':', t);
			if (tEnd < 0 || !segments[segment].matches(arn, t, tEnd, ignoreCase)) {
				return false;
			}
			t = tEnd + 1;
		}
		return segments[ARN_SEPARATORS].matches(arn, t, arn.length(), ignoreCase);
	}

	private static String text(int[] pattern, int from, int to) {
		char[] chars = new char[to - from];
		for (int i = from; i < to; i++) {
			chars[i - from] = (pattern[i] == SEPARATOR) ? ':' : (char) pattern[i];
		}
		return new String(chars);
	}

	private static int indexOfSeparator(int[] pattern, int from) {
		for (int i = from; i < pattern.length; i++) {
			if (pattern[i] == SEPARATOR) {
				return i;
			}
		}
		return -1;
	}

	private static boolean sameChar(char a, char b, boolean ignoreCase) {
		if (a == b) {
			return true;
		}
		if (!ignoreCase) {
			return false;
		}
		char upperA = Character.toUpperCase(a);
		char upperB = Character.toUpperCase(b);
		return upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
	}

	/**
	 * A precompiled constant pattern: everything, a literal, a literal prefix followed by {@code *}, or a general
	 * wildcard pattern. The first three use {@link String#regionMatches} and avoid the general loop.
	 */
	static final class Glob {

		static final int ALL = 0;

		static final int LITERAL = 1;

		static final int PREFIX = 2;

		static final int GENERAL = 3;

		private final int kind;

		private final String text;

		private final int[] pattern;

		private final int from;

		private final int to;

		private Glob(int kind, String text, int[] pattern, int from, int to) {
			this.kind = kind;
			this.text = text;
			this.pattern = pattern;
			this.from = from;
			this.to = to;
		}

		boolean matches(String value, int valueFrom, int valueTo, boolean ignoreCase) {
			int length = valueTo - valueFrom;
			return switch (this.kind) {
				case ALL -> true;
				case LITERAL -> length == this.text.length()
						&& value.regionMatches(ignoreCase, valueFrom, this.text, 0, length);
				case PREFIX -> length >= this.text.length()
						&& value.regionMatches(ignoreCase, valueFrom, this.text, 0, this.text.length());
				default -> Wildcards.matches(this.pattern, this.from, this.to, value, valueFrom, valueTo, ignoreCase);
			};
		}

	}

}
