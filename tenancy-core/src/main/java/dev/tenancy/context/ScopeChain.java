package dev.tenancy.context;

import org.jspecify.annotations.Nullable;

/**
 * The scopes bound on one thread from an outermost {@link TenantScope} up, nested and switched ones included: the unit
 * that a revocation drops whole. Its open scopes count in {@link TenantContext#openScopes(TenantId)} until they are
 * closed, dropped or revoked.
 * <p>
 * The owner thread pushes and pops; another thread may revoke at any time. Both sides write first and read second
 * ({@link #pushed(TenantScope)}: {@code top}, then {@code revokedBy}; {@link #revoke(String)}: {@code revokedBy},
 * then {@code top}), so a scope pushed while the chain is revoked is released by one of them; each scope is released
 * at most once.
 *
 * @author tenancy
 * @since 0.4
 */
final class ScopeChain {

	private volatile @Nullable TenantScope top;

	private volatile @Nullable String revokedBy;

	/**
	 * @return the name of the thread that revoked this chain, or {@literal null}
	 */
	@Nullable String revokedBy() {
		return this.revokedBy;
	}

	/**
	 * @return the innermost scope of the chain, or {@literal null} once it is empty or dropped
	 */
	@Nullable TenantScope top() {
		return this.top;
	}

	/** The owner bound a new innermost scope of this chain. */
	void pushed(TenantScope scope) {
		this.top = scope;
		if (this.revokedBy != null) {
			scope.release();
		}
	}

	/** The owner closed the innermost scope in order; {@code enclosing} is bound again. */
	void popped(TenantScope scope, @Nullable TenantScope enclosing) {
		this.top = enclosing;
		scope.release();
	}

	/** The owner dropped the whole chain (out-of-order close, revocation): none of its scopes is open any more. */
	void dropped() {
		TenantScope scope = this.top;
		this.top = null;
		releaseFrom(scope);
	}

	/**
	 * Revoke the chain: from now on none of its scopes counts as open, and the owner drops it at its next tenant
	 * lookup.
	 * @param by the name of the revoking thread
	 */
	void revoke(String by) {
		this.revokedBy = by;
		releaseFrom(this.top);
	}

	private static void releaseFrom(@Nullable TenantScope top) {
		for (TenantScope scope = top; scope != null; scope = scope.enclosing()) {
			scope.release();
		}
	}

}
