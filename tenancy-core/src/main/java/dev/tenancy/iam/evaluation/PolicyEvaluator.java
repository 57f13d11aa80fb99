package dev.tenancy.iam.evaluation;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Evaluates identity-based and session policies the way AWS IAM does, for the client-side guard and for the test
 * kit's IAM-enforcing gateway (docs/IAM.md §1 R1–R16 and the DynamoDB condition keys R19–R26).
 * <p>
 * Decision logic (R1, R2): an applicable Deny in any gate is an {@link Outcome#EXPLICIT_DENY}; otherwise the
 * identity-based gate must allow, and, if the session has session policies, the session gate must allow too
 * (intersection); otherwise {@link Outcome#IMPLICIT_DENY}. Resource-based policies, permissions boundaries and
 * organization policies are out of scope.
 * <p>
 * Messages follow AWS's shape (R32): {@code User: <principal> is not authorized to perform: <action> on resource:
 * <resource> because no <type> policy allows the <action> action}, and for an explicit deny {@code ... with an
 * explicit deny in a session policy} / {@code ... in an identity-based policy} (the article as grammar requires; IAM's
 * troubleshooting page once spelled it "a sessions policy"). AWS names only one policy type when several fail, and
 * which one is UNCONFIRMED: this evaluator names the identity-based gate first (for explicit and implicit denies),
 * then the session gate.
 * <p>
 * Where AWS's behaviour is UNCONFIRMED or a policy uses something this evaluator does not implement, it fails closed
 * (docs/IAM.md rule in brackets):
 * <ul>
 * <li>Unsupported condition operators ({@code IpAddress}, {@code NotIpAddress}, {@code BinaryEquals}, unknown names,
 * {@code Null} with {@code IfExists} or a set operator) and unparseable Numeric/Date/Null policy values never match in
 * an Allow statement and always match in a Deny statement. String, ARN, Numeric, Date, Bool and Null operators,
 * {@code ...IfExists} and {@code ForAllValues:}/{@code ForAnyValue:} are implemented (R10–R14).</li>
 * <li>A multivalued key ({@code dynamodb:LeadingKeys}, {@code dynamodb:Attributes}, ...) or a key with other than one
 * value used without a set operator never matches in an Allow and always matches in a Deny
 * (R14: unconfirmed, the reading that denies).</li>
 * <li>A request value set that is empty or holds only empty strings is a null data set: {@code ForAllValues} is true,
 * {@code ForAnyValue} false, and {@code Null} treats the key as absent, so the {@code Null:false} guard catches it
 * (R13, R14).</li>
 * <li>A {@code Resource} that is neither {@code *} nor a six-part ARN matches nothing in an Allow and everything in a
 * Deny, and the reverse for {@code NotResource}: an Allow grants nothing and a Deny is not narrowed (R5).</li>
 * <li>Where AWS does not document how ARN segments compare, an Allow's {@code Resource} (and a Deny's
 * {@code NotResource}) is read strictly: case-sensitive, an empty segment matches only an empty one. A Deny's
 * {@code Resource} (and an Allow's {@code NotResource}) is read broadly: case-insensitive, an empty partition,
 * service, Region or account segment matches any value. The ARN condition operators follow the same rule.</li>
 * <li>Resolved policy variables are literal in {@code StringLike}/{@code ArnLike} (R15); a variable without value and
 * default matches nothing (R15); principal keys come from the {@link PrincipalSession} only (R16).</li>
 * <li>{@code IamPolicy.fromJson} reports Version 2012-10-17 for a document without one; pass such JSON through
 * {@link PrincipalSession.Builder#identityPolicyJson(String)} so that its variables stay literal (R6).</li>
 * </ul>
 * <p>
 * The evaluator is stateless and thread-safe; all policy compilation happens in
 * {@link PrincipalSession.Builder#build()}. On the allow path {@link #evaluate} allocates only the {@link Decision}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class PolicyEvaluator {

	private static final PolicyEvaluator INSTANCE = new PolicyEvaluator();

	private PolicyEvaluator() {
	}

	/**
	 * @return the evaluator (stateless, shareable)
	 */
	public static PolicyEvaluator create() {
		return INSTANCE;
	}

	/**
	 * Evaluate one request.
	 * @param session the principal with its compiled policies
	 * @param request the action, resource and request context
	 * @return the decision, never {@literal null}
	 */
	public Decision evaluate(PrincipalSession session, AuthorizationRequest request) {
		CompiledStatement identity = session.identityGate().decide(request);
		if (identity != null && identity.isDeny()) {
			return explicitDeny(session, request, PolicyType.IDENTITY_BASED, identity);
		}
		CompiledGate sessionGate = session.sessionGate();
		CompiledStatement sessionStatement = (sessionGate != null) ? sessionGate.decide(request) : null;
		if (sessionStatement != null && sessionStatement.isDeny()) {
			return explicitDeny(session, request, PolicyType.SESSION, sessionStatement);
		}
		if (identity == null) {
			return implicitDeny(session, request, PolicyType.IDENTITY_BASED);
		}
		if (sessionGate != null && sessionStatement == null) {
			return implicitDeny(session, request, PolicyType.SESSION);
		}
		CompiledStatement deciding = (sessionStatement != null) ? sessionStatement : identity;
		return new Decision(Outcome.ALLOWED, request,
				(sessionStatement != null) ? PolicyType.SESSION : PolicyType.IDENTITY_BASED, deciding.source(),
				session.allowMessage(identity, sessionStatement));
	}

	/**
	 * Evaluate the authorizations of one API call (a batch or transaction yields one per table or sub-operation); the
	 * call is allowed only if all are (docs/IAM.md R28, whole call denied). An explicit deny is preferred over an
	 * implicit one, because it is the stronger and order-independent reason; among equals the first in list order is
	 * returned.
	 * @param session the principal with its compiled policies
	 * @param requests the authorizations, at least one
	 * @return the first explicit deny, else the first implicit deny, else the last allowed decision
	 * @throws IllegalArgumentException if {@code requests} is empty
	 */
	public Decision evaluateAll(PrincipalSession session, List<AuthorizationRequest> requests) {
		Assert.notEmpty(requests, "Requests must not be empty; an API call yields at least one authorization.");
		Decision implicitDeny = null;
		Decision last = null;
		for (AuthorizationRequest request : requests) {
			Decision decision = evaluate(session, request);
			if (decision.outcome() == Outcome.EXPLICIT_DENY) {
				return decision;
			}
			if (decision.outcome() == Outcome.IMPLICIT_DENY && implicitDeny == null) {
				implicitDeny = decision;
			}
			last = decision;
		}
		return (implicitDeny != null) ? implicitDeny : last;
	}

	private static Decision explicitDeny(PrincipalSession session, AuthorizationRequest request, PolicyType type,
			CompiledStatement statement) {
		String article = (type == PolicyType.IDENTITY_BASED) ? "an " : "a ";
		return new Decision(Outcome.EXPLICIT_DENY, request, type, statement.source(),
				prefix(session, request) + " with an explicit deny in " + article + type.wording() + " policy");
	}

	private static Decision implicitDeny(PrincipalSession session, AuthorizationRequest request, PolicyType type) {
		return new Decision(Outcome.IMPLICIT_DENY, request, type, null, prefix(session, request) + " because no "
				+ type.wording() + " policy allows the " + request.action() + " action");
	}

	private static String prefix(PrincipalSession session, AuthorizationRequest request) {
		return "User: " + session.principalArn() + " is not authorized to perform: " + request.action()
				+ " on resource: " + request.resource();
	}

	@Override
	public String toString() {
		return "PolicyEvaluator[identity-based and session policies]";
	}

}
