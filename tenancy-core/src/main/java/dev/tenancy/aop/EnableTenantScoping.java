package dev.tenancy.aop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Enables {@link dev.tenancy.annotation.TenantScoped} and {@link dev.tenancy.annotation.CrossTenant} on Spring beans:
 * registers the {@link TenantScopedAdvisor} and the {@link CrossTenantAdvisor} and, if none is registered yet, an
 * auto-proxy creator. The tenant is resolved by the application's {@link dev.tenancy.context.TenantResolver} bean, or
 * by a {@link dev.tenancy.context.SecurityContextTenantResolver} when there is none and Spring Security is present.
 * Repositories do not need this: their factory applies {@code @TenantScoped} itself.
 *
 * @author tenancy
 * @since 0.1
 * @see TenantScopingConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({ TenantScopingRegistrar.class, TenantScopingConfiguration.class })
public @interface EnableTenantScoping {

}
