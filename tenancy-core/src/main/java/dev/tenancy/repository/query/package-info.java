/**
 * Queries of tenant-scoped repositories: method names, or {@link dev.tenancy.repository.query.Query} declarations,
 * become DynamoDB key conditions on the table's sort key or on a tenant index, validated when the repository is
 * created.
 */
@NullMarked
package dev.tenancy.repository.query;

import org.jspecify.annotations.NullMarked;
