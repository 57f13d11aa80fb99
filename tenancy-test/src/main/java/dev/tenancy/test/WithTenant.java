package dev.tenancy.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test with a tenant bound: {@code TenantContext.open(TenantId.of(value()))} before the test (before user
 * {@code @BeforeEach} methods) and closing that scope after it (after user {@code @AfterEach} methods), also when the
 * test fails. On a class it applies to every test method, also of {@code @Nested} classes; an annotation on a method
 * wins over one on its class.
 * <p>
 * The binding belongs to the test's thread; code the test runs on other threads sees it only when propagated (for
 * example with {@code TenantContext.wrap}), and a test with {@code @Timeout(threadMode = SEPARATE_THREAD)} runs
 * without it.
 *
 * @author tenancy
 * @since 0.1
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WithTenantExtension.class)
public @interface WithTenant {

	/**
	 * @return the tenant id; must be a valid {@code TenantId}
	 */
	String value();

}
