package dev.tenancy.aop;

import dev.tenancy.context.TenantContext;

import org.springframework.core.task.TaskDecorator;

/**
 * A {@link TaskDecorator} that propagates the submitting thread's tenant to the task, and only that: the task runs
 * with the tenant that was bound when it was submitted, or with none, and the executing thread's own binding is
 * restored afterwards, so a pooled thread never carries a previous task's tenant (TH-8).
 * <p>
 * Set it on a {@code ThreadPoolTaskExecutor} (for {@code @Async}) or a {@code ThreadPoolTaskScheduler}:
 * {@code executor.setTaskDecorator(new TenantTaskDecorator())}.
 *
 * @author tenancy
 * @since 0.1
 * @see TenantContext#wrap(Runnable)
 */
public final class TenantTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		return TenantContext.wrap(runnable);
	}

}
