package dev.tenancy.lifecycle;

import dev.tenancy.context.TenantId;

/**
 * A purge refused because threads of this JVM still have the tenant bound (open tenant scopes): requests, jobs or
 * sessions of the tenant are still running. Nothing was removed by this attempt; the tenant is not fenced unless it
 * was before (by an earlier, interrupted purge).
 *
 * @author tenancy
 * @since 0.4
 */
public class TenantInUseException extends TenantLifecycleException {

	private final int openScopes;

	/**
	 * @param tenant the tenant
	 * @param openScopes how many scopes of the tenant are open
	 */
	public TenantInUseException(TenantId tenant, int openScopes) {
		super(tenant, String.format("Tenant '%s' was not purged: %d scope(s) of the tenant are still open in this "
				+ "JVM (requests or jobs running as the tenant). Nothing was removed. Stop the tenant's traffic and "
				+ "jobs (sign its users out, cancel its jobs) and retry the purge.", tenant, openScopes));
		this.openScopes = openScopes;
	}

	/**
	 * @return how many scopes of the tenant were open
	 */
	public int getOpenScopes() {
		return this.openScopes;
	}

}
