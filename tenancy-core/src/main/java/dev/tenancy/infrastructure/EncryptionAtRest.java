package dev.tenancy.infrastructure;

import java.util.Objects;
import java.util.regex.Pattern;

import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The key that encrypts the tables at rest: DynamoDB's AWS owned key (the service default), the AWS managed key
 * {@code aws/dynamodb} of the account, or a customer managed KMS key, given by ARN or left as an input of the
 * generated template ({@code KmsKeyArn} parameter, {@code kms_key_arn} variable).
 *
 * @author tenancy
 * @since 0.4
 */
public final class EncryptionAtRest {

	private static final Pattern KMS_KEY_ARN = Pattern
		.compile("arn:[a-z0-9-]+:kms:[a-z0-9-]+:[0-9]{12}:(key/[A-Za-z0-9-]{1,128}|alias/[A-Za-z0-9/_-]{1,250})");

	private static final EncryptionAtRest AWS_OWNED = new EncryptionAtRest(Kind.AWS_OWNED, null);

	private static final EncryptionAtRest AWS_MANAGED = new EncryptionAtRest(Kind.AWS_MANAGED, null);

	private static final EncryptionAtRest CUSTOMER_MANAGED_INPUT = new EncryptionAtRest(Kind.CUSTOMER_MANAGED, null);

	private final Kind kind;

	private final @Nullable String kmsKeyArn;

	private EncryptionAtRest(Kind kind, @Nullable String kmsKeyArn) {
		this.kind = kind;
		this.kmsKeyArn = kmsKeyArn;
	}

	/**
	 * @return encryption with DynamoDB's AWS owned key, the service default (no KMS charges, no key in the account)
	 */
	public static EncryptionAtRest awsOwned() {
		return AWS_OWNED;
	}

	/**
	 * @return encryption with the account's AWS managed key {@code aws/dynamodb} (key use logged in CloudTrail)
	 */
	public static EncryptionAtRest awsManaged() {
		return AWS_MANAGED;
	}

	/**
	 * @param kmsKeyArn the ARN of the key or of an alias, {@code arn:<partition>:kms:<region>:<account>:key/<id>}
	 * @return encryption with a customer managed KMS key
	 * @throws IllegalArgumentException if the ARN is not a KMS key or alias ARN
	 */
	public static EncryptionAtRest customerManaged(String kmsKeyArn) {
		Assert.notNull(kmsKeyArn, "KMS key ARN must not be null");
		if (!KMS_KEY_ARN.matcher(kmsKeyArn).matches()) {
			throw new IllegalArgumentException(String.format("Invalid KMS key ARN '%s': expected "
					+ "'arn:<partition>:kms:<region>:<account>:key/<key id>' or '...:alias/<name>'.",
					Printable.of(kmsKeyArn)));
		}
		return new EncryptionAtRest(Kind.CUSTOMER_MANAGED, kmsKeyArn);
	}

	/**
	 * @return encryption with a customer managed KMS key whose ARN the generated template takes as an input
	 */
	public static EncryptionAtRest customerManagedKeyAsInput() {
		return CUSTOMER_MANAGED_INPUT;
	}

	/**
	 * @return which key encrypts the tables
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * @return the customer managed key's ARN, or {@literal null} for the other kinds and when the template takes it
	 * as an input
	 */
	public @Nullable String kmsKeyArn() {
		return this.kmsKeyArn;
	}

	/**
	 * @return whether the template takes the customer managed key's ARN as an input
	 */
	public boolean keyIsInput() {
		return this.kind == Kind.CUSTOMER_MANAGED && this.kmsKeyArn == null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof EncryptionAtRest that && this.kind == that.kind
				&& Objects.equals(this.kmsKeyArn, that.kmsKeyArn));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.kmsKeyArn);
	}

	@Override
	public String toString() {
		return "EncryptionAtRest[" + this.kind + ((this.kmsKeyArn != null) ? " " + this.kmsKeyArn : "") + "]";
	}

	/**
	 * Which key encrypts the tables at rest.
	 */
	public enum Kind {

		/** DynamoDB's AWS owned key. */
		AWS_OWNED,

		/** The account's AWS managed key {@code aws/dynamodb}. */
		AWS_MANAGED,

		/** A customer managed KMS key. */
		CUSTOMER_MANAGED

	}

}
