/**
 * A DynamoDB request as IAM sees it: {@link dev.tenancy.iam.request.DynamoDbRequestContextExtractor} turns the JSON
 * body of a DynamoDB API call into the {@link dev.tenancy.iam.evaluation.AuthorizationRequest authorization requests}
 * IAM would check (actions, resource ARNs and condition keys such as {@code dynamodb:LeadingKeys}), and
 * {@link dev.tenancy.iam.request.IndexKeyConfinement} checks that the tenant-leading keys of secondary indexes in a
 * request belong to the tenant.
 */
@NullMarked
package dev.tenancy.iam.request;

import org.jspecify.annotations.NullMarked;
