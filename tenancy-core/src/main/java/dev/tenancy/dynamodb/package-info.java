/**
 * Tenant-scoped DynamoDB client access: the guard that evaluates each outgoing request against the tenant's session
 * policy, the isolation modes, and translation of SDK exceptions to Spring's {@code DataAccessException} hierarchy.
 */
@NullMarked
package dev.tenancy.dynamodb;

import org.jspecify.annotations.NullMarked;
