package dev.tenancy.dynamodb;

/**
 * How tenant-scoped DynamoDB requests are isolated. Both modes use the same table and key schema, so switching is a
 * configuration change.
 *
 * @author tenancy
 * @since 0.1
 */
public enum IsolationMode {

	/**
	 * Requests are signed with the tenant's own STS session, whose session policy only allows the tenant's partition
	 * keys, and are checked by the client-side guard first: IAM refuses cross-tenant access even if the application
	 * is wrong. The default on AWS.
	 */
	IAM,

	/**
	 * Requests are signed with the application's base credentials and isolated by the client-side guard (and the
	 * repository layer) only. For early stages and for environments without a tenant role.
	 */
	APPLICATION

}
