package dev.tenancy.iam.evaluation;


import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

import org.springframework.util.Assert;

/**
 * The result of evaluating one {@link AuthorizationRequest} for one {@link PrincipalSession}.
 * <p>
 * For a denial, {@link #message()} is the text AWS puts into an {@code AccessDeniedException} (docs/IAM.md R32), for
 * example {@code User: arn:aws:sts::123456789012:assumed-role/TenantRole/t1-session is not authorized to perform:
 * dynamodb:GetItem on resource: arn:aws:dynamodb:us-west-2:123456789012:table/GameScores because no session policy
 * allows the dynamodb:GetItem action}. For an allowed request it names the statements that allowed it.
 *
 * @param outcome allowed, explicitly denied or implicitly denied
 * @param request the request that was evaluated
 * @param deciding the gate that decided: for a denial the gate named in the message; for an allowed request the
 * session gate if a session policy exists, else the identity-based gate
 * @param statement the deciding statement: the Deny statement of an explicit deny, the deciding gate's first
 * applicable Allow statement of an allowed request, {@literal null} for an implicit deny
 * @param message the AWS-style denial message, or a short description of what allowed the request
 * @author tenancy
 * @since 0.1
 */
public record Decision(Outcome outcome, AuthorizationRequest request, @Nullable PolicyType deciding,
		@Nullable IamStatement statement, String message) {

	/**
	 * Canonical constructor: checks the required components.
	 */
	public Decision {
		Assert.notNull(outcome, "Outcome must not be null");
		Assert.notNull(request, "Request must not be null");
		Assert.notNull(message, "Message must not be null");
	}

	/**
	 * @return whether the request is allowed
	 */
	public boolean allowed() {
		return this.outcome == Outcome.ALLOWED;
	}

}
