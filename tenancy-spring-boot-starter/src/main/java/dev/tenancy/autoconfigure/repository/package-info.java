/**
 * Auto-configuration of tenant-scoped Spring Data repositories.
 */
@NullMarked
package dev.tenancy.autoconfigure.repository;

import org.jspecify.annotations.NullMarked;
