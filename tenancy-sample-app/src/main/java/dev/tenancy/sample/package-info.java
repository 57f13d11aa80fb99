/**
 * The sample application: a multi-tenant project-management service on tenancy.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.sample;
