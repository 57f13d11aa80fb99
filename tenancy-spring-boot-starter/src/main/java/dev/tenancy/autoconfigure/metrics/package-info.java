/**
 * Micrometer metrics of tenancy: STS calls, the tenant session cache, access denials and tenant-scoped request latency.
 */
@NullMarked
package dev.tenancy.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
