/**
 * ArchUnit rules that fail the build when application code scans, runs PartiQL, uses an unscoped DynamoDB client
 * or bypasses the tenancy annotations; start with {@link dev.tenancy.archunit.TenancyRules}.
 */
@NullMarked
package dev.tenancy.archunit;

import org.jspecify.annotations.NullMarked;
