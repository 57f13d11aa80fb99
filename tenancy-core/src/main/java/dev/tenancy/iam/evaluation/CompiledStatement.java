package dev.tenancy.iam.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamResource;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * One precompiled statement of an identity-based or session policy. It applies to a request if and only if its
 * Action/NotAction, Resource/NotResource and every condition match (docs/IAM.md R3).
 *
 * @author tenancy
 * @since 0.1
 */
final class CompiledStatement {

	private final IamStatement source;

	private final String label;

	private final int ordinal;

	private final boolean deny;

	private final ValuePattern[] actions;

	private final boolean notAction;

	private final ValuePattern[] resources;

	private final boolean notResource;

	private final CompiledCondition[] conditions;

	/**
	 * @param source the statement
	 * @param label how messages name it, for example {@code 'TenantItems'} or {@code #2}
	 * @param ordinal its position in its gate (all policies of one type)
	 * @param variables whether policy variables are enabled (R6)
	 * @param session the session, for variables and owned keys
	 * @throws IllegalArgumentException if the statement is not a valid identity or session policy statement
	 */
	CompiledStatement(IamStatement source, String label, int ordinal, boolean variables, SessionKeys session) {
		this.source = source;
		this.label = label;
		this.ordinal = ordinal;
		this.deny = effect(source, label);
		if (!source.principals().isEmpty() || !source.notPrincipals().isEmpty()) {
			throw invalid(label,
					"names a Principal or NotPrincipal, which identity-based and session policies must not");
		}
		List<IamAction> actionList = exactlyOne(source.actions(), source.notActions(), label, "Action", "NotAction");
		this.notAction = source.actions().isEmpty();
		this.actions = new ValuePattern[actionList.size()];
		for (int i = 0; i < this.actions.length; i++) {
			// R4: actions take wildcards, no variables, and are matched case-insensitively
			this.actions[i] = ValuePattern.compile(actionList.get(i).value(), ValuePattern.Mode.LIKE, false, session);
		}
		List<IamResource> resourceList = exactlyOne(source.resources(), source.notResources(), label, "Resource",
				"NotResource");
		this.notResource = source.resources().isEmpty();
		// Where a resource cannot be parsed or AWS's ARN matching is not documented, take the reading that makes
		// the statement apply less if it allows and more if it denies: matching broadly widens a Deny's Resource and
		// an Allow's NotResource.
		boolean broad = this.deny != this.notResource;
		this.resources = new ValuePattern[resourceList.size()];
		for (int i = 0; i < this.resources.length; i++) {
			this.resources[i] = ValuePattern.compileArn(resourceList.get(i).value(), broad, variables, session);
		}
		this.conditions = compileConditions(source.conditions(), this.deny, variables, session);
	}

	private static CompiledCondition[] compileConditions(List<IamCondition> conditions, boolean deny,
			boolean variables, SessionKeys session) {
		// The SDK flattens "Operator": {"key": [v1, v2]} into one IamCondition per value; regroup (R7).
		Map<String, Map<String, List<String>>> grouped = new LinkedHashMap<>();
		for (IamCondition condition : conditions) {
			grouped.computeIfAbsent(condition.operator().value(), (operator) -> new LinkedHashMap<>())
				.computeIfAbsent(condition.key().value(), (key) -> new ArrayList<>())
				.add(condition.value());
		}
		List<CompiledCondition> compiled = new ArrayList<>();
		grouped.forEach((operator, keys) -> keys.forEach((key, values) -> compiled
			.add(new CompiledCondition(operator, key, values, deny, variables, session))));
		return compiled.toArray(new CompiledCondition[0]);
	}

	private static boolean effect(IamStatement statement, String label) {
		IamEffect effect = statement.effect();
		if (effect != null && "Allow".equals(effect.value())) {
			return false;
		}
		if (effect != null && "Deny".equals(effect.value())) {
			return true;
		}
		throw invalid(label, "has Effect '" + ((effect != null) ? effect.value() : null)
				+ "'; it must be 'Allow' or 'Deny'");
	}

	private static <T> List<T> exactlyOne(List<T> element, List<T> notElement, String label, String name,
			String notName) {
		if (element.isEmpty() == notElement.isEmpty()) {
			throw invalid(label, "must have exactly one of " + name + " and " + notName + ", each non-empty");
		}
		return element.isEmpty() ? notElement : element;
	}

	private static IllegalArgumentException invalid(String label, String problem) {
		return new IllegalArgumentException(
				"Policy statement " + label + " " + problem + "; fix the policy document before using it.");
	}

	/**
	 * Whether this statement applies to the request (R3).
	 */
	boolean applies(AuthorizationRequest request) {
		Map<String, List<String>> context = request.context();
		if (matchesAny(this.actions, request.action(), true, context) == this.notAction) {
			return false;
		}
		if (matchesAny(this.resources, request.resource(), false, context) == this.notResource) {
			return false;
		}
		for (CompiledCondition condition : this.conditions) {
			if (!condition.matches(context)) {
				return false;
			}
		}
		return true;
	}

	private static boolean matchesAny(ValuePattern[] patterns, String value, boolean ignoreCase,
			Map<String, List<String>> context) {
		for (ValuePattern pattern : patterns) {
			if (pattern.matches(value, ignoreCase, context)) {
				return true;
			}
		}
		return false;
	}

	boolean isDeny() {
		return this.deny;
	}

	IamStatement source() {
		return this.source;
	}

	String label() {
		return this.label;
	}

	int ordinal() {
		return this.ordinal;
	}

	@Override
	public String toString() {
		return "statement " + this.label;
	}

	/**
	 * @return how messages name a statement: its Sid, or its 1-based position (and policy, if the gate has several)
	 */
	static String label(@Nullable String sid, int statementIndex, int policyIndex, int policyCount) {
		if (sid != null && !sid.isEmpty()) {
			return "'" + sid + "'";
		}
		return "#" + (statementIndex + 1) + ((policyCount > 1) ? " of policy " + (policyIndex + 1) : "");
	}

}
