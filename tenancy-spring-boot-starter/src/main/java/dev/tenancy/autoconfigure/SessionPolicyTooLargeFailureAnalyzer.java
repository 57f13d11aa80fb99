package dev.tenancy.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tenancy.iam.policy.SessionPolicyTooLargeException;

/**
 * Reports a {@link SessionPolicyTooLargeException} raised while the application's own
 * {@link dev.tenancy.iam.policy.TenancyPolicies} bean is built (TH-16): the generated session policy does not fit
 * STS's limit, so no tenant could obtain a session.
 *
 * @author tenancy
 * @since 0.1
 */
public class SessionPolicyTooLargeFailureAnalyzer extends AbstractFailureAnalyzer<SessionPolicyTooLargeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SessionPolicyTooLargeException cause) {
		String description = String.format("The generated tenant session policy is too large for STS: %,d characters, "
				+ "the limit is %,d.%n%n    %s", cause.size(), cause.limit(), cause.getMessage());
		String action = "Reduce the tables, indexes, actions or attribute names the tenant session policy lists "
				+ "(tenancy.tables and tenancy.actions, or your DynamoDbKeySchema and TenancyPolicies beans), or "
				+ "shorten their names.";
		return new FailureAnalysis(description, action, cause);
	}

}
