package dev.tenancy.infrastructure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;

/**
 * An IAM role or user ARN split into its parts: {@code arn:<partition>:iam::<account>:<type>/<path><name>}.
 *
 * @param arn the ARN
 * @param partition the partition, for example {@code aws}
 * @param accountId the account id
 * @param type {@code role} or {@code user}
 * @param path the path, {@code /} or {@code /a/b/}
 * @param name the name
 * @author tenancy
 * @since 0.4
 */
record IamRoleArn(String arn, String partition, String accountId, String type, String path, String name) {

	private static final Pattern ARN = Pattern.compile(
			"arn:([a-z0-9-]+):iam::([0-9]{12}):(role|user)(/(?:[\\x21-\\x7e&&[^/*?$\"\\\\]]+/)*)([\\w+=,.@-]{1,64})");

	/** The longest role name IAM accepts. */
	static final int MAX_NAME_LENGTH = 64;

	/**
	 * @param arn the ARN
	 * @param what what the ARN names, for messages
	 * @return the parts
	 * @throws IllegalArgumentException if it is not an IAM role ARN
	 */
	static IamRoleArn role(@Nullable String arn, String what) {
		IamRoleArn parsed = parse(arn);
		if (parsed == null || !parsed.type.equals("role")) {
			throw new IllegalArgumentException(String.format("Invalid %s '%s': expected an IAM role ARN such as "
					+ "'arn:aws:iam::123456789012:role/tenancy-tenant' (no wildcards).", what, Printable.of(arn)));
		}
		return parsed;
	}

	/**
	 * @param arn an ARN, or {@literal null}
	 * @return its parts if it is an IAM role or user ARN without wildcards, otherwise {@literal null}
	 */
	static @Nullable IamRoleArn parse(@Nullable String arn) {
		if (arn == null) {
			return null;
		}
		Matcher matcher = ARN.matcher(arn);
		if (!matcher.matches()) {
			return null;
		}
		return new IamRoleArn(arn, matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
				matcher.group(5));
	}

	/**
	 * @param otherName another name in the same account, partition and path
	 * @return the ARN of a role of that name
	 */
	String sibling(String otherName) {
		return "arn:" + this.partition + ":iam::" + this.accountId + ":role" + this.path + otherName;
	}

}
