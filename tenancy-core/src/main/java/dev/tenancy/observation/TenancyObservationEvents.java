package dev.tenancy.observation;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsListener;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.observation.TenancyObservation.Events;

import org.springframework.util.Assert;

/**
 * Records the guard's denials and the STS calls made for a tenant as events of the observation in progress on the
 * calling thread (typically the {@link TenancyObservation#REPOSITORY_OPERATION} of the repository call that caused
 * them), so that a trace shows them inside that span. Calls made with no observation in progress (for example
 * credential refreshes on an SDK background thread) are not recorded here; metrics count them.
 * <p>
 * Register an instance as both a {@link TenantGuardListener} and a {@link TenantCredentialsListener}; the Spring Boot
 * starter does so when an {@link ObservationRegistry} bean exists.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyObservationEvents implements TenantGuardListener, TenantCredentialsListener {

	private final ObservationRegistry registry;

	/**
	 * @param registry the registry whose current observation receives the events; must not be {@literal null}
	 */
	public TenancyObservationEvents(ObservationRegistry registry) {
		Assert.notNull(registry, "ObservationRegistry must not be null");
		this.registry = registry;
	}

	@Override
	public void onDenied(TenantId tenant, String operation, Decision decision) {
		Observation current = this.registry.getCurrentObservation();
		if (current != null) {
			current.event(Observation.Event.of(Events.DENIED.getName(),
					"denied " + decision.request().action() + " for tenant " + tenant));
		}
	}

	@Override
	public void onAssumeRole(TenantId tenant, Duration latency, @Nullable Throwable failure) {
		Observation current = this.registry.getCurrentObservation();
		if (current != null) {
			String result = (failure != null) ? "failed" : "succeeded";
			current.event(Observation.Event.of(Events.ASSUME_ROLE.getName(),
					"sts:AssumeRole for tenant " + tenant + " " + result + " in " + latency.toMillis() + " ms"));
		}
	}

}
