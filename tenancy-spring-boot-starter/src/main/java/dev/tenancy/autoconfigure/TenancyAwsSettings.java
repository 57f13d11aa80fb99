package dev.tenancy.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

import org.springframework.util.StringUtils;

import dev.tenancy.credentials.RoleSessionRules;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.keys.ResourceArns;

/**
 * The AWS coordinates resolved from {@link TenancyProperties}: Region, partition, account and tenant role. Resolving
 * them validates the properties and fails with {@link InvalidTenancyConfigurationException}. The Region falls back to
 * the SDK's system-property, environment and profile-file providers only; the instance metadata service is not asked,
 * so startup never waits on the network.
 *
 * @param region the Region of the tables and of STS
 * @param partition the partition of the resource ARNs
 * @param accountId the account that owns the tables
 * @param roleArn the tenant role, or {@literal null} in isolation mode {@code application} without one
 */
record TenancyAwsSettings(Region region, String partition, String accountId, @Nullable String roleArn) {

	private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	/** Role name of the principal the guard models when isolation mode 'application' has no tenant role. */
	static final String APPLICATION_MODE_ROLE_NAME = "tenancy-application";

	static TenancyAwsSettings resolve(TenancyProperties properties) {
		Region region = region(properties.getRegion());
		Arn role = role(properties);
		String accountId = accountId(properties.getAccountId(), role);
		String partition = partition(properties.getPartition(), role, region);
		return new TenancyAwsSettings(region, partition, accountId,
				(role != null) ? properties.getSts().getRoleArn() : null);
	}

	/**
	 * @return the ARN builder of the tables' account and Region
	 */
	ResourceArns arns() {
		return ResourceArns.of(this.partition, this.region.id(), this.accountId);
	}

	/**
	 * @return the role the guard models tenant sessions of: the tenant role, or a nominal role of the application's
	 * account in isolation mode {@code application} without one
	 */
	String sessionRoleArn() {
		return (this.roleArn != null) ? this.roleArn
				: "arn:" + this.partition + ":iam::" + this.accountId + ":role/" + APPLICATION_MODE_ROLE_NAME;
	}

	private static Region region(@Nullable String configured) {
		if (StringUtils.hasText(configured)) {
			if (!NAME.matcher(configured).matches()) {
				throw new InvalidTenancyConfigurationException("tenancy.region", configured,
						"An AWS Region id consists of lower-case letters, digits and '-'.",
						"Set 'tenancy.region' to the Region of the tables, for example 'eu-central-1'.", null);
			}
			return Region.of(configured);
		}
		try {
			return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
				.getRegion();
		}
		catch (SdkClientException ex) {
			throw new InvalidTenancyConfigurationException("tenancy.region", null,
					"No AWS Region is configured, and none is set by the 'aws.region' system property, the AWS_REGION "
							+ "environment variable or the AWS profile file; the Region is part of every table ARN in "
							+ "the tenant policies.",
					"Set 'tenancy.region' to the Region of the tables, for example 'eu-central-1'.", ex);
		}
	}

	private static @Nullable Arn role(TenancyProperties properties) {
		String roleArn = properties.getSts().getRoleArn();
		if (!StringUtils.hasText(roleArn)) {
			if (properties.getIsolationMode() == IsolationMode.IAM) {
				throw new InvalidTenancyConfigurationException("tenancy.sts.role-arn", null,
						"Isolation mode 'iam' signs every tenant-scoped request with an STS session of the tenant "
								+ "role, but no tenant role is configured.",
						"Set 'tenancy.sts.role-arn' to the ARN of the tenant role, for example "
								+ "'arn:aws:iam::123456789012:role/tenant-data', or set 'tenancy.isolation-mode' to "
								+ "'application' to isolate tenants by the client-side guard only.",
						null);
			}
			return null;
		}
		if (!RoleSessionRules.isRoleArn(roleArn)) {
			throw new InvalidTenancyConfigurationException("tenancy.sts.role-arn", roleArn,
					"It is not the ARN of an IAM role.",
					"Set 'tenancy.sts.role-arn' to an ARN of the form "
							+ "'arn:<partition>:iam::<12-digit account id>:role/<optional path/><role name>'.",
					null);
		}
		return Arn.fromString(roleArn);
	}

	private static String accountId(@Nullable String configured, @Nullable Arn role) {
		if (StringUtils.hasText(configured)) {
			if (!ACCOUNT_ID.matcher(configured).matches()) {
				throw new InvalidTenancyConfigurationException("tenancy.account-id", configured,
						"An AWS account id is exactly 12 digits.",
						"Set 'tenancy.account-id' to the 12-digit id of the account that owns the tables.", null);
			}
			return configured;
		}
		if (role != null) {
			return role.accountId().orElseThrow();
		}
		throw new InvalidTenancyConfigurationException("tenancy.account-id", null,
				"No AWS account id is configured and there is no tenant role to take it from; the account is part of "
						+ "every table ARN in the tenant policies.",
				"Set 'tenancy.account-id' to the 12-digit id of the account that owns the tables (or set "
						+ "'tenancy.sts.role-arn').",
				null);
	}

	private static String partition(@Nullable String configured, @Nullable Arn role, Region region) {
		if (StringUtils.hasText(configured)) {
			if (!NAME.matcher(configured).matches()) {
				throw new InvalidTenancyConfigurationException("tenancy.partition", configured,
						"An AWS partition id consists of lower-case letters, digits and '-'.",
						"Set 'tenancy.partition' to 'aws', 'aws-cn' or 'aws-us-gov', or leave it unset.", null);
			}
			return configured;
		}
		if (role != null) {
			return role.partition();
		}
		RegionMetadata metadata = region.metadata();
		return (metadata != null) ? metadata.partition().id() : "aws";
	}

}
