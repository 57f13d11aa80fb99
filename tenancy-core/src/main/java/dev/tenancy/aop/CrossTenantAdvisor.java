package dev.tenancy.aop;

import org.aopalliance.aop.Advice;

import dev.tenancy.annotation.CrossTenant;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.util.Assert;

/**
 * Applies the {@link CrossTenantInterceptor} to Spring beans whose class or method is annotated with
 * {@link CrossTenant}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class CrossTenantAdvisor extends AbstractPointcutAdvisor {

	private final CrossTenantInterceptor interceptor;

	private final Pointcut pointcut;

	/**
	 * @param interceptor the interceptor to apply; must not be {@literal null}
	 */
	public CrossTenantAdvisor(CrossTenantInterceptor interceptor) {
		Assert.notNull(interceptor, "CrossTenantInterceptor must not be null");
		this.interceptor = interceptor;
		this.pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(CrossTenant.class, true))
			.union(new AnnotationMatchingPointcut(null, CrossTenant.class, true));
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

}
