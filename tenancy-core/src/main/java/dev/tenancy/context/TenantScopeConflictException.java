package dev.tenancy.context;

import java.io.Serial;

/**
 * Thrown when a scope for one tenant is opened inside a scope of another tenant without explicitly allowing the
 * switch (TH-9).
 *
 * @author tenancy
 * @since 0.1
 */
public class TenantScopeConflictException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final TenantId current;

	private final TenantId requested;

	/**
	 * @param current the tenant of the enclosing scope
	 * @param requested the tenant the nested scope asked for
	 */
	public TenantScopeConflictException(TenantId current, TenantId requested) {
		super(String.format("Cannot open a scope for tenant '%s' inside the scope of tenant '%s'; nested scopes for a "
				+ "different tenant are refused. Use TenantContext.switchTo(...) where switching tenants is intended.",
				requested, current));
		this.current = current;
		this.requested = requested;
	}

	/**
	 * @return the tenant of the enclosing scope
	 */
	public TenantId getCurrent() {
		return this.current;
	}

	/**
	 * @return the tenant the nested scope asked for
	 */
	public TenantId getRequested() {
		return this.requested;
	}

}
