/**
 * Support infrastructure for tenant-scoped repositories: the repository factory and factory bean, the base
 * repository implementation and the query lookup.
 */
@NullMarked
package dev.tenancy.repository.support;

import org.jspecify.annotations.NullMarked;
