package dev.tenancy.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class (or method) against the JVM-wide {@link TenancyTestKit}: the kit starts on first use,
 * is shared by all test classes, also when they run in parallel, and stops at the end of the test run. Test
 * constructors, lifecycle methods and test methods can declare a {@link TenancyTestKit} parameter.
 *
 * <pre>{@code
 * @TenancyTest
 * class ProjectRepositoryTests {
 *
 *     @Test
 *     @WithTenant("acme")
 *     void savesInTheTenantPartition(TenancyTestKit kit) {
 *         DynamoDbClient acme = kit.dynamoDbClientFor(TenantId.of("acme"), sessionPolicy);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * @author tenancy
 * @since 0.1
 * @see WithTenant
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TenancyTestKitExtension.class)
public @interface TenancyTest {

}
