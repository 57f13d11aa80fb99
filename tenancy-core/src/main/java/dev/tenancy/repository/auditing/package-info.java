/**
 * Auditing of tenant entities with Spring Data's annotations ({@code @CreatedDate}, {@code @LastModifiedDate},
 * {@code @CreatedBy}, {@code @LastModifiedBy}) through Spring Data's {@code AuditingHandler}: enable it with
 * {@link dev.tenancy.repository.auditing.EnableTenancyAuditing} (or {@code tenancy.auditing.enabled=true} with the
 * starter).
 */
@NullMarked
package dev.tenancy.repository.auditing;

import org.jspecify.annotations.NullMarked;
