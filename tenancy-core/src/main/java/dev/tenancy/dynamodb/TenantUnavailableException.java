package dev.tenancy.dynamodb;

import java.time.Duration;

import dev.tenancy.context.TenantId;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * A request of a tenant refused by a {@link TenantFences fence} while a lifecycle operation works on the tenant's
 * data: a move between tiers refuses the tenant's writes until it has switched the tier, a purge refuses every
 * request. Nothing was sent. The exception is transient: retry after {@link #retryAfter()} (a web application maps it
 * to HTTP 503 with a {@code Retry-After} header).
 *
 * @author tenancy
 * @since 0.4
 */
public class TenantUnavailableException extends TransientDataAccessResourceException {

	private final TenantId tenant;

	private final String operation;

	private final TenantFences.Fence fence;

	/**
	 * @param tenant the tenant whose request was refused
	 * @param operation the refused DynamoDB operation
	 * @param fence the fence that refused it
	 */
	public TenantUnavailableException(TenantId tenant, String operation, TenantFences.Fence fence) {
		super(message(tenant, operation, fence));
		this.tenant = tenant;
		this.operation = operation;
		this.fence = fence;
	}

	private static String message(TenantId tenant, String operation, TenantFences.Fence fence) {
		return String.format("Tenant '%s' is unavailable for %s: %s (since %s). The request was not sent; retry it "
				+ "after %d seconds.", tenant, operation, fence.reason(), fence.since(),
				fence.retryAfter().toSeconds());
	}

	/**
	 * @return the tenant whose request was refused
	 */
	public TenantId getTenant() {
		return this.tenant;
	}

	/**
	 * @return the refused DynamoDB operation, for example {@code PutItem}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * @return the fence that refused the request
	 */
	public TenantFences.Fence getFence() {
		return this.fence;
	}

	/**
	 * @return how long a caller should wait before retrying
	 */
	public Duration retryAfter() {
		return this.fence.retryAfter();
	}

}
