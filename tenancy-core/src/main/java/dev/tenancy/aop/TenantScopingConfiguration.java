package dev.tenancy.aop;

import java.util.Optional;

import dev.tenancy.context.SecurityContextTenantResolver;
import dev.tenancy.context.TenantResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The beans behind {@link EnableTenantScoping}. The tenant resolver and the cross-tenant listener are looked up
 * lazily, on first use, so that the advisors can be created early without pulling application beans with them.
 *
 * @author tenancy
 * @since 0.1
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class TenantScopingConfiguration {

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder",
			TenantScopingConfiguration.class.getClassLoader());

	/**
	 * @param resolvers the application's tenant resolver, if it declares exactly one
	 * @return the interceptor behind {@code @TenantScoped}
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static TenantScopeInterceptor tenantScopeInterceptor(ObjectProvider<TenantResolver> resolvers) {
		SingletonSupplier<TenantResolver> resolver = SingletonSupplier
			.of(() -> resolvers.getIfUnique(TenantScopingConfiguration::defaultTenantResolver));
		return new TenantScopeInterceptor(() -> resolver.obtain().resolve());
	}

	/**
	 * @param tenantScopeInterceptor the interceptor
	 * @return the advisor for {@code @TenantScoped} beans
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static TenantScopedAdvisor tenantScopedAdvisor(TenantScopeInterceptor tenantScopeInterceptor) {
		return new TenantScopedAdvisor(tenantScopeInterceptor);
	}

	/**
	 * @param listeners the application's cross-tenant listener, if it declares exactly one
	 * @return the advisor for {@code @CrossTenant} beans
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CrossTenantAdvisor crossTenantAdvisor(ObjectProvider<CrossTenantListener> listeners) {
		SingletonSupplier<CrossTenantListener> listener = SingletonSupplier
			.of(() -> listeners.getIfUnique(() -> CrossTenantListener.NONE));
		return new CrossTenantAdvisor(new CrossTenantInterceptor(
				(method, justification, tenant) -> listener.obtain().onCrossTenantCall(method, justification, tenant)));
	}

	/**
	 * @return the startup check of the names {@code @CrossTenant} annotations give their access
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CrossTenantAccessVerifier crossTenantAccessVerifier() {
		return new CrossTenantAccessVerifier();
	}

	/**
	 * The resolver used when the application declares none: the Spring Security principal's tenant claim when Spring
	 * Security is present, otherwise a resolver that never names a tenant (so only explicitly opened scopes work).
	 * @return the default tenant resolver
	 */
	public static TenantResolver defaultTenantResolver() {
		return SPRING_SECURITY_PRESENT ? new SecurityContextTenantResolver() : Optional::empty;
	}

}
