package dev.tenancy.iam.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * A precompiled policy value: an action, a resource or a condition value, with its policy variables (docs/IAM.md R15)
 * resolved as far as the session allows.
 * <p>
 * Variables whose key the session owns ({@link SessionKeys}) are substituted at compile time, so the common case is a
 * constant pattern that matches without allocating. A variable with no value and no default makes the whole pattern
 * match nothing (R15). Substituted values, defaults and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}} are
 * always literal, even in {@code StringLike}/{@code ArnLike} (R15: resolved {@code *}/{@code ?} are escaped, the
 * reading that denies). Variables on keys the session does not own are resolved from the request context on each match (the
 * rare, allocating path).
 *
 * @author tenancy
 * @since 0.1
 */
final class ValuePattern {

	/** How the policy text's own {@code *}, {@code ?} and {@code :} are read. */
	enum Mode {

		/** Every character literal ({@code StringEquals}, {@code Bool}, ...). */
		LITERAL,

		/** {@code *} and {@code ?} are wildcards ({@code StringLike}, actions). */
		LIKE,

		/** Wildcards, and the first five colons separate ARN segments (resources, {@code ArnLike}). */
		ARN

	}

	private static final int NEVER_KIND = 0;

	private static final int ALL_KIND = 1;

	private static final int CONSTANT_KIND = 2;

	private static final int TEMPLATE_KIND = 3;

	private static final Object[] NO_PARTS = new Object[0];

	private static final Wildcards.Glob[] NO_GLOBS = new Wildcards.Glob[0];

	/**
	 * Compiled patterns that depend on no session value (no policy variable), shared by every compiled policy: the
	 * actions, resources and fixed condition values of every tenant's session policy are compiled once.
	 */
	private static final Cache<SharedKey, ValuePattern> SHARED = Caffeine.newBuilder().maximumSize(16_384).build();

	private final String source;

	private final Mode mode;

	private final int kind;

	private final @Nullable String literal;

	private final Object[] parts;

	private final Wildcards.Glob[] globs;

	private final int separators;

	/** For an ARN pattern: whether it takes the broad reading (see {@link #compileArn}). */
	private final boolean broad;

	private ValuePattern(String source, Mode mode, int kind, @Nullable String literal, Object[] parts,
			Wildcards.Glob[] globs, int separators, boolean broad) {
		this.source = source;
		this.mode = mode;
		this.kind = kind;
		this.literal = literal;
		this.parts = parts;
		this.globs = globs;
		this.separators = separators;
		this.broad = broad;
	}

	/**
	 * A pattern that matches nothing (R15 variable without a value, or a fail-closed replacement).
	 */
	static ValuePattern never(String source) {
		return new ValuePattern(source, Mode.LITERAL, NEVER_KIND, null, NO_PARTS, NO_GLOBS, 0, false);
	}

	/**
	 * A pattern that matches everything (a fail-closed replacement).
	 */
	static ValuePattern all(String source) {
		return new ValuePattern(source, Mode.LITERAL, ALL_KIND, null, NO_PARTS, NO_GLOBS, 0, false);
	}

	/**
	 * Compile an ARN pattern (a {@code Resource}/{@code NotResource} entry or an ARN condition value) in the reading
	 * that denies where AWS's matching is not documented. The caller says which reading that is: {@code broad} when
	 * matching more makes the statement deny more or allow less (a Deny's {@code Resource}, an Allow's
	 * {@code NotResource}, and likewise for the ARN condition operators), strict otherwise.
	 * <ul>
	 * <li>Strict: every segment compares case-sensitively, and an empty segment matches only an empty one.</li>
	 * <li>Broad: letters compare case-insensitively in every segment, and an empty partition, service, Region or
	 * account segment matches any value.</li>
	 * <li>A pattern that is neither {@code *} nor six ARN segments matches everything when broad and nothing when
	 * strict.</li>
	 * </ul>
	 * @param text the pattern as written in the policy
	 * @param broad whether to take the broad reading
	 * @param variables whether {@code ${...}} is a policy variable (R6)
	 * @param session the session whose owned keys are substituted now
	 */
	static ValuePattern compileArn(String text, boolean broad, boolean variables, SessionKeys session) {
		ValuePattern pattern = compile(text, Mode.ARN, broad, variables, session);
		if (pattern.isWellFormedArn()) {
			return pattern;
		}
		return broad ? all(text) : never(text);
	}

