package dev.tenancy.test.sts;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a role's trust policy lets a caller perform an STS action ({@code sts:AssumeRole},
 * {@code sts:TagSession}) on the role.
 * <p>
 * {@link LocalSts} calls it once for {@code sts:AssumeRole} and, when session tags are passed, once for
 * {@code sts:TagSession}; a {@code false} answer becomes an {@code AccessDenied} (HTTP 403) error. The default,
 * {@link #simple()}, understands a small IAM subset; a full policy evaluator can be plugged in instead.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TrustPolicyEvaluator {

	/**
	 * Evaluate the trust policy of a role.
	 * @param role the role to be assumed
	 * @param caller the identity calling STS
	 * @param action the action, {@code sts:AssumeRole} or {@code sts:TagSession}
	 * @param context the request context keys STS provides: {@code aws:PrincipalArn}, {@code aws:PrincipalAccount},
	 * {@code sts:RoleSessionName}, {@code sts:ExternalId} (if sent), {@code aws:RequestTag/<key>} and
	 * {@code aws:TagKeys} (if tags are sent), {@code sts:TransitiveTagKeys} (if sent)
	 * @return whether the trust policy allows the action
	 */
	boolean allows(RoleDefinition role, IssuedSession caller, String action, Map<String, List<String>> context);

	/**
	 * The built-in evaluator: explicit {@code Deny} wins over {@code Allow}; a statement matches when its
	 * {@code Principal} is {@code "*"} or its {@code Principal.AWS} names the caller's ARN, the caller's role (for a
	 * role session), the caller's account root or account id, and its {@code Action} matches (wildcards allowed).
	 * Conditions with {@code StringEquals}, {@code StringNotEquals}, {@code StringEqualsIgnoreCase},
	 * {@code StringLike}, {@code StringNotLike} and {@code Null} (with {@code ForAllValues:}/{@code ForAnyValue:}
	 * and {@code IfExists}) are evaluated. Anything else ({@code NotPrincipal}, {@code NotAction}, other operators, policy variables) fails
	 * closed: such an {@code Allow} statement never matches and such a {@code Deny} statement always does.
	 * @return the evaluator
	 */
	static TrustPolicyEvaluator simple() {
		return SimpleTrustPolicyEvaluator.INSTANCE;
	}

}
