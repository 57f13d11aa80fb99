/**
 * JMH benchmarks and measurement harnesses for the numbers the design must reach (ARCHITECTURE.md §10).
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.benchmarks;
