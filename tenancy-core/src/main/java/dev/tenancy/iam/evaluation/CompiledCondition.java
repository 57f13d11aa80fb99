package dev.tenancy.iam.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One precompiled condition: an operator, one key and its values (OR-ed, or NOR-ed for a negated operator; docs/IAM.md
 * R7, R8). All conditions of a statement are AND-ed by {@link CompiledStatement}.
 * <p>
 * Supported: the six String operators, {@code Bool}, {@code Null}, the four ARN operators, the six Numeric and the six
 * Date operators, each with {@code ...IfExists} (except {@code Null}) and with {@code ForAllValues:} /
 * {@code ForAnyValue:}. Anything else ({@code IpAddress}, {@code NotIpAddress}, {@code BinaryEquals}, unknown names,
 * {@code Null} with {@code IfExists} or a set operator, an unparseable number, date or {@code Null} value) is
 * <em>unsupported</em> and fails closed: it never matches in an {@code Allow} statement and always matches in a
 * {@code Deny} statement.
 *
 * @author tenancy
 * @since 0.1
 */
final class CompiledCondition {

	/**
	 * Multivalued keys (SAR type {@code ArrayOf...}). Used without a set operator they never match in an Allow
	 * and always match in a Deny (fail closed; AWS behaviour unconfirmed, docs/IAM.md R14).
	 */
	private static final Set<String> MULTIVALUED_KEYS = Set.of(AuthorizationRequest.LEADING_KEYS,
			AuthorizationRequest.ATTRIBUTES, "dynamodb:firstpartitionkeyvalues", "dynamodb:secondpartitionkeyvalues",
			"dynamodb:thirdpartitionkeyvalues", "dynamodb:fourthpartitionkeyvalues", "dynamodb:fistargetarns",
			"aws:tagkeys", "aws:calledvia", "aws:principalorgpaths", "aws:resourceorgpaths",
			"aws:principalservicenameslist");

	private static final Map<String, Operator> OPERATORS = new HashMap<>();

	static {
		for (Operator operator : Operator.values()) {
			OPERATORS.put(operator.name().replace("_", "").toLowerCase(Locale.ROOT), operator);
		}
	}

	private final String operatorName;

	private final String key;

	private final boolean sessionOwned;

	private final boolean multivalued;

	private final @Nullable List<String> sessionValues;

	private final @Nullable Operator operator;

	private final SetOperator set;

	private final boolean ifExists;

	/** For an unsupported condition: its fixed, fail-closed result; otherwise {@literal null}. */
	private final @Nullable Boolean fixedResult;

	/** What a multivalued key without a set operator yields: fail closed. */
	private final boolean misuseResult;

	private final ValuePattern[] patterns;

	private final BigDecimal[] numbers;

	private final long[] instants;

	private final String[] literals;

	private final boolean nullMatchesAbsent;

	private final boolean nullMatchesPresent;

