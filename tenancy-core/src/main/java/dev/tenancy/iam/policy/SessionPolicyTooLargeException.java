package dev.tenancy.iam.policy;

import java.io.Serial;

/**
 * Thrown when a generated session policy does not fit the STS limit for an inline session policy, 2,048 characters
 * (docs/IAM.md R33, TH-16). Raised at startup by {@link TenancyPolicies#validateSessionPolicySize()} for the worst case
 * (a tenant id of the maximum length), so that a configuration listing too many tables, indexes or attributes fails
 * before the first AssumeRole rather than on it.
 *
 * @author tenancy
 * @since 0.1
 */
public class SessionPolicyTooLargeException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	/** Size of the minified policy, in characters. */
	private final int size;

	/** The limit, in characters. */
	private final int limit;

	/**
	 * @param message the detail message, naming the limit, the size and what to reduce
	 * @param size the size of the minified policy, in characters
	 * @param limit the limit, in characters
	 */
	public SessionPolicyTooLargeException(String message, int size, int limit) {
		super(message);
		this.size = size;
		this.limit = limit;
	}

	/**
	 * @return the size of the minified policy, in characters
	 */
	public int size() {
		return this.size;
	}

	/**
	 * @return the limit, in characters
	 */
	public int limit() {
		return this.limit;
	}

}
