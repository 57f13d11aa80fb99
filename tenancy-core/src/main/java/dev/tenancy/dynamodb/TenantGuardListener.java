package dev.tenancy.dynamodb;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.Decision;

/**
 * Callback for the guard's denials, for metrics and audit logs. Implementations must be fast and must not throw.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenantGuardListener {

	/** A listener that ignores every event. */
	TenantGuardListener NONE = (tenant, operation, decision) -> {
	};

	/**
	 * Called when the guard denies a request.
	 * @param tenant the tenant of the request
	 * @param operation the DynamoDB API operation, for example {@code BatchWriteItem}
	 * @param decision the denying decision (action, resource, reason)
	 */
	void onDenied(TenantId tenant, String operation, Decision decision);

}
