package dev.tenancy.test.attacks;

/**
 * The wall configurations an attack runs against. The threat model asks for each wall to deny on its own: with the guard
 * switched off the IAM-enforcing gateway still denies, and with the gateway permissive the guard still denies.
 *
 * @author tenancy
 * @since 0.1
 */
enum Layer {

	/** The guarded tenant-scoped client (IAM mode) against a kit whose gateway allows every signed request. */
	GUARD_ALONE,

	/** A plain AWS SDK client signed with the tenant's STS session against the IAM-enforcing gateway; no guard. */
	GATEWAY_ALONE,

	/** The guarded tenant-scoped client (IAM mode) against the IAM-enforcing gateway: the guard denies first. */
	BOTH

}
