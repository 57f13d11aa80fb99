package dev.tenancy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the global secondary index a derived query method must use, where the entity's {@link TenantIndexKey}
 * declarations would otherwise be ambiguous (two indexes composed from the same attributes) or where the choice
 * should be explicit. The method's conditions must still be answerable by that index's key condition, or the
 * repository fails to start.
 *
 * <pre>{@code
 * @TenantIndex("byStatus")
 * List<Project> findByStatus(ProjectStatus status);
 * }</pre>
 *
 * @author tenancy
 * @since 0.1
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TenantIndex {

	/**
	 * @return the name of the global secondary index
	 */
	String value();

}
