package dev.tenancy.infrastructure;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * An IAM role of {@link TenancyInfrastructure} with its trust policy and its inline permission policies.
 *
 * @param name the role's name
 * @param path the role's path, {@code /} or {@code /a/b/}
 * @param arn the role's ARN
 * @param description what the role is for
 * @param trustPolicy who may assume it
 * @param inlinePolicies its permission policies by name, in order
 * @param maxSessionDuration the longest session it allows
 * @author tenancy
 * @since 0.4
 */
public record IamRole(String name, String path, String arn, String description, IamPolicy trustPolicy,
		Map<String, IamPolicy> inlinePolicies, Duration maxSessionDuration) {

	/**
	 * @param name the role's name
	 * @param path the role's path
	 * @param arn the role's ARN
	 * @param description what the role is for
	 * @param trustPolicy who may assume it
	 * @param inlinePolicies its permission policies by name
	 * @param maxSessionDuration the longest session it allows
	 */
	public IamRole {
		inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies));
	}

}
