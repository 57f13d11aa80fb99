package dev.tenancy.iam.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * All policies of one type (one "gate", docs/IAM.md R2), compiled. The statements of all its policies are OR-ed, which
 * is also how inline and managed session policies are modelled (R2c, INFERRED).
 *
 * @author tenancy
 * @since 0.1
 */
final class CompiledGate {

	private static final String VARIABLES_VERSION = "2012-10-17";

	private final List<IamPolicy> policies;

	private final CompiledStatement[] statements;

	private CompiledGate(List<IamPolicy> policies, CompiledStatement[] statements) {
		this.policies = policies;
		this.statements = statements;
	}

	/**
	 * @param documents the policies with whether their JSON declared a Version
	 * @param session the session, for variables and owned keys
	 */
	static CompiledGate compile(List<PolicyDocument> documents, SessionKeys session) {
		List<CompiledStatement> statements = new ArrayList<>();
		List<IamPolicy> policies = new ArrayList<>(documents.size());
		for (int p = 0; p < documents.size(); p++) {
			PolicyDocument document = documents.get(p);
			IamPolicy policy = document.policy();
			policies.add(policy);
			// R6: variables only with Version 2012-10-17; otherwise '${...}' is literal text
			boolean variables = document.versionDeclared() && VARIABLES_VERSION.equals(policy.version());
			List<IamStatement> policyStatements = policy.statements();
			for (int s = 0; s < policyStatements.size(); s++) {
				IamStatement statement = policyStatements.get(s);
				String label = CompiledStatement.label(statement.sid(), s, p, documents.size());
				statements.add(new CompiledStatement(statement, label, statements.size(), variables, session));
			}
		}
		return new CompiledGate(List.copyOf(policies), statements.toArray(new CompiledStatement[0]));
	}

	/**
	 * The statement that decides this gate: the first applicable Deny if any (R1), else the first applicable Allow,
	 * else {@literal null} (this gate does not allow).
	 */
	@Nullable CompiledStatement decide(AuthorizationRequest request) {
		CompiledStatement allow = null;
		for (CompiledStatement statement : this.statements) {
			if (statement.applies(request)) {
				if (statement.isDeny()) {
					return statement;
				}
				if (allow == null) {
					allow = statement;
				}
			}
		}
		return allow;
	}

	List<IamPolicy> policies() {
		return this.policies;
	}

	int size() {
		return this.statements.length;
	}

	/**
	 * An IAM policy and whether its JSON declared a {@code Version}. The SDK's {@code IamPolicy} reports
	 * {@code 2012-10-17} for a document without one, but IAM treats such a document as the old language, where
	 * variables are literal (R6).
	 */
	record PolicyDocument(IamPolicy policy, boolean versionDeclared) {
	}

}
