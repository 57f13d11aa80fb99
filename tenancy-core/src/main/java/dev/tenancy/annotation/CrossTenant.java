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
 *
 * @author tenancy
 * @since 0.1
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CrossTenant {

	/**
	 * Why this code must cross tenants; shown in logs and metrics.
	 * @return the justification
	 */
	String value();

}
