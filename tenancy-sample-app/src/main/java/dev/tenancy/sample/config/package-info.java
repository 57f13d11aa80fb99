/**
 * Infrastructure configuration: repositories, per-role tenant sessions and guard, and the embedded AWS stand-in.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.sample.config;
