/**
 * Core of the tenant-scoped Spring Data module: entity metadata read from the enhanced client's {@code TableSchema}
 * and the tenancy annotations, and {@link dev.tenancy.core.TenancyOperations} which runs key-confined
 * DynamoDB requests for the current tenant and checks every returned item.
 */
@NullMarked
package dev.tenancy.core;

import org.jspecify.annotations.NullMarked;
