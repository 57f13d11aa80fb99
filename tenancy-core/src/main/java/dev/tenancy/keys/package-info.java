/**
 * Where a tenant's items live: the {@link dev.tenancy.keys.TenantKeyTemplate} that turns a tenant into its partition
 * keys ({@code TENANT#<id>} and {@code TENANT#<id>#...}), the {@link dev.tenancy.keys.DynamoDbKeySchema} of the tables
 * and indexes tenant-scoped code uses, and the {@link dev.tenancy.keys.ResourceArns} that name those tables and
 * indexes; the {@link dev.tenancy.keys.TenantTables} that put a silo tenant in tables of its own, named by a
 * {@link dev.tenancy.keys.SiloTableTemplate}. The repositories, the policy generator and the request-context extractor all build on these definitions.
 */
@NullMarked
package dev.tenancy.keys;

import org.jspecify.annotations.NullMarked;
