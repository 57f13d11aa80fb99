/**
 * The interceptors and advisors behind {@link dev.tenancy.annotation.TenantScoped} and
 * {@link dev.tenancy.annotation.CrossTenant}, and helpers that propagate the tenant to other threads.
 */
@NullMarked
package dev.tenancy.aop;

import org.jspecify.annotations.NullMarked;
