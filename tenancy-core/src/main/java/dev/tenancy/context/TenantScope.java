package dev.tenancy.context;

import org.jspecify.annotations.Nullable;

/**
 * An open binding of a tenant to the current thread, created by {@link TenantContext#open(TenantId)} and closed with
 * try-with-resources. Closing is idempotent and must happen on the thread that opened the scope.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantScope implements AutoCloseable {

	private final TenantId tenant;

	private final @Nullable TenantScope enclosing;

	private final Thread owner;

	private boolean closed;

	TenantScope(TenantId tenant, @Nullable TenantScope enclosing, Thread owner) {
		this.tenant = tenant;
		this.enclosing = enclosing;
		this.owner = owner;
	}

	/**
	 * @return the tenant bound by this scope
	 */
	public TenantId tenant() {
		return this.tenant;
	}

	@Nullable TenantScope enclosing() {
		return this.enclosing;
	}

	/**
	 * Unbind this scope, restoring the enclosing one (if any).
	 * @throws IllegalStateException if called from another thread or out of order
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		if (Thread.currentThread() != this.owner) {
			throw new IllegalStateException(String.format("Tenant scope for '%s' was opened on thread '%s' and must be "
					+ "closed there, not on '%s'.", this.tenant, this.owner.getName(), Thread.currentThread().getName()));
		}
		this.closed = true;
		TenantContext.close(this);
	}

	@Override
	public String toString() {
		return "TenantScope[" + this.tenant + "]";
	}

}
