/**
 * Generation of the IAM policies of tenancy on the AWS SDK's {@code iam-policy-builder}:
 * {@link dev.tenancy.iam.policy.TenancyPolicies} produces the per-tenant session policy, the tenant role's ceiling and
 * trust policies and the policies of the application's own identity, optionally narrowed by a
 * {@link dev.tenancy.iam.policy.ColumnRestriction}, and refuses a session policy that would not fit the STS limit.
 */
@NullMarked
package dev.tenancy.iam.policy;

import org.jspecify.annotations.NullMarked;
