package dev.tenancy.infrastructure;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.util.Assert;

/**
 * What {@link TenancyInfrastructure} needs beyond the policies: the tenant role's ARN, the key that encrypts the
 * tables, an optional VPC endpoint the tenant role is confined to, the deploy role and the types of key attributes
 * that are not strings. Immutable; create with {@link #builder(String)}.
 *
 * @author tenancy
 * @since 0.4
 */
public final class InfrastructureOptions {

	private static final Pattern VPC_ENDPOINT_ID = Pattern.compile("vpce-[0-9a-f]{8,17}");

	private static final Duration MIN_SESSION = Duration.ofHours(1);

	private static final Duration MAX_SESSION = Duration.ofHours(12);

	private final IamRoleArn tenantRole;

	private final EncryptionAtRest encryption;

	private final @Nullable String sourceVpce;

	private final String deployRoleName;

	private final @Nullable String deployPrincipalArn;

	private final Duration maxSessionDuration;

	private final Map<String, ScalarAttributeType> attributeTypes;

	private InfrastructureOptions(Builder builder) {
		this.tenantRole = builder.tenantRole;
		this.encryption = builder.encryption;
		this.sourceVpce = builder.sourceVpce;
		this.deployRoleName = (builder.deployRoleName != null) ? builder.deployRoleName
				: requireRoleName(this.tenantRole.name() + "-deploy");
		this.deployPrincipalArn = builder.deployPrincipalArn;
		this.maxSessionDuration = builder.maxSessionDuration;
		this.attributeTypes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributeTypes));
	}

	/**
	 * @param tenantRoleArn the ARN of the role tenant sessions assume ({@code tenancy.sts.role-arn})
	 * @return a builder
	 * @throws IllegalArgumentException if it is not an IAM role ARN
	 */
	public static Builder builder(String tenantRoleArn) {
		return new Builder(IamRoleArn.role(tenantRoleArn, "tenant role ARN"));
	}

	/**
	 * @return the tenant role's ARN
	 */
	public String tenantRoleArn() {
		return this.tenantRole.arn();
	}

	IamRoleArn tenantRole() {
		return this.tenantRole;
	}

	/**
	 * @return the key that encrypts the tables at rest
	 */
	public EncryptionAtRest encryption() {
		return this.encryption;
	}

	/**
	 * @return the VPC endpoint the tenant role's DynamoDB requests must come through, or {@literal null}
	 */
	public @Nullable String sourceVpce() {
		return this.sourceVpce;
	}

	/**
	 * @return the deploy role's name (in the tenant role's path)
	 */
	public String deployRoleName() {
		return this.deployRoleName;
	}

	/**
	 * @return the principal that may assume the deploy role, or {@literal null} for the account itself (its
	 * administrators grant {@code sts:AssumeRole} on it)
	 */
	public @Nullable String deployPrincipalArn() {
		return this.deployPrincipalArn;
	}

	/**
	 * @return the tenant role's maximum session duration
	 */
	public Duration maxSessionDuration() {
		return this.maxSessionDuration;
	}

	/**
	 * @param attribute a key attribute
	 * @return its type, {@code S} unless configured
	 */
	public ScalarAttributeType attributeType(String attribute) {
		return this.attributeTypes.getOrDefault(attribute, ScalarAttributeType.S);
	}

	/**
	 * @return the configured key attribute types (unmodifiable)
	 */
	public Map<String, ScalarAttributeType> attributeTypes() {
		return this.attributeTypes;
	}

	private static String requireRoleName(String name) {
		if (!name.matches("[\\w+=,.@-]{1," + IamRoleArn.MAX_NAME_LENGTH + "}")) {
			throw new IllegalArgumentException(String.format("Invalid deploy role name '%s': an IAM role name is 1 to "
					+ "%d characters of letters, digits and '+=,.@_-'; set the deploy role name explicitly.",
					Printable.of(name), IamRoleArn.MAX_NAME_LENGTH));
		}
		return name;
	}

	/**
	 * Builder for {@link InfrastructureOptions}; not thread-safe.
	 *
	 * @author tenancy
	 * @since 0.4
	 */
	public static final class Builder {

		private final IamRoleArn tenantRole;

		private EncryptionAtRest encryption = EncryptionAtRest.awsOwned();

		private @Nullable String sourceVpce;

		private @Nullable String deployRoleName;

		private @Nullable String deployPrincipalArn;

		private Duration maxSessionDuration = MIN_SESSION;

		private final Map<String, ScalarAttributeType> attributeTypes = new LinkedHashMap<>();

		private Builder(IamRoleArn tenantRole) {
			this.tenantRole = tenantRole;
		}

		/**
		 * @param encryption the key that encrypts the tables; default {@link EncryptionAtRest#awsOwned()}
		 * @return this builder
		 */
		public Builder encryption(EncryptionAtRest encryption) {
			Assert.notNull(encryption, "Encryption must not be null");
			this.encryption = encryption;
			return this;
		}

		/**
		 * Confine the tenant role's DynamoDB requests to a VPC endpoint ({@code aws:SourceVpce}).
		 * @param vpcEndpointId the endpoint id, for example {@code vpce-0123456789abcdef0}, or {@literal null} for
		 * none
		 * @return this builder
		 * @throws IllegalArgumentException if it is not a VPC endpoint id
		 */
		public Builder sourceVpce(@Nullable String vpcEndpointId) {
			if (vpcEndpointId != null && !VPC_ENDPOINT_ID.matcher(vpcEndpointId).matches()) {
				throw new IllegalArgumentException(String.format("Invalid VPC endpoint id '%s': expected 'vpce-' "
						+ "followed by 8 to 17 lower-case hexadecimal digits, for example 'vpce-0123456789abcdef0'.",
						Printable.of(vpcEndpointId)));
			}
			this.sourceVpce = vpcEndpointId;
			return this;
		}

		/**
		 * @param name the deploy role's name; default the tenant role's name with {@code -deploy}
		 * @return this builder
		 * @throws IllegalArgumentException if it is not a valid role name or is the tenant role's name
		 */
		public Builder deployRoleName(@Nullable String name) {
			if (name != null) {
				requireRoleName(name);
				if (name.equals(this.tenantRole.name())) {
					throw new IllegalArgumentException(String.format("The deploy role must not be the tenant role "
							+ "'%s': the deploy role holds the control plane, the tenant role the items.", name));
				}
			}
			this.deployRoleName = name;
			return this;
		}

		/**
		 * @param principalArn the IAM role or user that may assume the deploy role (for example the CI role), or
		 * {@literal null} for the account itself
		 * @return this builder
		 * @throws IllegalArgumentException if it is not an IAM role or user ARN
		 */
		public Builder deployPrincipalArn(@Nullable String principalArn) {
			if (principalArn != null && IamRoleArn.parse(principalArn) == null) {
				throw new IllegalArgumentException(String.format("Invalid deploy principal ARN '%s': expected an IAM "
						+ "role or user ARN such as 'arn:aws:iam::123456789012:role/ci' (no wildcards).",
						Printable.of(principalArn)));
			}
			this.deployPrincipalArn = principalArn;
			return this;
		}

		/**
		 * @param duration the tenant role's maximum session duration, 1 to 12 hours; default 1 hour
		 * @return this builder
		 * @throws IllegalArgumentException if it is out of range or not whole seconds
		 */
		public Builder maxSessionDuration(Duration duration) {
			Assert.notNull(duration, "Duration must not be null");
			if (duration.compareTo(MIN_SESSION) < 0 || duration.compareTo(MAX_SESSION) > 0
					|| duration.getNano() != 0) {
				throw new IllegalArgumentException(String.format("Invalid maximum session duration %s: IAM accepts "
						+ "whole seconds from 1 hour to 12 hours.", duration));
			}
			this.maxSessionDuration = duration;
			return this;
		}

		/**
		 * @param attribute a key attribute (an index sort key, for example) that is not a string
		 * @param type its type
		 * @return this builder
		 */
		public Builder attributeType(String attribute, ScalarAttributeType type) {
			Assert.hasText(attribute, "Attribute must not be empty");
			Assert.isTrue(type == ScalarAttributeType.S || type == ScalarAttributeType.N
					|| type == ScalarAttributeType.B, () -> "Attribute type must be S, N or B, but was " + type);
			this.attributeTypes.put(attribute, type);
			return this;
		}

		/**
		 * @return the options
		 */
		public InfrastructureOptions build() {
			return new InfrastructureOptions(this);
		}

	}

}
