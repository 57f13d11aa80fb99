/**
 * A sample application package with a tenant-scoped repository.
 */
package dev.tenancy.autoconfigure.repository.sample;
