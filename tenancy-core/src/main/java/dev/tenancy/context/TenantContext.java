package dev.tenancy.context;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Binds the current tenant to the current thread.
 * <p>
 * Scopes are opened with {@link #open(TenantId)} and closed with try-with-resources:
 *
 * <pre>{@code
 * try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
 *     repository.findById("p-1");
 * }
 * }</pre>
 *
 * A scope is always cleared when closed, also when the body throws. Opening a scope for the same tenant inside an
 * open scope reuses it; a scope for a different tenant is refused with {@link TenantScopeConflictException} unless
 * the switch is explicit ({@link #switchTo(TenantId)}), in which case closing it restores the enclosing tenant.
 * <p>
 * The binding is a plain {@link ThreadLocal}, deliberately not inheritable: a thread started or a pooled task
 * submitted inside a scope does not see the tenant unless it is propagated explicitly with {@link #wrap(Runnable)} /
 * {@link #wrap(Callable)} (or a task decorator built on them). This keeps a tenant from leaking into pooled threads.
 * A scope closed from another thread than the one that opened it is revoked (see {@link TenantScope}).
 * <p>
 * While a scope is open, the tenant is also in the logging {@link MDC} under {@value #MDC_KEY}.
 * <p>
 * {@link #openScopes(TenantId)} tells how many scopes of a tenant are open on all threads of the JVM, for work that
 * must wait until no thread uses a tenant (moving or offboarding it).
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantContext {

	private static final Log logger = LogFactory.getLog(TenantContext.class);

	private static final ThreadLocal<@Nullable TenantScope> CURRENT = new ThreadLocal<>();

	/**
	 * The key of the tenant in the logging {@link MDC} while a scope is open on the thread (for a log pattern such as
	 * {@code %X{tenant}}); removed when the thread's last scope closes.
	 */
	public static final String MDC_KEY = "tenant";

	private TenantContext() {
	}

	/**
	 * The one place that changes the thread's binding, so that the logging MDC always shows the bound tenant.
	 */
	private static void bind(@Nullable TenantScope scope) {
		if (scope == null) {
			CURRENT.remove();
			MDC.remove(MDC_KEY);
		}
		else {
			CURRENT.set(scope);
			MDC.put(MDC_KEY, scope.tenant().value());
		}
	}

	/**
	 * @return the tenant of the innermost open scope on this thread, if any
	 */
	public static Optional<TenantId> current() {
		TenantScope scope = innermost();
		return (scope != null) ? Optional.of(scope.tenant()) : Optional.empty();
	}

	/**
	 * @return the tenant of the innermost open scope on this thread, or {@literal null}
	 */
	public static @Nullable TenantId currentOrNull() {
		TenantScope scope = innermost();
		return (scope != null) ? scope.tenant() : null;
	}

	/**
	 * Return the current tenant or fail closed.
	 * @param operation what needs the tenant, named in the error message
	 * @return the current tenant
	 * @throws MissingTenantException if no scope is open on this thread
	 */
	public static TenantId require(String operation) {
		TenantScope scope = innermost();
		if (scope == null) {
			throw new MissingTenantException(String.format("No tenant is bound to thread '%s' for %s; call it from a "
					+ "@TenantScoped method, inside TenantContext.open(...), or with TenantContext.runAs(...).",
					Thread.currentThread().getName(), operation));
		}
		return scope.tenant();
	}

	/**
	 * How many scopes of the tenant are open right now on any thread of this JVM: every scope counts, nested ones and
	 * those of suspended bindings ({@link #switchTo(TenantId)} or a {@link #wrap(Runnable) wrapped} task running on
	 * the thread) included, so the answer is {@code 0} exactly when no thread has the tenant bound. A scope stops
	 * counting when it is closed, when an out-of-order close drops it, and as soon as another thread revokes it
	 * ({@link TenantScope}): its thread can no longer use the tenant, even before it looks the tenant up again. A
	 * scope that is never closed on a thread that ends keeps counting. Cheap: one map lookup.
	 * @param tenant the tenant, must not be {@literal null}
	 * @return the number of open scopes of the tenant, {@code 0} if none
	 */
	public static int openScopes(TenantId tenant) {
		if (tenant == null) {
			throw new IllegalArgumentException("Tenant must not be null");
		}
		return OpenScopes.count(tenant);
	}

	/**
	 * Open a scope for the given tenant. Inside a scope of the same tenant the returned scope is a nested use of it;
	 * inside a scope of another tenant this fails.
	 * @param tenant the tenant, must not be {@literal null}
	 * @return the scope to close
	 * @throws TenantScopeConflictException if a scope for a different tenant is open on this thread
	 */
	public static TenantScope open(TenantId tenant) {
		return open(tenant, false);
	}

	/**
	 * Open a scope for the given tenant even inside a scope of another tenant. Closing it restores the enclosing
	 * scope. Use this only where switching tenants is the explicit intent (for example a job that works through
	 * tenants one by one).
	 * @param tenant the tenant, must not be {@literal null}
	 * @return the scope to close
	 */
	public static TenantScope switchTo(TenantId tenant) {
		return open(tenant, true);
	}

	private static TenantScope open(TenantId tenant, boolean allowSwitch) {
		if (tenant == null) {
			throw new IllegalArgumentException("Tenant must not be null");
		}
		TenantScope enclosing = innermost();
		if (enclosing != null && !enclosing.tenant().equals(tenant) && !allowSwitch) {
			throw new TenantScopeConflictException(enclosing.tenant(), tenant);
		}
		TenantScope scope = new TenantScope(tenant, enclosing, Thread.currentThread());
		bind(scope);
		scope.chain().pushed(scope);
		return scope;
	}

	/**
	 * The innermost open scope of this thread. A binding in which a scope was revoked (closed from another thread) is
	 * dropped here, whole, so that the thread fails closed instead of keeping a tenant its owner meant to unbind.
	 */
	private static @Nullable TenantScope innermost() {
		TenantScope top = CURRENT.get();
		String revokedBy = (top != null) ? top.revokedBy() : null;
		if (revokedBy != null) {
			drop(top);
			logger.warn(String.format("A tenant scope of thread '%s' was closed from thread '%s'; the tenant binding "
					+ "of this thread was cleared.", Thread.currentThread().getName(), revokedBy));
			return null;
		}
		return top;
	}

	static void close(TenantScope scope) {
		TenantScope top = CURRENT.get();
		if (top != null && top.revokedBy() != null) {
			// The owner closes a scope that another thread revoked: the misuse was reported there; unbind everything.
			drop(top);
			return;
		}
		if (top != scope) {
			if (!isOpen(top, scope)) {
				// Already unbound (for example after an out-of-order close cleared the thread): nothing to do. Or bound
				// in a binding a wrapped task suspended on this thread: revoke it, so it is dropped when restored.
				if (isOpen(scope.chain().top(), scope)) {
					scope.chain().revoke(Thread.currentThread().getName());
				}
				return;
			}
			// Closing out of order would leave a wrong tenant bound: clear everything and report the misuse.
			drop(top);
			throw new IllegalStateException(String.format("Tenant scope for '%s' closed out of order on thread '%s'; "
					+ "the tenant binding of this thread was cleared. Close scopes in reverse order of opening "
					+ "(try-with-resources).", scope.tenant(), Thread.currentThread().getName()));
		}
		TenantScope enclosing = scope.enclosing();
		bind(enclosing);
		scope.chain().popped(scope, enclosing);
	}

	/** Unbind the thread's whole binding, whose scopes are then no longer open. */
	private static void drop(TenantScope top) {
		bind(null);
		top.chain().dropped();
	}

	private static boolean isOpen(@Nullable TenantScope top, TenantScope scope) {
		for (TenantScope candidate = top; candidate != null; candidate = candidate.enclosing()) {
			if (candidate == scope) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Run work as the given tenant (for jobs and other code without an authenticated principal). Inside a scope of
	 * another tenant this fails like {@link #open(TenantId)}.
	 * @param tenant the tenant
	 * @param work the work
	 */
	@SuppressWarnings("try")
	public static void runAs(TenantId tenant, Runnable work) {
		try (TenantScope ignored = open(tenant)) {
			work.run();
		}
	}

	/**
	 * Compute a value as the given tenant.
	 * @param tenant the tenant
	 * @param work the work
	 * @param <T> the result type
	 * @return the result of {@code work}
	 */
	@SuppressWarnings("try")
	public static <T> T callAs(TenantId tenant, Supplier<T> work) {
		try (TenantScope ignored = open(tenant)) {
			return work.get();
		}
	}

	/**
	 * Capture the current tenant (if any) so that the task runs with it on whatever thread executes it, and with no
	 * tenant when none was bound at capture time. The executing thread's previous binding is restored afterwards.
	 * @param task the task
	 * @return the wrapped task
	 */
	public static Runnable wrap(Runnable task) {
		return wrap(task, currentOrNull());
	}

	/**
	 * Like {@link #wrap(Runnable)}, but when no scope is open on the submitting thread the task gets the tenant the
	 * resolver finds there, typically the tenant of the authenticated principal of a web request (whose tenant is
	 * otherwise only bound inside {@code @TenantScoped} calls). This is how {@code @Async} work started from a
	 * controller runs for the caller's tenant. The tenant is resolved once, at submission.
	 * @param task the task
	 * @param resolver resolves the submitting thread's tenant when no scope is open; must not be {@literal null}
	 * @return the wrapped task
	 * @throws InvalidTenantIdException if the resolver finds an invalid tenant id (at submission, so nothing runs)
	 */
	public static Runnable wrap(Runnable task, TenantResolver resolver) {
		return wrap(task, captured(resolver));
	}

	@SuppressWarnings("try")
	private static Runnable wrap(Runnable task, @Nullable TenantId captured) {
		return () -> {
			TenantScope previous = CURRENT.get();
			bind(null);
			try {
				if (captured == null) {
					task.run();
				}
				else {
					try (TenantScope ignored = open(captured)) {
						task.run();
					}
				}
			}
			finally {
				restore(previous);
			}
		};
	}

	/**
	 * Like {@link #wrap(Runnable)} for a {@link Callable}.
	 * @param task the task
	 * @param <T> the result type
	 * @return the wrapped task
	 */
	public static <T> Callable<T> wrap(Callable<T> task) {
		return wrap(task, currentOrNull());
	}

	/**
	 * Like {@link #wrap(Runnable, TenantResolver)} for a {@link Callable}.
	 * @param task the task
	 * @param resolver resolves the submitting thread's tenant when no scope is open; must not be {@literal null}
	 * @param <T> the result type
	 * @return the wrapped task
	 * @throws InvalidTenantIdException if the resolver finds an invalid tenant id
	 */
	public static <T> Callable<T> wrap(Callable<T> task, TenantResolver resolver) {
		return wrap(task, captured(resolver));
	}

	private static @Nullable TenantId captured(TenantResolver resolver) {
		if (resolver == null) {
			throw new IllegalArgumentException("TenantResolver must not be null");
		}
		TenantId current = currentOrNull();
		return (current != null) ? current : resolver.resolve().orElse(null);
	}

	@SuppressWarnings("try")
	private static <T> Callable<T> wrap(Callable<T> task, @Nullable TenantId captured) {
		return () -> {
			TenantScope previous = CURRENT.get();
			bind(null);
			try {
				if (captured == null) {
					return task.call();
				}
				try (TenantScope ignored = open(captured)) {
					return task.call();
				}
			}
			finally {
				restore(previous);
			}
		};
	}

	/** Restore the binding a wrapped task suspended; scopes the task left open are dropped. */
	private static void restore(@Nullable TenantScope previous) {
		TenantScope left = CURRENT.get();
		if (left != null && left != previous) {
			left.chain().dropped();
		}
		bind(previous);
	}

}
