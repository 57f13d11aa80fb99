package dev.tenancy.test.sts;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The AssumeRole rules of a {@link LocalSts}: the session policy, the role's trust policy, the caller's identity
 * policies, session tags, duration limits and the packed-policy size; issues the session when all pass.
 *
 * @author tenancy
 * @since 0.1
 */
final class AssumeRoleAuthorizer {

	private static final Log logger = LogFactory.getLog(LocalSts.class);

	private static final String ASSUME_ROLE = "AssumeRole";

	private final StsSessionRegistry registry;

	private final TrustPolicyEvaluator trustPolicyEvaluator;

	private final int packedPolicyBudget;

	AssumeRoleAuthorizer(StsSessionRegistry registry, TrustPolicyEvaluator trustPolicyEvaluator,
			int packedPolicyBudget) {
		this.registry = registry;
		this.trustPolicyEvaluator = trustPolicyEvaluator;
		this.packedPolicyBudget = packedPolicyBudget;
	}

	/**
	 * Check an AssumeRole call and issue its session.
	 * @param caller the authenticated caller
	 * @param parameters the validated parameters
	 * @param requestId the request id
	 * @return the XML response
	 * @throws StsError if the call is not allowed
	 */
	String assumeRole(IssuedSession caller, AssumeRoleParameters parameters, String requestId) {
		JsonNode policy = null;
		if (parameters.policy() != null) {
			policy = PolicyDocuments.parseOrNull(parameters.policy());
			if (policy == null) {
				throw StsError.sender("MalformedPolicyDocument", 400, "The policy is not in the valid JSON format.");
			}
			if (!policy.isObject() || !policy.has("Statement")) {
				throw StsError.sender("MalformedPolicyDocument", 400, "Syntax errors in policy.");
			}
		}
		RoleDefinition role = this.registry.role(parameters.roleArn());
		Map<String, List<String>> context = trustContext(caller, parameters);
		if (role == null || !this.trustPolicyEvaluator.allows(role, caller, "sts:AssumeRole", context)) {
			throw StsError.accessDenied(caller.principalArn(), "sts:AssumeRole", parameters.roleArn());
		}
		requireIdentityPolicyAllows(caller, "sts:AssumeRole", role, context);
		if (!parameters.tags().isEmpty()) {
			if (!this.trustPolicyEvaluator.allows(role, caller, "sts:TagSession", context)) {
				throw StsError.accessDenied(caller.principalArn(), "sts:TagSession", parameters.roleArn());
			}
			requireIdentityPolicyAllows(caller, "sts:TagSession", role, context);
		}
		if (parameters.durationSeconds() > role.maxSessionDuration().toSeconds()) {
			throw StsError
				.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
		}
		if (caller.assumedRole() && parameters.durationSeconds() > 3600) {
			throw StsError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles "
					+ "assumed by role chaining.");
		}
		Integer packedPolicySize = null;
		if (policy != null || !parameters.tags().isEmpty()) {
			packedPolicySize = packedPolicySize(policy, parameters.tags());
			if (packedPolicySize > 100) {
				throw StsError.sender("PackedPolicyTooLarge", 400,
						String.format("Packed policy consumes %d%% of allotted space, please use smaller policy.",
								packedPolicySize));
			}
		}
		IssuedSession session = this.registry.issue(caller, role, parameters);
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("Issued %s to '%s' for role '%s' until %s", session.accessKeyId(),
					caller.principalArn(), role.arn(), session.expiration()));
		}
		return StsXml.assumeRole(session, packedPolicySize, requestId);
	}

	/**
	 * A base identity's own policies must allow the STS action too. This is stricter than IAM in one case: within one
	 * account, a trust policy that names the caller's own ARN is enough on AWS, without an identity policy. Requiring
	 * both makes the kit check the identity policy the application will run with. Role sessions (role chaining) are
	 * checked against the trust policy only.
	 */
	private void requireIdentityPolicyAllows(IssuedSession caller, String action, RoleDefinition role,
			Map<String, List<String>> context) {
		if (caller.assumedRole()) {
			return;
		}
		Decision decision = PolicyEvaluator.create()
			.evaluate(this.registry.principal(caller),
					new AuthorizationRequest(action, role.arn(), context, ASSUME_ROLE));
		if (!decision.allowed()) {
			throw StsError.sender("AccessDenied", 403, decision.message());
		}
	}

	private static Map<String, List<String>> trustContext(IssuedSession caller, AssumeRoleParameters parameters) {
		Map<String, List<String>> context = new HashMap<>();
		context.put("aws:PrincipalArn", List.of((caller.roleArn() != null) ? caller.roleArn() : caller.principalArn()));
		context.put("aws:PrincipalAccount", List.of(caller.account()));
		context.put("sts:RoleSessionName", List.of(parameters.roleSessionName()));
		if (parameters.externalId() != null) {
			context.put("sts:ExternalId", List.of(parameters.externalId()));
		}
		if (!parameters.tags().isEmpty()) {
			parameters.tags().forEach((key, value) -> context.put("aws:RequestTag/" + key, List.of(value)));
			context.put("aws:TagKeys", List.copyOf(parameters.tags().keySet()));
		}
		if (!parameters.transitiveTagKeys().isEmpty()) {
			context.put("sts:TransitiveTagKeys", parameters.transitiveTagKeys());
		}
		return context;
	}

	private int packedPolicySize(@Nullable JsonNode policy, Map<String, String> tags) {
		StringBuilder packed = new StringBuilder();
		if (policy != null) {
			packed.append(PolicyDocuments.minify(policy));
		}
		tags.forEach((key, value) -> packed.append('\u0000').append(key).append('\u0001').append(value));
		byte[] input = packed.toString().getBytes(StandardCharsets.UTF_8);
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		try {
			deflater.setInput(input);
			deflater.finish();
			byte[] buffer = new byte[input.length + 64];
			int compressed = 0;
			while (!deflater.finished()) {
				compressed += deflater.deflate(buffer);
			}
			return (int) Math.ceil(compressed * 100.0 / this.packedPolicyBudget);
		}
		finally {
			deflater.end();
		}
	}

}
