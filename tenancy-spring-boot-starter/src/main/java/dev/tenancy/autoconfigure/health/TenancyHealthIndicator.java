package dev.tenancy.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Health of token vending: {@code DOWN} when every STS call for a tenant session in the last interval failed (so new
 * tenants cannot be served and sessions are about to expire), otherwise {@code UP}. It judges from the outcomes the
 * {@link StsRefreshTracker} recorded and never calls STS itself, so health probes cost nothing and cannot be throttled.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyHealthIndicator extends AbstractHealthIndicator {

	private final StsRefreshTracker tracker;

	private final Duration interval;

	private final String roleArn;

	private final LongSupplier cachedTenants;

	private final Clock clock;

	/**
	 * @param tracker the recorded STS outcomes, must not be {@literal null}
	 * @param interval how far back to look, must be positive
	 * @param roleArn the tenant role, must not be {@literal null}
	 * @param cachedTenants the number of tenants with a cached session, must not be {@literal null}
	 * @param clock the clock, must not be {@literal null}
	 */
	public TenancyHealthIndicator(StsRefreshTracker tracker, Duration interval, String roleArn,
			LongSupplier cachedTenants, Clock clock) {
		super("Tenancy health check failed");
		Assert.notNull(tracker, "Tracker must not be null");
		Assert.isTrue(interval != null && !interval.isNegative() && !interval.isZero(),
				"Interval must be positive");
		Assert.notNull(roleArn, "Role ARN must not be null");
		Assert.notNull(cachedTenants, "Cached tenants must not be null");
		Assert.notNull(clock, "Clock must not be null");
		this.tracker = tracker;
		this.interval = interval;
		this.roleArn = roleArn;
		this.cachedTenants = cachedTenants;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StsRefreshTracker.State state = this.tracker.state();
		Instant since = this.clock.instant().minus(this.interval);
		if (state.failedThroughout(since)) {
			builder.down();
		}
		else {
			builder.up();
		}
		builder.withDetail("roleArn", this.roleArn)
			.withDetail("cachedTenants", this.cachedTenants.getAsLong())
			.withDetail("interval", this.interval.toString());
		detail(builder, "lastSuccess", state.lastSuccess());
		detail(builder, "lastFailure", state.lastFailure());
		if (state.consecutiveFailures() > 0) {
			builder.withDetail("consecutiveFailures", state.consecutiveFailures());
			detail(builder, "lastError", state.lastError());
		}
	}

	private static void detail(Health.Builder builder, String key, @Nullable Object value) {
		if (value != null) {
			builder.withDetail(key, value.toString());
		}
	}

}
