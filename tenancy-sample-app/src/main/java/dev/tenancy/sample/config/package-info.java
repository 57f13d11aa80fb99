/**
 * Infrastructure configuration: repositories, per-role tenant sessions and guard.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.sample.config;
