/**
 * An IAM-enforcing gateway in front of DynamoDB Local: authenticates SigV4 requests against the local STS's
 * credentials, asks a pluggable authorizer, and forwards allowed requests unchanged.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test.gateway;
