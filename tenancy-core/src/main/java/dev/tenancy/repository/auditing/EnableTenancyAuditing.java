package dev.tenancy.repository.auditing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Audits tenant entities on every write of the template (insert, save, batch save, transaction): Spring Data's
 * {@code @CreatedDate}, {@code @LastModifiedDate}, {@code @CreatedBy} and {@code @LastModifiedBy} properties are set
 * before the entity is converted into its item. The auditor comes from the application context's only
 * {@code AuditorAware} bean, the time from its only {@code DateTimeProvider} bean (else the current time).
 * <p>
 * An entity whose created date (or, without one, creator) is still unset is marked created, any other one modified.
 * With the Spring Boot starter, {@code tenancy.auditing.enabled=true} does the same.
 *
 * @author tenancy
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(TenancyAuditingConfiguration.class)
public @interface EnableTenancyAuditing {

}
