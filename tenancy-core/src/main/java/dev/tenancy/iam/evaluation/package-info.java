/**
 * The IAM policy evaluator shared by the client-side guard and the test kit's IAM-enforcing gateway:
 * {@link dev.tenancy.iam.evaluation.PrincipalSession} compiles a principal's identity, session and boundary policies
 * once, and {@link dev.tenancy.iam.evaluation.PolicyEvaluator} decides an
 * {@link dev.tenancy.iam.evaluation.AuthorizationRequest} against them, returning a
 * {@link dev.tenancy.iam.evaluation.Decision}.
 */
@NullMarked
package dev.tenancy.iam.evaluation;

import org.jspecify.annotations.NullMarked;
