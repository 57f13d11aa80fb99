package dev.tenancy.aop;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;

/**
 * Callback for each call of a {@link dev.tenancy.annotation.CrossTenant} method, for metrics and audit logs.
 * Implementations must be fast and must not throw.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface CrossTenantListener {

	/** A listener that ignores every event. */
	CrossTenantListener NONE = (method, justification, tenant) -> {
	};

	/**
	 * Called before a cross-tenant method runs.
	 * @param method the method, as {@code Type.method}
	 * @param justification the {@link dev.tenancy.annotation.CrossTenant#value() justification}
	 * @param tenant the tenant bound to the calling thread, if any
	 */
	void onCrossTenantCall(String method, String justification, @Nullable TenantId tenant);

}
