package dev.tenancy.credentials;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.policy.TenancyPolicies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RoleSessionRules}: each STS rule has one definition that the policy generator, the credentials
 * provider and the test kit share.
 */
class RoleSessionRulesTests {

	@Test
	void sessionPolicyLimitIsTheStsLimitOfTheGenerator() {
		assertThat(TenancyPolicies.SESSION_POLICY_MAX_LENGTH).isEqualTo(2048);
		assertThat(RoleSessionRules.sessionPolicyProblem("x".repeat(2048))).isNull();
		assertThat(RoleSessionRules.sessionPolicyProblem("x".repeat(2049))).contains("2049 characters", "2048");
	}

	@Test
	void roleSessionNameIsThePrefixFollowedByTheTenantId() {
		assertThat(RoleSessionRules.roleSessionName(TenantId.of("acme"))).isEqualTo("tenant-acme");
	}

	@Test
	void roleArnRuleAcceptsRoleArnsWithPathsAndRejectsOthers() {
		assertThat(RoleSessionRules.isRoleArn("arn:aws:iam::123456789012:role/tenant-data")).isTrue();
		assertThat(RoleSessionRules.isRoleArn("arn:aws-cn:iam::123456789012:role/app/tenant-data")).isTrue();
		assertThat(RoleSessionRules.isRoleArn("arn:aws:iam::123456789012:user/alice")).isFalse();
		assertThat(RoleSessionRules.isRoleArn("arn:aws:iam::12345:role/x")).isFalse();
		assertThat(RoleSessionRules.isRoleArn(null)).isFalse();
	}
}
