/**
 * Configuration of tenant-scoped repositories: {@link dev.tenancy.repository.config.EnableTenancyRepositories} and
 * the Spring Data configuration extension behind it.
 */
@NullMarked
package dev.tenancy.repository.config;

import org.jspecify.annotations.NullMarked;
