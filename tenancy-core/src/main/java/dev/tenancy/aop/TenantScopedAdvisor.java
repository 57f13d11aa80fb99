package dev.tenancy.aop;

import org.aopalliance.aop.Advice;

import dev.tenancy.annotation.TenantScoped;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.data.repository.Repository;
import org.springframework.util.Assert;

/**
 * Applies the {@link TenantScopeInterceptor} to Spring beans whose class (or an interface or superclass of it) or
 * method is annotated with {@link TenantScoped}. Spring Data repositories are excluded: their proxies get the
 * interceptor from the repository factory, which also honours an annotation on the repository interface.
 * <p>
 * Register it as a bean together with an auto-proxy creator, or use
 * {@link EnableTenantScoping @EnableTenantScoping}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantScopedAdvisor extends AbstractPointcutAdvisor {

	private final TenantScopeInterceptor interceptor;

	private final Pointcut pointcut;

	/**
	 * @param interceptor the interceptor to apply; must not be {@literal null}
	 */
	public TenantScopedAdvisor(TenantScopeInterceptor interceptor) {
		Assert.notNull(interceptor, "TenantScopeInterceptor must not be null");
		this.interceptor = interceptor;
		ClassFilter notRepository = (type) -> !Repository.class.isAssignableFrom(type);
		this.pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(TenantScoped.class, true))
			.union(new AnnotationMatchingPointcut(null, TenantScoped.class, true))
			.intersection(notRepository);
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
