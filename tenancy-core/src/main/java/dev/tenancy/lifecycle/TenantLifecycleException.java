package dev.tenancy.lifecycle;

import dev.tenancy.context.TenantId;

/**
 * A lifecycle operation (move, purge) could not start or go on. The message names the tenant, the step and the
 * remedy; the operation's journal says how far it got, so it can be {@linkplain TenantLifecycle#resume resumed} or
 * {@linkplain TenantLifecycle#rollback rolled back}.
 *
 * @author tenancy
 * @since 0.4
 */
public class TenantLifecycleException extends IllegalStateException {

	private final TenantId tenant;

	/**
	 * @param tenant the tenant
	 * @param message what happened and what to do
	 */
	public TenantLifecycleException(TenantId tenant, String message) {
		super(message);
		this.tenant = tenant;
	}

	/**
	 * @param tenant the tenant
	 * @param message what happened and what to do
	 * @param cause the cause
	 */
	public TenantLifecycleException(TenantId tenant, String message, Throwable cause) {
		super(message, cause);
		this.tenant = tenant;
	}

	/**
	 * @return the tenant
	 */
	public TenantId getTenant() {
		return this.tenant;
	}

}
