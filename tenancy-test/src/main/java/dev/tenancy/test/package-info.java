/**
 * The tenancy test kit: local DynamoDB, local STS and an IAM-enforcing gateway started once per JVM, with JUnit 5
 * support ({@link dev.tenancy.test.TenancyTest}, {@link dev.tenancy.test.WithTenant}).
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test;
