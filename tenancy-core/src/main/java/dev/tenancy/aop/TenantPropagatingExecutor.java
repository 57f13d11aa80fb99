package dev.tenancy.aop;

import java.util.concurrent.Executor;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantResolver;

import org.springframework.util.Assert;

/**
 * An {@link Executor} that propagates the submitting thread's tenant (or its absence) to each task, for APIs that take
 * a plain executor, such as {@code CompletableFuture.supplyAsync(work, executor)}: the tenant of the scope open at
 * submission, else the tenant the {@link TenantResolver} finds for the submitting thread's principal, else none. Like
 * {@link TenantTaskDecorator}, it never lets a pooled thread keep a previous task's tenant (TH-8).
 *
 * @author tenancy
 * @since 0.1
 * @see TenantContext#wrap(Runnable, TenantResolver)
 */
public final class TenantPropagatingExecutor implements Executor {

	private final Executor delegate;

	private final TenantResolver resolver;

	/**
	 * An executor that resolves the principal's tenant with {@link TenantScopingConfiguration#defaultTenantResolver()}.
	 * @param delegate the executor that runs the tasks; must not be {@literal null}
	 */
	public TenantPropagatingExecutor(Executor delegate) {
		this(delegate, TenantScopingConfiguration.defaultTenantResolver());
	}

	/**
	 * @param delegate the executor that runs the tasks; must not be {@literal null}
	 * @param resolver resolves the submitting thread's tenant when no scope is open; must not be {@literal null}
	 */
	public TenantPropagatingExecutor(Executor delegate, TenantResolver resolver) {
		Assert.notNull(delegate, "Executor must not be null");
		Assert.notNull(resolver, "TenantResolver must not be null");
		this.delegate = delegate;
		this.resolver = resolver;
	}

	@Override
	public void execute(Runnable command) {
		this.delegate.execute(TenantContext.wrap(command, this.resolver));
	}

}
