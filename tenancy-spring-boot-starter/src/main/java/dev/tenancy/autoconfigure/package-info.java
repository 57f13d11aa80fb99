/**
 * Spring Boot auto-configuration of tenancy: properties, base AWS clients, token vending, policies, the guard and the
 * tenant-scoped DynamoDB client.
 */
@NullMarked
package dev.tenancy.autoconfigure;

import org.jspecify.annotations.NullMarked;
