/**
 * JMH benchmarks and measurement harnesses for the numbers the design must reach (the performance targets in docs/BENCHMARKS.md).
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.benchmarks;
