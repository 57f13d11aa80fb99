package dev.tenancy.repository.support;

import java.lang.reflect.Method;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.aop.TenantScopeInterceptor;
import dev.tenancy.context.TenantResolver;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;
import org.springframework.util.Assert;

/**
 * Adds the {@link TenantScopeInterceptor} to the proxy of every repository whose interface, or one of whose methods,
 * is annotated with {@link TenantScoped}. Applying it here (rather than through an auto-proxy advisor) is what makes
 * an annotation on the repository <em>interface</em> work, including for the methods it inherits.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantScopedRepositoryProxyPostProcessor implements RepositoryProxyPostProcessor {

	private final TenantResolver resolver;

	/**
	 * @param resolver resolves the tenant of each call; must not be {@literal null}
	 */
	public TenantScopedRepositoryProxyPostProcessor(TenantResolver resolver) {
		Assert.notNull(resolver, "TenantResolver must not be null");
		this.resolver = resolver;
	}

	@Override
	public void postProcess(ProxyFactory factory, RepositoryInformation repositoryInformation) {
		Class<?> repositoryInterface = repositoryInformation.getRepositoryInterface();
		if (isTenantScoped(repositoryInterface)) {
			factory.addAdvice(0, TenantScopeInterceptor.forRepository(this.resolver, repositoryInterface));
		}
	}

	static boolean isTenantScoped(Class<?> repositoryInterface) {
		if (AnnotatedElementUtils.hasAnnotation(repositoryInterface, TenantScoped.class)) {
			return true;
		}
		for (Method method : repositoryInterface.getMethods()) {
			if (AnnotatedElementUtils.hasAnnotation(method, TenantScoped.class)) {
				return true;
			}
		}
		return false;
	}

}
