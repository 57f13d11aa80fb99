/**
 * Column restrictions as a tenancy feature: per {@link dev.tenancy.context.AccessVariant access variant}, the
 * attributes a tenant's caller may read and write, enforced by the variant's own STS session policy, by the guard
 * evaluating that policy, and by repositories that shape their requests to it
 * ({@link dev.tenancy.columns.ColumnRestrictions}, {@link dev.tenancy.columns.ColumnRestrictingDynamoDbClient}).
 */
@NullMarked
package dev.tenancy.columns;

import org.jspecify.annotations.NullMarked;
