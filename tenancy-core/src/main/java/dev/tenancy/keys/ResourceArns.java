package dev.tenancy.keys;


import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds the DynamoDB resource ARNs IAM authorizes against (docs/IAM.md R18):
 * {@code arn:<partition>:dynamodb:<region>:<account>:table/<table>} and
 * {@code .../table/<table>/index/<index>}. Shared by the policy generator and the request-context extractor so that
 * both name a resource identically.
 * <p>
 * Table and index names are validated against DynamoDB's naming rules (3 to 255 characters of
 * {@code [A-Za-z0-9_.-]}), which also guarantees that an ARN never contains an IAM wildcard ({@code *}, {@code ?}) or
 * a policy variable.
 *
 * @author tenancy
 * @since 0.1
 */
public final class ResourceArns {

	private final String partition;

	private final String region;

	private final String accountId;

	private final String tablePrefix;

	private ResourceArns(String partition, String region, String accountId) {
		this.partition = partition;
		this.region = region;
		this.accountId = accountId;
		this.tablePrefix = "arn:" + partition + ":dynamodb:" + region + ":" + accountId + ":table/";
	}

	/**
	 * Create the ARN builder for one account and Region.
	 * @param partition the AWS partition, for example {@code aws}, {@code aws-cn} or {@code aws-us-gov}
	 * @param region the Region, for example {@code eu-central-1}
	 * @param accountId the 12-digit account id
	 * @return the ARN builder
	 * @throws IllegalArgumentException if a part is malformed
	 */
	public static ResourceArns of(String partition, String region, String accountId) {
		requireMatching(partition, "partition", "lower-case letters, digits and '-', for example 'aws'");
		requireMatching(region, "region", "lower-case letters, digits and '-', for example 'eu-central-1'");
		Assert.notNull(accountId, "Account id must not be null");
		if (accountId.length() != 12 || !accountId.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException(
					String.format("Invalid account id '%s': an AWS account id is exactly 12 digits.",
							Printable.of(accountId)));
		}
		return new ResourceArns(partition, region, accountId);
	}

	private static void requireMatching(@Nullable String value, String what, String expected) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(String.format("The %s must not be empty; expected %s.", what, expected));
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				throw new IllegalArgumentException(
						String.format("Invalid %s '%s': expected %s.", what, Printable.of(value), expected));
			}
		}
	}

	/**
	 * @return the partition, for example {@code aws}
	 */
	public String partition() {
		return this.partition;
	}

	/**
	 * @return the Region, for example {@code eu-central-1}
	 */
	public String region() {
		return this.region;
	}

	/**
	 * @return the 12-digit account id
	 */
	public String accountId() {
		return this.accountId;
	}

	/**
	 * The ARN of a table.
	 * @param tableName the table name
	 * @return {@code arn:<partition>:dynamodb:<region>:<account>:table/<tableName>}
	 * @throws IllegalArgumentException if the name is not a valid DynamoDB table name
	 */
	public String table(String tableName) {
		requireValidName(tableName, "table");
		return this.tablePrefix + tableName;
	}

	/**
	 * The ARN of a secondary index, which IAM checks for a Query or Scan with {@code IndexName}.
	 * @param tableName the table name
	 * @param indexName the index name
	 * @return {@code <table ARN>/index/<indexName>}
	 * @throws IllegalArgumentException if a name is not a valid DynamoDB table or index name
	 */
	public String index(String tableName, String indexName) {
		requireValidName(indexName, "index");
		return table(tableName) + "/index/" + indexName;
	}

	/**
	 * The ARN pattern of the tables whose names a silo table template gives with a policy variable or a wildcard in
	 * place of the tenant id, for a policy that names every silo tenant's table at once (a role policy with
	 * {@code ${aws:PrincipalTag/tenant}}, or a Deny with {@code *}).
	 * @param namePattern the table name with {@code ${...}} or {@code *} parts, for example
	 * {@code app-${aws:PrincipalTag/tenant}}
	 * @return {@code arn:<partition>:dynamodb:<region>:<account>:table/<namePattern>}
	 * @throws IllegalArgumentException if the name is not a valid table name once each variable and wildcard is
	 * replaced by a letter
	 */
	public String tablePattern(String namePattern) {
		Assert.notNull(namePattern, "Name pattern must not be null");
		requireValidName(namePattern.replaceAll("\\$\\{[A-Za-z0-9:/_.-]+\\}", "w").replace('*', 'w'), "table");
		return this.tablePrefix + namePattern;
	}

	/**
	 * Whether a string is a valid DynamoDB table or index name: 3 to 255 characters of {@code [A-Za-z0-9_.-]}.
	 * @param name the candidate name
	 * @return {@code true} if valid
	 */
	public static boolean isValidName(@Nullable String name) {
		if (name == null || name.length() < 3 || name.length() > 255) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Check a table or index name against DynamoDB's naming rules.
	 * @param name the candidate name
	 * @param kind {@code table} or {@code index}, for the message
	 * @throws IllegalArgumentException if it is not a valid name
	 */
	public static void requireValidName(@Nullable String name, String kind) {
		if (!isValidName(name)) {
			throw new IllegalArgumentException(String.format(
					"Invalid %s name '%s': a DynamoDB %s name is 3 to 255 characters of letters, digits, '_', '.' and '-'.",
					kind, Printable.of(name), kind));
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ResourceArns that && this.tablePrefix.equals(that.tablePrefix));
	}

	@Override
	public int hashCode() {
		return this.tablePrefix.hashCode();
	}

	@Override
	public String toString() {
		return "ResourceArns[" + this.tablePrefix + "*]";
	}

}
