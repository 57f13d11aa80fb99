package dev.tenancy.dynamodb;

/**
 * The wall that refused a tenant-scoped request.
 *
 * @author tenancy
 * @since 0.1
 */
public enum EnforcementLayer {

	/** The client-side guard, before the request left the JVM. */
	GUARD,

	/** AWS IAM (or the test kit's IAM-enforcing gateway), on the server. */
	IAM,

	/** The read-side check on items returned by DynamoDB. */
	READ_CHECK

}
