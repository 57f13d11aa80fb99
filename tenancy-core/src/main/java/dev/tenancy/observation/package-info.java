/**
 * Micrometer observations of tenancy: {@link dev.tenancy.observation.TenancyObservation} documents the observation of
 * each repository operation (entity, operation and outcome as low-cardinality keys, the tenant as a high-cardinality
 * key), {@link dev.tenancy.observation.RepositoryObservationConvention} lets an application rename or extend it, and
 * {@link dev.tenancy.observation.TenancyObservationEvents} records the guard's denials and STS calls as events of the
 * observation in progress, so a trace shows them inside the span of the repository call that caused them.
 */
@NullMarked
package dev.tenancy.observation;

import org.jspecify.annotations.NullMarked;
