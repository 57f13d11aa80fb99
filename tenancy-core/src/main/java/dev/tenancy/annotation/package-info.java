/**
 * Annotations that declare tenancy: {@link dev.tenancy.annotation.TenantScoped} and the explicit escape hatch
 * {@link dev.tenancy.annotation.CrossTenant}.
 */
@NullMarked
package dev.tenancy.annotation;

import org.jspecify.annotations.NullMarked;
