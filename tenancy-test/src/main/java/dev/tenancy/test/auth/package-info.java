/**
 * Server-side verification of AWS Signature Version 4, as done by the kit's STS and IAM-enforcing gateway.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test.auth;
