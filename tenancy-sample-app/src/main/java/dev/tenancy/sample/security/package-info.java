/**
 * Spring Security: local users or JWTs, the organization as tenant, and the column access of each role.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.sample.security;
