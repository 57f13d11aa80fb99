package dev.tenancy.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@link TenancyObservation#REPOSITORY_OPERATION}: declare a bean of this type to
 * rename the observation or change its keys (the default is {@link DefaultRepositoryObservationConvention}).
 *
 * @author tenancy
 * @since 0.1
 */
public interface RepositoryObservationConvention extends ObservationConvention<RepositoryObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RepositoryObservationContext;
	}

}
