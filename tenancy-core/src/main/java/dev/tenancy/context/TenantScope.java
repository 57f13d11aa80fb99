package dev.tenancy.context;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * An open binding of a tenant to the current thread, created by {@link TenantContext#open(TenantId)} and closed with
 * try-with-resources. Closing is idempotent and must happen on the thread that opened the scope. Closing it from
 * another thread is refused with {@link IllegalStateException} <em>and</em> revokes the scope: a thread cannot unbind
 * another thread's tenant directly, so the opening thread drops its whole binding at its next tenant lookup and finds
 * no tenant (it fails closed) instead of keeping the tenant bound. A revoked scope, and every scope bound with it on
 * that thread, stops counting in {@link TenantContext#openScopes(TenantId)} at once.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantScope implements AutoCloseable {

	private final TenantId tenant;

	private final @Nullable TenantScope enclosing;

	private final Thread owner;

	private final ScopeChain chain;

	private final AtomicBoolean released = new AtomicBoolean();

	private volatile boolean closed;

	TenantScope(TenantId tenant, @Nullable TenantScope enclosing, Thread owner) {
		this.tenant = tenant;
		this.enclosing = enclosing;
		this.owner = owner;
		this.chain = (enclosing != null) ? enclosing.chain : new ScopeChain();
		OpenScopes.opened(tenant);
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

	ScopeChain chain() {
		return this.chain;
	}

	/**
	 * @return the name of the thread that closed a scope bound with this one (this scope, one it is nested in or one
	 * nested in it) although another thread opened it; {@literal null} if none did
	 */
	@Nullable String revokedBy() {
		return this.chain.revokedBy();
	}

	/** This scope stops counting as open; only the first call counts. */
	void release() {
		if (this.released.compareAndSet(false, true)) {
			OpenScopes.released(this.tenant);
		}
	}

	/**
	 * Unbind this scope, restoring the enclosing one (if any). On another thread than the one that opened it, the
	 * scope is revoked instead (see the class description) and the misuse is reported.
	 * @throws IllegalStateException if called from another thread or out of order
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		Thread caller = Thread.currentThread();
		if (caller != this.owner) {
			this.chain.revoke(caller.getName());
			throw new IllegalStateException(String.format("Tenant scope for '%s' was opened on thread '%s' and closed "
					+ "from thread '%s'; the scope is revoked, so the tenant is no longer bound on '%s' (its next "
					+ "tenant lookup finds none). Close a scope on the thread that opened it (try-with-resources), "
					+ "and hand work to other threads with TenantContext.wrap(...).", this.tenant, this.owner.getName(),
					caller.getName(), this.owner.getName()));
		}
		this.closed = true;
		TenantContext.close(this);
	}

	@Override
	public String toString() {
		return "TenantScope[" + this.tenant + "]";
	}

}
