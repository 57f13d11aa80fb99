package dev.tenancy.core;

import dev.tenancy.context.TenantId;

/**
 * The tenant of one operation and its partition key, computed once per operation.
 *
 * @param tenant the tenant bound to the scope
 * @param partitionKey the tenant's partition key, for example {@code TENANT#acme}
 */
record TenantKeys(TenantId tenant, String partitionKey) {
}