	/**
	 * @param operatorName the operator as written, for example {@code ForAllValues:StringEqualsIfExists}
	 * @param key the condition key as written (matched case-insensitively, R9)
	 * @param values the values as written
	 * @param deny whether the enclosing statement is a Deny (decides the fail-closed results)
	 * @param variables whether policy variables are enabled (R6)
	 * @param session the session, for owned keys and variables
	 */
	CompiledCondition(String operatorName, String key, List<String> values, boolean deny, boolean variables,
			SessionKeys session) {
		this.operatorName = operatorName;
		this.key = key.toLowerCase(Locale.ROOT);
		this.sessionOwned = session.owns(this.key);
		this.multivalued = MULTIVALUED_KEYS.contains(this.key);
		this.sessionValues = this.sessionOwned ? session.values(this.key) : null;
		this.misuseResult = deny;

		String name = operatorName;
		SetOperator setOperator = SetOperator.NONE;
		if (name.regionMatches(true, 0, "ForAllValues:", 0, 13)) {
			setOperator = SetOperator.FOR_ALL_VALUES;
			name = name.substring(13);
		}
		else if (name.regionMatches(true, 0, "ForAnyValue:", 0, 12)) {
			setOperator = SetOperator.FOR_ANY_VALUE;
			name = name.substring(12);
		}
		boolean exists = name.length() > 8 && name.regionMatches(true, name.length() - 8, "IfExists", 0, 8);
		if (exists) {
			name = name.substring(0, name.length() - 8);
		}
		this.set = setOperator;
		this.ifExists = exists;
		Operator op = OPERATORS.get(name.toLowerCase(Locale.ROOT));

		ValuePattern[] compiledPatterns = new ValuePattern[0];
		BigDecimal[] compiledNumbers = new BigDecimal[0];
		long[] compiledInstants = new long[0];
		String[] compiledLiterals = new String[0];
		boolean absent = false;
		boolean present = false;
		boolean supported = op != null && op.family != Family.UNSUPPORTED;
		if (supported) {
			switch (op.family) {
				case STRING, ARN -> {
					ValuePattern.Mode mode = switch (op) {
						case STRING_LIKE, STRING_NOT_LIKE -> ValuePattern.Mode.LIKE;
						case ARN_EQUALS, ARN_NOT_EQUALS, ARN_LIKE, ARN_NOT_LIKE -> ValuePattern.Mode.ARN;
						default -> ValuePattern.Mode.LITERAL;
					};
					// An ARN value takes the reading that denies: broad when a match makes the condition true in a
					// Deny or false in an Allow (ValuePattern#compileArn).
					boolean broad = deny != op.negated;
					compiledPatterns = new ValuePattern[values.size()];
					for (int i = 0; i < compiledPatterns.length; i++) {
						compiledPatterns[i] = (mode == ValuePattern.Mode.ARN)
								? ValuePattern.compileArn(values.get(i), broad, variables, session)
								: ValuePattern.compile(values.get(i), mode, variables, session);
					}
				}
				case NUMERIC -> {
					compiledNumbers = new BigDecimal[values.size()];
					for (int i = 0; i < compiledNumbers.length && supported; i++) {
						compiledNumbers[i] = parseNumber(values.get(i));
						supported = compiledNumbers[i] != null;
					}
				}
				case DATE -> {
					compiledInstants = new long[values.size()];
					for (int i = 0; i < compiledInstants.length && supported; i++) {
						Long instant = parseInstant(values.get(i));
						supported = instant != null;
						compiledInstants[i] = (instant != null) ? instant : 0L;
					}
				}
				case BOOL -> compiledLiterals = values.toArray(new String[0]);
				case NULL -> {
					supported = !exists && setOperator == SetOperator.NONE;
					for (String value : values) {
						if ("true".equalsIgnoreCase(value)) {
							absent = true;
						}
						else if ("false".equalsIgnoreCase(value)) {
							present = true;
						}
						else {
							supported = false;
						}
					}
				}
				default -> supported = false;
			}
		}
		this.operator = supported ? op : null;
		this.fixedResult = supported ? null : deny;
		this.patterns = compiledPatterns;
		this.numbers = compiledNumbers;
		this.instants = compiledInstants;
		this.literals = compiledLiterals;
		this.nullMatchesAbsent = absent;
		this.nullMatchesPresent = present;
	}

	/**
	 * Evaluate against a request context (lower-cased keys). R11 (missing keys), R12 (IfExists), R13 (Null) and R14
	 * (set operators; a request value set that is empty or only empty strings is a "null data set").
	 */
	boolean matches(Map<String, List<String>> context) {
		Operator op = this.operator;
		if (op == null) {
			return this.fixedResult != null && this.fixedResult;
		}
		List<String> values = this.sessionOwned ? this.sessionValues : context.get(this.key);
		if (op == Operator.NULL) {
			return isNullDataSet(values) ? this.nullMatchesAbsent : this.nullMatchesPresent;
		}
		switch (this.set) {
			case FOR_ALL_VALUES:
				if (isNullDataSet(values)) {
					return true;
				}
				for (int i = 0, n = values.size(); i < n; i++) {
					if (!matchesOne(op, values.get(i), context)) {
						return false;
					}
				}
				return true;
			case FOR_ANY_VALUE:
				if (values == null) {
					return this.ifExists;
				}
				if (isNullDataSet(values)) {
					return false;
				}
				for (int i = 0, n = values.size(); i < n; i++) {
					if (matchesOne(op, values.get(i), context)) {
						return true;
					}
				}
				return false;
			default:
				if (values == null) {
					return this.ifExists || op.negated;
				}
				if (values.size() != 1 || this.multivalued) {
					return this.misuseResult;
				}
				return matchesOne(op, values.get(0), context);
		}
	}

	private boolean matchesOne(Operator op, String value, Map<String, List<String>> context) {
		boolean any = switch (op.family) {
			case STRING, ARN -> anyPattern(op, value, context);
			case BOOL -> anyLiteralIgnoreCase(value);
			case NUMERIC -> anyNumber(op, value);
			case DATE -> anyInstant(op, value);
			default -> false;
		};
		return op.negated != any;
	}

	private boolean anyPattern(Operator op, String value, Map<String, List<String>> context) {
		boolean ignoreCase = op == Operator.STRING_EQUALS_IGNORE_CASE || op == Operator.STRING_NOT_EQUALS_IGNORE_CASE;
		for (ValuePattern pattern : this.patterns) {
			if (pattern.matches(value, ignoreCase, context)) {
				return true;
			}
		}
		return false;
	}

	private boolean anyLiteralIgnoreCase(String value) {
		for (String literal : this.literals) {
			if (literal.equalsIgnoreCase(value)) {
				return true;
			}
		}
		return false;
	}

	private boolean anyNumber(Operator op, String value) {
		BigDecimal number = parseNumber(value);
		if (number == null) {
			return false;
		}
		for (BigDecimal bound : this.numbers) {
			if (op.comparison.test(number.compareTo(bound))) {
				return true;
			}
		}
		return false;
	}

