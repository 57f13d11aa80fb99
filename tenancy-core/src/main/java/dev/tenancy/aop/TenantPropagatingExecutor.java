package dev.tenancy.aop;

import java.util.concurrent.Executor;

import dev.tenancy.context.TenantContext;

import org.springframework.util.Assert;

/**
 * An {@link Executor} that propagates the submitting thread's tenant (or its absence) to each task, for APIs that take
 * a plain executor, such as {@code CompletableFuture.supplyAsync(work, executor)}. Like {@link TenantTaskDecorator},
 * it never lets a pooled thread keep a previous task's tenant (TH-8).
 *
 * @author tenancy
 * @since 0.1
 * @see TenantContext#wrap(Runnable)
 */
public final class TenantPropagatingExecutor implements Executor {

	private final Executor delegate;

	/**
	 * @param delegate the executor that runs the tasks; must not be {@literal null}
	 */
	public TenantPropagatingExecutor(Executor delegate) {
		Assert.notNull(delegate, "Executor must not be null");
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable command) {
		this.delegate.execute(TenantContext.wrap(command));
	}

}
