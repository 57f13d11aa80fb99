package dev.tenancy.aop;

import org.jspecify.annotations.Nullable;

/**
 * A {@link dev.tenancy.annotation.CrossTenant} call running on a thread: which access it unlocks, why, and the call it
 * is nested in. The innermost call of a thread is the only one that counts, so a nested call unlocks its own access
 * only, and the enclosing call's access again once it returns. Not inherited by other threads.
 *
 * @param access the name of the access the call unlocks
 * @param justification the justification of the call
 * @param method the method, as {@code Type.method}
 * @param enclosing the call this one is nested in, if any
 * @author tenancy
 * @since 0.1
 */
record CrossTenantCall(String access, String justification, String method, @Nullable CrossTenantCall enclosing) {

	private static final ThreadLocal<@Nullable CrossTenantCall> CURRENT = new ThreadLocal<>();

	/**
	 * @return the innermost cross-tenant call running on this thread, or {@literal null}
	 */
	static @Nullable CrossTenantCall current() {
		return CURRENT.get();
	}

	/**
	 * Start a call on this thread, nested in the current one (if any).
	 * @param access the access the call unlocks
	 * @param justification why
	 * @param method the method
	 * @return the call, to pass to {@link #exit()}
	 */
	static CrossTenantCall enter(String access, String justification, String method) {
		CrossTenantCall call = new CrossTenantCall(access, justification, method, CURRENT.get());
		CURRENT.set(call);
		return call;
	}

	/**
	 * Fail unless the innermost call running on this thread unlocks the given access.
	 * @param access the access about to send a request or resolve its credentials
	 * @param what what is about to happen, for the message (for example {@code "DynamoDB Query"})
	 * @throws CrossTenantAccessDeniedException if no call runs on this thread or the innermost one unlocks another
	 * access
	 */
	static void requireUnlocked(String access, String what) {
		CrossTenantCall call = CURRENT.get();
		if (call == null) {
			throw new CrossTenantAccessDeniedException(String.format("Cross-tenant access '%s': %s refused on thread "
					+ "'%s' because it happens outside a @CrossTenant method. The access works only while a method "
					+ "annotated @CrossTenant(access = \"%s\") runs on the calling thread; a paginator, iterable, "
					+ "waiter or client reference taken out of such a method cannot send requests after it returned.",
					access, what, Thread.currentThread().getName(), access), access, null);
		}
		if (!call.access.equals(access)) {
			throw new CrossTenantAccessDeniedException(String.format("Cross-tenant access '%s': %s refused on thread "
					+ "'%s' because the running @CrossTenant method '%s' unlocks access '%s', not '%s'. Use the '%s' "
					+ "access there, or send the request from a method annotated @CrossTenant(access = \"%s\").",
					access, what, Thread.currentThread().getName(), call.method, call.access, access, call.access,
					access), access, call.access);
		}
	}

	/**
	 * End this call, making the enclosing one (if any) current again.
	 */
	void exit() {
		if (this.enclosing == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(this.enclosing);
		}
	}

}
