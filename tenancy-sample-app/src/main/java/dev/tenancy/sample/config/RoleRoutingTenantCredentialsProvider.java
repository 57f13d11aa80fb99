package dev.tenancy.sample.config;

import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.sample.security.ColumnAccess;

/**
 * Token vending with one STS session per tenant <em>and</em> column access: administrators' requests are signed with
 * the tenant's unrestricted session, everyone else's with the tenant's column-restricted session, so that DynamoDB
 * itself refuses a regular user's request for a hidden attribute.
 * <p>
 * The SDK resolves credentials per request on the caller's thread, where both the tenant scope and the principal are
 * bound; the column access is read there ({@link ColumnAccess#current()}).
 *
 * @author tenancy
 * @since 0.1
 */
public final class RoleRoutingTenantCredentialsProvider implements TenantCredentialsProvider {

	private final TenantCredentialsProvider full;

	private final TenantCredentialsProvider restricted;

	private final Supplier<ColumnAccess> access;

	/**
	 * @param full the tenants' unrestricted sessions (closed with this provider)
	 * @param restricted the tenants' column-restricted sessions (closed with this provider)
	 * @param access the column access of the calling thread's principal
	 */
	public RoleRoutingTenantCredentialsProvider(TenantCredentialsProvider full, TenantCredentialsProvider restricted,
			Supplier<ColumnAccess> access) {
		this.full = full;
		this.restricted = restricted;
		this.access = access;
	}

	@Override
	public AwsCredentialsProvider forTenant(TenantId tenant) {
		return (this.access.get() == ColumnAccess.FULL) ? this.full.forTenant(tenant)
				: this.restricted.forTenant(tenant);
	}

	/**
	 * @param access a column access
	 * @return the sessions used for it
	 */
	public TenantCredentialsProvider sessions(ColumnAccess access) {
		return (access == ColumnAccess.FULL) ? this.full : this.restricted;
	}

	@Override
	public void close() {
		try {
			this.full.close();
		}
		finally {
			this.restricted.close();
		}
	}

	@Override
	public String toString() {
		return "RoleRoutingTenantCredentialsProvider[full=" + this.full + ", restricted=" + this.restricted + "]";
	}

}
