package dev.tenancy.credentials;

import java.util.Objects;
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

}
