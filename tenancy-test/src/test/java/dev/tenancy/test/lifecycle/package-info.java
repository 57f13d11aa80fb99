/**
 * Lifecycle operations against the kit with the IAM-enforcing gateway: purge, export and moves between tiers, under
 * concurrent writers and injected faults.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test.lifecycle;
