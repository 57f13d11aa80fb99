/**
 * Annotations that declare tenancy: {@link dev.tenancy.annotation.TenantScoped}, the explicit escape hatch
 * {@link dev.tenancy.annotation.CrossTenant}, and the entity mapping annotations
 * {@link dev.tenancy.annotation.TenantEntity}, {@link dev.tenancy.annotation.TenantIndexKey} and
 * {@link dev.tenancy.annotation.TenantIndex}.
 */
@NullMarked
package dev.tenancy.annotation;

import org.jspecify.annotations.NullMarked;
