/**
 * The tenancy test kit: local DynamoDB, local STS and an IAM-enforcing gateway started once per JVM, with JUnit 5
 * support ({@link dev.tenancy.test.TenancyTest}, {@link dev.tenancy.test.WithTenant}).
 * <p>
 * Classpath: DynamoDB Local brings AWS SDK v1, Jetty 12, Log4j (API and core, plus a {@code log4j2.xml} at the root of
 * its jar that sends WARN to standard output), Jackson 2, Guava, ANTLR, Mockito and sqlite4java. Keep this module in
 * test scope (or a local-only profile). DynamoDB Local itself only needs the Log4j API: in a Spring Boot application
 * that logs with Logback, exclude {@code org.apache.logging.log4j:log4j-core} so its events reach SLF4J. DynamoDB
 * Local logs every client error (for example a conditional-check failure) with a stack trace at WARN under
 * {@code com.amazonaws.services.dynamodbv2.local}; raise that logger to ERROR.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test;