	/**
	 * Compile a policy value.
	 * @param text the value as written in the policy
	 * @param mode how the policy text's wildcards and colons are read
	 * @param variables whether {@code ${...}} is a policy variable (R6: only with Version 2012-10-17)
	 * @param session the session whose owned keys are substituted now
	 */
	static ValuePattern compile(String text, Mode mode, boolean variables, SessionKeys session) {
		return compile(text, mode, false, variables, session);
	}

	private static ValuePattern compile(String text, Mode mode, boolean broad, boolean variables,
			SessionKeys session) {
		if (!variables || !text.contains("${")) {
			// Nothing of the session goes into it: one shared instance serves every policy and tenant
			return SHARED.get(new SharedKey(text, mode, broad), (key) -> compileNew(text, mode, broad, false, session));
		}
		return compileNew(text, mode, broad, variables, session);
	}

	private static ValuePattern compileNew(String text, Mode mode, boolean broad, boolean variables,
			SessionKeys session) {
		if (mode != Mode.LITERAL && "*".equals(text)) {
			return new ValuePattern(text, mode, ALL_KIND, null, NO_PARTS, NO_GLOBS, 0, false);
		}
		Codes buffer = new Codes(text.length());
		List<Object> parts = null;
		int separators = 0;
		int i = 0;
		int length = text.length();
		while (i < length) {
			char c = text.charAt(i);
			if (variables && c == '$' && i + 1 < length && text.charAt(i + 1) == '{') {
				int end = text.indexOf('}', i + 2);
				if (end > 0) {
					String inner = text.substring(i + 2, end).trim();
					if (inner.length() == 1 && "*?$".indexOf(inner.charAt(0)) >= 0) {
						buffer.add(inner.charAt(0));
						i = end + 1;
						continue;
					}
					Variable variable = Variable.parse(inner);
					if (variable != null) {
						if (session.owns(variable.key())) {
							String value = variable.resolve(session.values(variable.key()));
							if (value == null) {
								return never(text);
							}
							buffer.addLiteral(value);
						}
						else {
							if (parts == null) {
								parts = new ArrayList<>();
							}
							parts.add(buffer.drain());
							parts.add(variable);
						}
						i = end + 1;
						continue;
					}
				}
			}
			if (mode != Mode.LITERAL && c == '*') {
				buffer.add(Wildcards.STAR);
			}
			else if (mode != Mode.LITERAL && c == '?') {
				buffer.add(Wildcards.ANY);
			}
			else if (mode == Mode.ARN && c == ':' && separators < Wildcards.ARN_SEPARATORS) {
				buffer.add(Wildcards.SEPARATOR);
				separators++;
			}
			else {
				buffer.add(c);
			}
			i++;
		}
		if (parts != null) {
			parts.add(buffer.drain());
			return new ValuePattern(text, mode, TEMPLATE_KIND, null, parts.toArray(), NO_GLOBS, separators, broad);
		}
		int[] codes = buffer.drain();
		boolean arn = mode == Mode.ARN && separators >= Wildcards.ARN_SEPARATORS;
		// Without wildcards a pattern is plain (case-insensitive for actions) string equality: for an ARN too, since
		// both sides are then split at the same five colons, unless a broad empty segment is a wildcard.
		String literal = (Codes.hasWildcard(codes) || (arn && broad && Wildcards.hasEmptySegment(codes))) ? null
				: Codes.toLiteral(codes);
		Wildcards.Glob[] globs = arn ? Wildcards.arnGlobs(codes, broad)
				: new Wildcards.Glob[] { Wildcards.glob(codes, 0, codes.length) };
		return new ValuePattern(text, mode, CONSTANT_KIND, literal, NO_PARTS, globs, separators, broad);
	}

	/**
	 * @return whether an {@link Mode#ARN} pattern has all six ARN segments (or is {@code *} or matches nothing)
	 */
	boolean isWellFormedArn() {
		return this.kind == ALL_KIND || this.kind == NEVER_KIND || this.separators >= Wildcards.ARN_SEPARATORS;
	}

