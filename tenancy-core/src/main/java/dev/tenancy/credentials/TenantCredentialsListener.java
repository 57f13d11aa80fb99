package dev.tenancy.credentials;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;

/**
 * Callback for observing STS calls made on behalf of tenants, for example to count them by outcome and time them
 * with a metrics library. Core has no metrics dependency; an integration such as the Spring Boot starter can adapt
 * this interface to Micrometer.
 * <p>
 * Invoked on the thread that made the call (a request thread on a tenant's first request, an SDK background thread
 * for refreshes ahead of expiry). Implementations must be fast and thread-safe; an exception they throw is logged and
 * otherwise ignored.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenantCredentialsListener {

	/**
	 * Called after every {@code AssumeRole} call, successful or not.
	 * @param tenant the tenant the session is for
	 * @param latency how long the call took, including the STS client's own retries
	 * @param failure the final failure, or {@literal null} if the call succeeded
	 */
	void onAssumeRole(TenantId tenant, Duration latency, @Nullable Throwable failure);

}
