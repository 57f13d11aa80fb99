/**
 * Dev services for Spring Boot: with {@code tenancy-test} on the (test) class path, a Boot application started from
 * it ({@code @SpringBootTest}, {@code SpringApplication.from(App::main)}, {@code mvn spring-boot:test-run}) runs on
 * the test kit, with tables for its tenant entities, and no kit code in the application. See
 * {@link dev.tenancy.test.boot.TenancyDevServices}.
 */
@NullMarked
package dev.tenancy.test.boot;

import org.jspecify.annotations.NullMarked;