	/**
	 * @param value the request value (action, resource ARN or condition value)
	 * @param ignoreCase whether literal characters compare case-insensitively
	 * @param context the request context, for variables on keys the session does not own
	 */
	boolean matches(String value, boolean ignoreCase, Map<String, List<String>> context) {
		boolean fold = ignoreCase || this.broad;
		switch (this.kind) {
			case ALL_KIND:
				return true;
			case CONSTANT_KIND:
				if (this.literal != null) {
					return fold ? this.literal.equalsIgnoreCase(value) : this.literal.equals(value);
				}
				if (this.globs.length > 1) {
					return Wildcards.matchesArn(this.globs, value, fold);
				}
				return this.globs[0].matches(value, 0, value.length(), fold);
			case TEMPLATE_KIND:
				int[] expanded = expand(context);
				return expanded != null && matchCodes(expanded, value, fold);
			default:
				return false;
		}
	}

	private boolean matchCodes(int[] codes, String value, boolean ignoreCase) {
		if (this.mode == Mode.ARN) {
			return Wildcards.matchesArn(codes, value, this.broad);
		}
		return Wildcards.matches(codes, 0, codes.length, value, 0, value.length(), ignoreCase);
	}

	private int @Nullable [] expand(Map<String, List<String>> context) {
		Codes buffer = new Codes(this.source.length() + 16);
		for (Object part : this.parts) {
			if (part instanceof Variable variable) {
				String value = variable.resolve(context.get(variable.key()));
				if (value == null) {
					return null;
				}
				buffer.addLiteral(value);
			}
			else {
				buffer.addAll((int[]) part);
			}
		}
		return buffer.drain();
	}

	@Override
	public String toString() {
		return this.source;
	}

	/**
	 * A policy variable {@code ${key}} or {@code ${key, 'default'}}; the key is lower-cased (R9).
	 */
	private record SharedKey(String text, Mode mode, boolean broad) {
	}

	record Variable(String key, @Nullable String defaultValue) {

		static @Nullable Variable parse(String inner) {
			String key = inner;
			String defaultValue = null;
			int comma = inner.indexOf(',');
			if (comma >= 0) {
				key = inner.substring(0, comma).trim();
				String rest = inner.substring(comma + 1).trim();
				if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
					return null;
				}
				defaultValue = rest.substring(1, rest.length() - 1);
			}
			if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
				return null;
			}
			return new Variable(key.toLowerCase(Locale.ROOT), defaultValue);
		}

		/**
		 * Only a single-valued key yields a value (R15); otherwise the default, if any.
		 */
		@Nullable String resolve(@Nullable List<String> values) {
			if (values != null && values.size() == 1) {
				return values.get(0);
			}
			return this.defaultValue;
		}

	}

	/**
	 * A growable {@code int[]} of pattern codes.
	 */
	private static final class Codes {

		private int[] codes;

		private int size;

		Codes(int capacity) {
			this.codes = new int[Math.max(capacity, 4)];
		}

		void add(int code) {
			if (this.size == this.codes.length) {
				this.codes = Arrays.copyOf(this.codes, this.size * 2);
			}
			this.codes[this.size++] = code;
		}

		void addLiteral(String value) {
			for (int i = 0; i < value.length(); i++) {
				add(value.charAt(i));
			}
		}

		void addAll(int[] more) {
			for (int code : more) {
				add(code);
			}
		}

		int[] drain() {
			int[] result = Arrays.copyOf(this.codes, this.size);
			this.size = 0;
			return result;
		}

		static boolean hasWildcard(int[] codes) {
			for (int code : codes) {
				if (code == Wildcards.STAR || code == Wildcards.ANY) {
					return true;
				}
			}
			return false;
		}

		static String toLiteral(int[] codes) {
			char[] chars = new char[codes.length];
			for (int i = 0; i < codes.length; i++) {
				chars[i] = (codes[i] == Wildcards.SEPARATOR) ? ':' : (char) codes[i];
			}
			return new String(chars);
		}

	}

}
