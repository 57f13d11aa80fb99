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
	void sessionPolicyLimitIsTheStsLimitAndTheGeneratorUsesIt() {
		assertThat(RoleSessionRules.MAX_SESSION_POLICY_LENGTH).isEqualTo(2048);
		assertThat(TenancyPolicies.SESSION_POLICY_MAX_LENGTH).isEqualTo(RoleSessionRules.MAX_SESSION_POLICY_LENGTH);
	}

	@Test
	void roleSessionNameIsThePrefixFollowedByTheTenantId() {
		assertThat(RoleSessionRules.roleSessionName(TenantId.of("acme"))).isEqualTo("tenant-acme");
		assertThat(RoleSessionRules.ROLE_SESSION_NAME_PREFIX).isEqualTo("tenant-");
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
