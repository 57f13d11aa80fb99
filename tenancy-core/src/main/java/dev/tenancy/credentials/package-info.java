/**
 * Token vending: one STS session per tenant (AssumeRole with a tenant session policy and session tag), cached,
 * refreshed ahead of expiry in the background, and routed by the current tenant scope.
 */
@NullMarked
package dev.tenancy.credentials;

import org.jspecify.annotations.NullMarked;
