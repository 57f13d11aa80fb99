package dev.tenancy.test.sts;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.tenancy.credentials.RoleSessionRules;

/**
 * An IAM role as {@link LocalSts} knows it: its ARN, its identity (permission) policy, which is the ceiling of every
 * session of the role, its trust policy, which decides who may assume it, and its maximum session duration.
 *
 * @param arn the role ARN, {@code arn:<partition>:iam::<account>:role/[<path>/]<name>}
 * @param identityPolicy the role's permission policy JSON (the ceiling that a session policy can only narrow)
 * @param trustPolicy the role's trust policy JSON
 * @param maxSessionDuration the role's {@code MaxSessionDuration}, 1 to 12 hours
 * @author tenancy
 * @since 0.1
 */
public record RoleDefinition(String arn, String identityPolicy, String trustPolicy, Duration maxSessionDuration) {

	/** The default {@code MaxSessionDuration} of a role. */
	public static final Duration DEFAULT_MAX_SESSION_DURATION = Duration.ofHours(1);

	public RoleDefinition {
		if (!RoleSessionRules.isRoleArn(arn)) {
			throw new IllegalArgumentException(String.format(
					"Role ARN '%s' is not of the form arn:<partition>:iam::<12-digit account>:role/[<path>/]<name>.",
					arn));
		}
		if (maxSessionDuration.compareTo(Duration.ofHours(1)) < 0
				|| maxSessionDuration.compareTo(Duration.ofHours(12)) > 0) {
			throw new IllegalArgumentException(String.format("MaxSessionDuration '%s' of role '%s' must be between "
					+ "1 and 12 hours.", maxSessionDuration, arn));
		}
		PolicyDocuments.requireObject(identityPolicy, "identity policy of role '" + arn + "'");
		PolicyDocuments.requireObject(trustPolicy, "trust policy of role '" + arn + "'");
	}

	/**
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the role name (the last path segment of the ARN)
	 */
	public String roleName() {
		return this.arn.substring(this.arn.lastIndexOf('/') + 1);
	}

	/**
	 * @return the account id of the role
	 */
	public String account() {
		return this.arn.split(":")[4];
	}

	/**
	 * @return the role's unique id ({@code AROA…}), stable for the ARN
	 */
	public String roleId() {
		return "AROA" + Credentials.suffixFor(this.arn, 17);
	}

	/**
	 * Builder for {@link RoleDefinition}.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private @Nullable String arn;

		private @Nullable String identityPolicy;

		private @Nullable String trustPolicy;

		private Duration maxSessionDuration = DEFAULT_MAX_SESSION_DURATION;

		private Builder() {
		}

		/**
		 * @param arn the role ARN
		 * @return this builder
		 */
		public Builder arn(String arn) {
			this.arn = arn;
			return this;
		}

		/**
		 * @param identityPolicy the role's permission policy JSON
		 * @return this builder
		 */
		public Builder identityPolicy(String identityPolicy) {
			this.identityPolicy = identityPolicy;
			return this;
		}

		/**
		 * @param trustPolicy the role's trust policy JSON
		 * @return this builder
		 */
		public Builder trustPolicy(String trustPolicy) {
			this.trustPolicy = trustPolicy;
			return this;
		}

		/**
		 * @param maxSessionDuration the role's {@code MaxSessionDuration} (default 1 hour)
		 * @return this builder
		 */
		public Builder maxSessionDuration(Duration maxSessionDuration) {
			this.maxSessionDuration = maxSessionDuration;
			return this;
		}

		/**
		 * @return the role
		 * @throws IllegalArgumentException if a property is missing or invalid
		 */
		public RoleDefinition build() {
			if (this.arn == null || this.identityPolicy == null || this.trustPolicy == null) {
				throw new IllegalArgumentException(String.format("A role needs an ARN, an identity policy and a trust "
						+ "policy; got ARN '%s'.", this.arn));
			}
			return new RoleDefinition(this.arn, this.identityPolicy, this.trustPolicy, this.maxSessionDuration);
		}

	}

}
