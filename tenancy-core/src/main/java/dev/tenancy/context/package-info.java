/**
 * The current tenant: the validated {@link dev.tenancy.context.TenantId}, the thread-bound
 * {@link dev.tenancy.context.TenantContext} with its try-with-resources {@link dev.tenancy.context.TenantScope},
 * and the {@link dev.tenancy.context.TenantResolver} SPI that finds the tenant of the authenticated principal; the
 * caller's {@link dev.tenancy.context.AccessVariant} (which attributes it may see) and the
 * {@link dev.tenancy.context.AccessVariantResolver} SPI that decides it; the tenant's
 * {@link dev.tenancy.context.TenantTier} (pooled or silo tables) and the {@link dev.tenancy.context.TenantTierResolver}
 * SPI that decides it, with the {@link dev.tenancy.context.TenantTierRegistry} through which a tenant's tier changes
 * at runtime.
 */
@NullMarked
package dev.tenancy.context;

import org.jspecify.annotations.NullMarked;