	private boolean anyInstant(Operator op, String value) {
		Long instant = parseInstant(value);
		if (instant == null) {
			return false;
		}
		for (long bound : this.instants) {
			if (op.comparison.test(Long.compare(instant, bound))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isNullDataSet(@Nullable List<String> values) {
		if (values == null) {
			return true;
		}
		for (int i = 0, n = values.size(); i < n; i++) {
			if (!values.get(i).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable BigDecimal parseNumber(String value) {
		try {
			return new BigDecimal(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Dates as IAM accepts them: epoch seconds, or ISO 8601 (instant, offset, local date-time in UTC, or a date).
	 * @return epoch milliseconds, or {@literal null} if unparseable
	 */
	static @Nullable Long parseInstant(String value) {
		String text = value.trim();
		if (text.isEmpty()) {
			return null;
		}
		boolean digits = true;
		for (int i = (text.charAt(0) == '-') ? 1 : 0; i < text.length() && digits; i++) {
			digits = Character.isDigit(text.charAt(i));
		}
		try {
			if (digits) {
				return Math.multiplyExact(Long.parseLong(text), 1000L);
			}
			if (text.indexOf('T') < 0) {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
			}
			if (text.endsWith("Z") || text.endsWith("z")) {
				return Instant.parse(text.toUpperCase(Locale.ROOT)).toEpochMilli();
			}
			try {
				return OffsetDateTime.parse(text).toInstant().toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
			}
		}
		catch (DateTimeParseException | ArithmeticException | NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return this.operatorName + " " + this.key + " " + Arrays.toString(this.patterns);
	}

	private enum SetOperator {

		NONE, FOR_ALL_VALUES, FOR_ANY_VALUE

	}

	private enum Family {

		STRING, ARN, NUMERIC, DATE, BOOL, NULL, UNSUPPORTED

	}

	/**
	 * Condition operators by base name; the constant name without underscores, lower-cased, is the IAM name.
	 */
	private enum Operator {

		STRING_EQUALS(Family.STRING, false, Comparison.EQ),
		STRING_NOT_EQUALS(Family.STRING, true, Comparison.EQ),
		STRING_EQUALS_IGNORE_CASE(Family.STRING, false, Comparison.EQ),
		STRING_NOT_EQUALS_IGNORE_CASE(Family.STRING, true, Comparison.EQ),
		STRING_LIKE(Family.STRING, false, Comparison.EQ),
		STRING_NOT_LIKE(Family.STRING, true, Comparison.EQ),
		ARN_EQUALS(Family.ARN, false, Comparison.EQ),
		ARN_NOT_EQUALS(Family.ARN, true, Comparison.EQ),
		ARN_LIKE(Family.ARN, false, Comparison.EQ),
		ARN_NOT_LIKE(Family.ARN, true, Comparison.EQ),
		NUMERIC_EQUALS(Family.NUMERIC, false, Comparison.EQ),
		NUMERIC_NOT_EQUALS(Family.NUMERIC, true, Comparison.EQ),
		NUMERIC_LESS_THAN(Family.NUMERIC, false, Comparison.LT),
		NUMERIC_LESS_THAN_EQUALS(Family.NUMERIC, false, Comparison.LE),
		NUMERIC_GREATER_THAN(Family.NUMERIC, false, Comparison.GT),
		NUMERIC_GREATER_THAN_EQUALS(Family.NUMERIC, false, Comparison.GE),
		DATE_EQUALS(Family.DATE, false, Comparison.EQ),
		DATE_NOT_EQUALS(Family.DATE, true, Comparison.EQ),
		DATE_LESS_THAN(Family.DATE, false, Comparison.LT),
		DATE_LESS_THAN_EQUALS(Family.DATE, false, Comparison.LE),
		DATE_GREATER_THAN(Family.DATE, false, Comparison.GT),
		DATE_GREATER_THAN_EQUALS(Family.DATE, false, Comparison.GE),
		BOOL(Family.BOOL, false, Comparison.EQ),
		NULL(Family.NULL, false, Comparison.EQ),
		BINARY_EQUALS(Family.UNSUPPORTED, false, Comparison.EQ),
		IP_ADDRESS(Family.UNSUPPORTED, false, Comparison.EQ),
		NOT_IP_ADDRESS(Family.UNSUPPORTED, true, Comparison.EQ);

		final Family family;

		final boolean negated;

		final Comparison comparison;

		Operator(Family family, boolean negated, Comparison comparison) {
			this.family = family;
			this.negated = negated;
			this.comparison = comparison;
		}

	}

	private enum Comparison {

		EQ, LT, LE, GT, GE;

		/** @param order the request value compared to the policy value ({@code compareTo} result) */
		boolean test(int order) {
			return switch (this) {
				case EQ -> order == 0;
				case LT -> order < 0;
				case LE -> order <= 0;
				case GT -> order > 0;
				case GE -> order >= 0;
			};
		}

	}

}
