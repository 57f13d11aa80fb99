package dev.tenancy.observation;

import io.micrometer.common.KeyValues;

import dev.tenancy.context.TenantId;
import dev.tenancy.observation.TenancyObservation.HighCardinalityKeys;
import dev.tenancy.observation.TenancyObservation.LowCardinalityKeys;

/**
 * The default {@link RepositoryObservationConvention}: the observation {@value #NAME}, named in traces
 * {@code <Entity>.<method>} (for example {@code Project.findByStatus}), with the entity, the operation and the
 * outcome as low-cardinality keys and the tenant as a high-cardinality key.
 *
 * @author tenancy
 * @since 0.1
 */
public class DefaultRepositoryObservationConvention implements RepositoryObservationConvention {

	/** The name of the observation (and of the timer Micrometer derives from it). */
	public static final String NAME = "tenancy.repository";

	/** The value of the tenant key when no tenant was bound. */
	public static final String NO_TENANT = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RepositoryObservationContext context) {
		return context.getEntityType().getSimpleName() + "." + context.getMethod().getName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RepositoryObservationContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of(LowCardinalityKeys.ENTITY.withValue(context.getEntityType().getSimpleName()),
				LowCardinalityKeys.OPERATION.withValue(context.getMethod().getName()),
				LowCardinalityKeys.OUTCOME.withValue((outcome != null) ? outcome : RepositoryObservationContext.SUCCESS));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RepositoryObservationContext context) {
		TenantId tenant = context.getTenant();
		return KeyValues.of(HighCardinalityKeys.TENANT.withValue((tenant != null) ? tenant.value() : NO_TENANT));
	}

}
