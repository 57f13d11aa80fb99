/**
 * IAM for DynamoDB: generation of the session, role ceiling and trust policies (on the AWS SDK's
 * {@code iam-policy-builder}), extraction of IAM's request context from a DynamoDB request, and the policy evaluator
 * shared by the client-side guard and the test kit's IAM-enforcing gateway.
 */
@NullMarked
package dev.tenancy.iam;

import org.jspecify.annotations.NullMarked;
