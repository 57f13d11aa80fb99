package dev.tenancy.context;

import java.io.Serial;
import java.io.Serializable;

/**
 * A validated tenant identifier.
 * <p>
 * A tenant id flows into a DynamoDB partition key ({@code TENANT#<id>}), an STS role session name
 * ({@code tenant-<id>}), an STS session tag value and an IAM policy document. The only characters all four accept
 * literally, without any wildcard or policy-variable meaning, are ASCII letters, digits, {@code .}, {@code _} and
 * {@code -}; the length is limited to {@value #MAX_LENGTH} characters so that {@code tenant-<id>} fits a role session
 * name. Anything else ({@code *}, {@code ?}, {@code $}, {@code #}, {@code /}, whitespace, non-ASCII look-alikes, the
 * empty string) is rejected here, before any STS or DynamoDB call.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantId implements Comparable<TenantId>, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** Longest accepted tenant id. */
	public static final int MAX_LENGTH = 48;

	/** Human-readable statement of the accepted format, used in error messages. */
	public static final String ALLOWED = "1 to " + MAX_LENGTH
			+ " characters, each an ASCII letter, a digit, '.', '_' or '-'";

	private final String value;

	private TenantId(String value) {
		this.value = value;
	}

	/**
	 * Validate and wrap a raw tenant id.
	 * @param value the raw id, for example a JWT claim; may be {@literal null}, which is rejected
	 * @return the tenant id
	 * @throws InvalidTenantIdException if the value is null, empty, too long or contains a character outside
	 * {@code [A-Za-z0-9._-]}
	 */
	public static TenantId of(@org.jspecify.annotations.Nullable String value) {
		if (value == null) {
			throw new InvalidTenantIdException("Tenant id must not be null; a tenant id is " + ALLOWED + ".");
		}
		if (value.isEmpty() || value.length() > MAX_LENGTH) {
			throw new InvalidTenantIdException(String.format("Invalid tenant id '%s' (length %d): a tenant id is %s.",
					Printable.of(value), value.length(), ALLOWED));
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!isAllowed(c)) {
				throw new InvalidTenantIdException(String.format(
						"Invalid tenant id '%s': character '%s' at index %d is not allowed; a tenant id is %s.",
						Printable.of(value), Printable.of(String.valueOf(c)), i, ALLOWED));
			}
		}
		return new TenantId(value);
	}

	/**
	 * Whether the value is a valid tenant id, without throwing.
	 * @param value the raw id
	 * @return {@code true} if {@link #of(String)} would accept it
	 */
	public static boolean isValid(@org.jspecify.annotations.Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (!isAllowed(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == '-';
	}

	/**
	 * @return the raw, validated value
	 */
	public String value() {
		return this.value;
	}

	@Override
	public int compareTo(TenantId other) {
		return this.value.compareTo(other.value);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof TenantId that && this.value.equals(that.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
