package dev.tenancy.credentials;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.policy.TenancyPolicies;

/**
 * The STS {@code AssumeRole} rules the library relies on, each defined once: the role session name of a tenant, the
 * shape of a role ARN, the session durations and external ids STS accepts and what it accepts as an inline session
 * policy (its size limit is
 * {@link TenancyPolicies#SESSION_POLICY_MAX_LENGTH}, which the policy generator checks too; docs/IAM.md R33, R35). The
 * credentials provider, the starter and the test kit's local STS all use these definitions.
 *
 * @author tenancy
 * @since 0.1
 */
public final class RoleSessionRules {

	private static final Pattern ROLE_ARN = Pattern
		.compile("arn:aws(?:-[a-z]+)*:iam::\\d{12}:role/(?:[!-~&&[^/]]+/)*[\\w+=,.@-]{1,64}");

	private static final Duration MIN_SESSION_DURATION = Duration.ofSeconds(900);

	private static final Duration MAX_SESSION_DURATION = Duration.ofSeconds(43_200);

	private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

	private RoleSessionRules() {
	}

	/**
	 * Check a session duration STS accepts: whole seconds from 900 (15 minutes) to 43,200 (12 hours).
	 * @param sessionDuration the duration
	 * @return the duration
	 * @throws IllegalArgumentException if STS would refuse it
	 */
	public static Duration requireSessionDuration(@Nullable Duration sessionDuration) {
		if (sessionDuration == null || sessionDuration.compareTo(MIN_SESSION_DURATION) < 0
				|| sessionDuration.compareTo(MAX_SESSION_DURATION) > 0 || sessionDuration.getNano() != 0) {
			throw new IllegalArgumentException(String.format("Session duration '%s' is not accepted by STS; use "
					+ "whole seconds from 900 (15 minutes) to 43,200 (12 hours), and at most 3,600 when the "
					+ "application runs as a role session.", sessionDuration));
		}
		return sessionDuration;
	}

	/**
	 * Check a time setting of the session refresh (refresh-ahead, stale time).
	 * @param duration the duration
	 * @param name what it is, named in the error
	 * @return the duration
	 * @throws IllegalArgumentException if it is missing or negative
	 */
	static Duration nonNegative(@Nullable Duration duration, String name) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException(String.format("%s must be zero or positive, not '%s'.", name, duration));
		}
		return duration;
	}

	/**
	 * Check an external id STS accepts: 2 to 1,224 characters, each a letter, a digit or one of {@code _+=,.@:/-}.
	 * @param externalId the external id
	 * @return the external id
	 * @throws IllegalArgumentException if STS would refuse it (the message does not repeat the value, a secret)
	 */
	public static String requireExternalId(String externalId) {
		if (!EXTERNAL_ID.matcher(externalId).matches()) {
			throw new IllegalArgumentException("External id is not accepted by STS; use 2 to 1,224 characters, "
					+ "each a letter, a digit or one of '_+=,.@:/-'.");
		}
		return externalId;
	}

	/**
	 * The role session name of a tenant's session, {@code tenant-<id>}; it appears in CloudTrail and in the
	 * assumed-role ARN.
	 * @param tenant the tenant
	 * @return the role session name
	 */
	public static String roleSessionName(TenantId tenant) {
		return AccessVariant.UNRESTRICTED.roleSessionName(tenant);
	}

	/**
	 * Whether a text is an IAM role ARN: {@code arn:<partition>:iam::<12-digit account id>:role/<path/><name>}.
	 * @param roleArn the text, may be {@literal null}
	 * @return {@code true} if it is a role ARN
	 */
	public static boolean isRoleArn(@Nullable String roleArn) {
		return roleArn != null && ROLE_ARN.matcher(roleArn).matches();
	}

	/**
	 * What makes a session policy unacceptable to STS, if anything: empty, longer than
	 * {@value TenancyPolicies#SESSION_POLICY_MAX_LENGTH} characters, or a character outside U+0020 to U+00FF (tab,
	 * line feed and carriage return allowed).
	 * @param policy the session policy
	 * @return what is wrong with it, as the end of a sentence starting with "the session policy", or {@literal null}
	 */
	static @Nullable String sessionPolicyProblem(@Nullable String policy) {
		if (policy == null || policy.isBlank()) {
			return "is empty";
		}
		if (policy.length() > TenancyPolicies.SESSION_POLICY_MAX_LENGTH) {
			return String.format("has %d characters, more than the %d STS accepts (minify it or grant fewer "
					+ "tables, indexes and attributes)", policy.length(), TenancyPolicies.SESSION_POLICY_MAX_LENGTH);
		}
		for (int i = 0; i < policy.length(); i++) {
			char c = policy.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c > 0xFF) {
				return String.format("contains the character U+%04X at index %d, which STS does not accept "
						+ "(allowed: U+0020 to U+00FF, tab, line feed, carriage return)", (int) c, i);
			}
		}
		return null;
	}

}
