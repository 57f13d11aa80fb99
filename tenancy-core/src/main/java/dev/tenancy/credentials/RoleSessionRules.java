package dev.tenancy.credentials;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;

/**
 * The STS {@code AssumeRole} rules the library relies on, each defined once: the inline session-policy size limit,
 * the role session name of a tenant and the shape of a role ARN (docs/IAM.md R33, R35). The credentials provider,
 * the policy generator and the test kit's local STS all use these definitions.
 *
 * @author tenancy
 * @since 0.1
 */
public final class RoleSessionRules {

	/** Largest inline session policy STS accepts, in characters (docs/IAM.md R33). */
	public static final int MAX_SESSION_POLICY_LENGTH = 2048;

	/** Prefix of a tenant's role session name; the tenant id follows. */
	public static final String ROLE_SESSION_NAME_PREFIX = "tenant-";

	private static final Pattern ROLE_ARN = Pattern
		.compile("arn:aws(?:-[a-z]+)*:iam::\\d{12}:role/(?:[!-~&&[^/]]+/)*[\\w+=,.@-]{1,64}");

	private RoleSessionRules() {
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
	 * {@value #MAX_SESSION_POLICY_LENGTH} characters, or a character outside U+0020 to U+00FF (tab, line feed and
	 * carriage return allowed).
	 * @param policy the session policy
	 * @return what is wrong with it, as the end of a sentence starting with "the session policy", or {@literal null}
	 */
	static @Nullable String sessionPolicyProblem(@Nullable String policy) {
		if (policy == null || policy.isBlank()) {
			return "is empty";
		}
		if (policy.length() > MAX_SESSION_POLICY_LENGTH) {
			return String.format("has %d characters, more than the %d STS accepts (minify it or grant fewer "
					+ "tables, indexes and attributes)", policy.length(), MAX_SESSION_POLICY_LENGTH);
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
