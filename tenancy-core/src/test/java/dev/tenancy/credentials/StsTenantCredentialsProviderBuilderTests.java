package dev.tenancy.credentials;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tenancy.iam.policy.TenancyPolicies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Validation of {@link StsTenantCredentialsProvider.Builder}: everything STS would reject, and every inconsistent
 * setting, is refused when the provider is configured, not on a tenant's first request.
 */
class StsTenantCredentialsProviderBuilderTests {

	private final FakeStsClient sts = new FakeStsClient();

	private StsTenantCredentialsProvider.Builder complete() {
		return StsTenantCredentialsProvider.builder()
			.stsClient(this.sts)
			.roleArn(StsTenantCredentialsProviderTests.ROLE_ARN)
			.sessionPolicy(StsTenantCredentialsProviderTests::policyFor);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT14M59S", "PT12H0.001S", "PT12H1S", "PT15M0.5S", "PT0S", "PT-1H" })
	void sessionDurationOutsideStsRangeIsRejected(String duration) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder().sessionDuration(Duration.parse(duration)))
			.withMessage("Session duration '" + Duration.parse(duration) + "' is not accepted by STS; use whole seconds "
					+ "from 900 (15 minutes) to 43,200 (12 hours), and at most 3,600 when the application runs as a "
					+ "role session.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT15M", "PT1H", "PT12H" })
	void sessionDurationWithinStsRangeIsAccepted(String duration) {
		try (StsTenantCredentialsProvider provider = complete().sessionDuration(Duration.parse(duration)).build()) {
			provider.forTenant(StsTenantCredentialsProviderTests.ACME).resolveCredentials();
		}

		assertThat(this.sts.requests.get(0).durationSeconds())
			.isEqualTo((int) Duration.parse(duration).getSeconds());
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "tenant-data", "arn:aws:iam::123456789012:user/bob",
			"arn:aws:iam::12345678901:role/tenant-data", "arn:aws:iam:us-east-1:123456789012:role/tenant-data",
			"arn:aws:sts::123456789012:assumed-role/tenant-data/tenant-acme", "arn:aws:iam::123456789012:role/",
			"arn:aws:iam::123456789012:role/tenant data", "arn:aws:iam::123456789012:role/path//tenant-data",
			"arn:aws:iam::123456789012:role/tenant-data*", "arn:gcp:iam::123456789012:role/tenant-data" })
	void roleArnThatIsNotAnIamRoleArnIsRejected(String roleArn) {
		assertThatIllegalArgumentException().isThrownBy(() -> StsTenantCredentialsProvider.builder().roleArn(roleArn))
			.withMessage("Role ARN '" + roleArn + "' is not an IAM role ARN; expected 'arn:<partition>:iam::"
					+ "<12-digit account id>:role/<optional path/><role name>'.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "arn:aws:iam::123456789012:role/tenant-data",
			"arn:aws-cn:iam::123456789012:role/service/tenancy/tenant-data",
			"arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f-g_h", "arn:aws-iso-b:iam::123456789012:role/r" })
	void iamRoleArnIsAccepted(String roleArn) {
		try (StsTenantCredentialsProvider provider = complete().roleArn(roleArn).build()) {
			assertThat(provider.roleArn()).isEqualTo(roleArn);
		}
	}

	@Test
	void sessionPolicyFunctionIsRequired() {
		assertThatIllegalStateException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder()
				.stsClient(this.sts)
				.roleArn(StsTenantCredentialsProviderTests.ROLE_ARN)
				.build())
			.withMessage("A session policy function is required; set it with sessionPolicy(...). Tenant sessions are "
					+ "never issued without a session policy.");
		assertThatIllegalArgumentException().isThrownBy(() -> StsTenantCredentialsProvider.builder().sessionPolicy(null))
			.withMessage("Session policy function must not be null");
	}

	@Test
	void stsClientAndRoleArnAreRequired() {
		assertThatIllegalStateException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder()
				.roleArn(StsTenantCredentialsProviderTests.ROLE_ARN)
				.sessionPolicy(StsTenantCredentialsProviderTests::policyFor)
				.build())
			.withMessage("An StsClient is required; set it with stsClient(...).");
		assertThatIllegalStateException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder()
				.stsClient(this.sts)
				.sessionPolicy(StsTenantCredentialsProviderTests::policyFor)
				.build())
			.withMessage("A role ARN is required; set it with roleArn(...).");
		assertThatIllegalArgumentException().isThrownBy(() -> StsTenantCredentialsProvider.builder().stsClient(null))
			.withMessage("StsClient must not be null");
	}

	@Test
	void staleTimeLongerThanRefreshAheadIsRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> complete().refreshAhead(Duration.ofMinutes(1)).staleTime(Duration.ofMinutes(2)).build())
			.withMessage("Stale time 'PT2M' must not be longer than the refresh-ahead time 'PT1M'; sessions are "
					+ "refreshed before they go stale.");
	}

	@Test
	void refreshAheadNotShorterThanTheSessionIsRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> complete().sessionDuration(Duration.ofMinutes(15)).refreshAhead(Duration.ofMinutes(15))
				.build())
			.withMessage("Refresh-ahead time 'PT15M' must be shorter than the session duration 'PT15M'; otherwise "
					+ "every session would be refreshed continuously.");
	}

	@Test
	void negativeTimesAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder().refreshAhead(Duration.ofSeconds(-1)))
			.withMessage("Refresh-ahead time must be zero or positive, not 'PT-1S'.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder().staleTime(Duration.ofSeconds(-1)))
			.withMessage("Stale time must be zero or positive, not 'PT-1S'.");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, Long.MIN_VALUE })
	void maximumTenantsBelowOneIsRejected(long maximumTenants) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder().maximumTenants(maximumTenants))
			.withMessage("Maximum tenants must be at least 1, not '" + maximumTenants + "'.");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "aws:tenant", "AWS:tenant", "tenant#id", "tenant*", "${tenant}", "has space", "t\u00e9nant" })
	@DisplayName("#14 one tag-key rule: the STS sessions, the policies and the key template accept the same tag keys")
	void invalidTenantTagKeyIsRejected(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> StsTenantCredentialsProvider.builder().tenantTagKey(key))
			.withMessageStartingWith("Invalid session tag key '");
		assertThatIllegalArgumentException().isThrownBy(() -> TenancyPolicies.builder().tenantTagKey(key))
			.withMessageStartingWith("Invalid session tag key '");
	}

	@ParameterizedTest
	@ValueSource(strings = { "x", "has space", "semi;colon" })
	void invalidExternalIdIsRejected(String externalId) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StsTenantCredentialsProvider.builder().externalId(externalId))
			.withMessage("External id is not accepted by STS; use 2 to 1,224 characters, each a letter, a digit or "
					+ "one of '_+=,.@:/-'.");
	}

	@Test
	void externalIdIsOptional() {
		try (StsTenantCredentialsProvider provider = complete().externalId("ext-1").externalId(null).build()) {
			provider.forTenant(StsTenantCredentialsProviderTests.ACME).resolveCredentials();
		}

		assertThat(this.sts.requests.get(0).externalId()).isNull();
	}

}
