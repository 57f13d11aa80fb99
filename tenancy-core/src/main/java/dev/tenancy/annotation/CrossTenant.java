package dev.tenancy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that crosses tenants by design, for example resolving the tenant of a login e-mail on a global index.
 * It runs with a separately configured, narrowly scoped identity rather than a tenant's session, is recorded in
 * metrics and logs, and the ArchUnit rules confine it to packages the application names.
 * <p>
 * While the method runs, the cross-tenant access it names ({@link #access()}, a
 * {@code dev.tenancy.aop.CrossTenantAccess} bean of that name), and only that one, may send requests on the calling
 * thread. A nested {@code @CrossTenant} call unlocks its own access only; the enclosing one is unlocked again when it
 * returns.
 *
 * <pre>{@code
 * @CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
 * public Optional<TenantId> tenantOf(String email) { ... }
 * }</pre>
 *
 * @author tenancy
 * @since 0.1
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CrossTenant {

	/** The name of the access an annotation without {@link #access()} unlocks. */
	String DEFAULT_ACCESS = "default";

	/**
	 * Why this code must cross tenants; shown in logs and metrics.
	 * @return the justification
	 */
	String value();

	/**
	 * The name of the cross-tenant access this code may use; requests of any other access are refused while it runs.
	 * @return the access name
	 */
	String access() default DEFAULT_ACCESS;

}
