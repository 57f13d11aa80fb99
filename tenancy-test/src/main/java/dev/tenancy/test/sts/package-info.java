/**
 * A local AWS STS endpoint (AssumeRole, GetCallerIdentity) that issues and records expiring session credentials.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test.sts;
