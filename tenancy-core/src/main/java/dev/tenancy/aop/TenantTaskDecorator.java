package dev.tenancy.aop;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantResolver;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.Assert;

/**
 * A {@link TaskDecorator} that propagates the submitting thread's tenant to the task, and only that: the tenant of the
 * scope open at submission, else the tenant the {@link TenantResolver} finds for the submitting thread's principal
 * (so {@code @Async} work started from a controller runs for the caller's tenant), else none. The executing thread's
 * own binding is restored afterwards, so a pooled thread never carries a previous task's tenant (TH-8).
 * <p>
 * Set it on a {@code ThreadPoolTaskExecutor} (for {@code @Async}) or a {@code ThreadPoolTaskScheduler}:
 * {@code executor.setTaskDecorator(new TenantTaskDecorator(tenantResolver))}. The Spring Boot starter declares one.
 *
 * @author tenancy
 * @since 0.1
 * @see TenantContext#wrap(Runnable, TenantResolver)
 */
public final class TenantTaskDecorator implements TaskDecorator {

	private final TenantResolver resolver;

	/**
	 * A decorator that resolves the principal's tenant with {@link TenantScopingConfiguration#defaultTenantResolver()}
	 * (the Spring Security context's {@code tenant_id}, if Spring Security is present). An application with its own
	 * {@link TenantResolver} passes it to {@link #TenantTaskDecorator(TenantResolver)} instead.
	 */
	public TenantTaskDecorator() {
		this(TenantScopingConfiguration.defaultTenantResolver());
	}

	/**
	 * @param resolver resolves the submitting thread's tenant when no scope is open; must not be {@literal null}
	 */
	public TenantTaskDecorator(TenantResolver resolver) {
		Assert.notNull(resolver, "TenantResolver must not be null");
		this.resolver = resolver;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		return TenantContext.wrap(runnable, this.resolver);
	}

}
