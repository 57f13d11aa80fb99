package dev.tenancy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that calls run for the tenant of the current principal.
 * <p>
 * On a repository interface or on a Spring bean class or method, each call resolves the tenant through the
 * configured {@code TenantResolver} chain, opens a tenant scope, runs with a DynamoDB client whose requests are
 * signed with that tenant's credentials and checked by the guard, and closes the scope. Without a tenant the call
 * fails with {@code MissingTenantException} before any DynamoDB request is made.
 *
 * @author tenancy
 * @since 0.1
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TenantScoped {

	/**
	 * Whether a call for a different tenant may run inside an already open scope of another tenant. Off by default:
	 * a nested call that would switch tenants is refused (TH-9).
	 * @return whether switching tenants inside an open scope is allowed
	 */
	boolean allowTenantSwitch() default false;

}
