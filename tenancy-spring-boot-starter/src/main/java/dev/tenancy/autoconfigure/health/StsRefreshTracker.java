package dev.tenancy.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsListener;

/**
 * Records the outcome of every STS call the token vending machine makes for a tenant session (first requests and
 * background refreshes), for {@link TenancyHealthIndicator}. Recording is lock-free and allocation-light; reading never
 * calls STS.
 *
 * @author tenancy
 * @since 0.1
 */
public final class StsRefreshTracker implements TenantCredentialsListener {

	private final Clock clock;

	private final AtomicReference<State> state = new AtomicReference<>(new State(null, null, null, 0));

	/**
	 * Create a tracker on the system clock.
	 */
	public StsRefreshTracker() {
		this(Clock.systemUTC());
	}

	/**
	 * @param clock the clock that timestamps the outcomes, must not be {@literal null}
	 */
	public StsRefreshTracker(Clock clock) {
		Assert.notNull(clock, "Clock must not be null");
		this.clock = clock;
	}

	@Override
	public void onAssumeRole(TenantId tenant, Duration latency, @Nullable Throwable failure) {
		Instant now = this.clock.instant();
		if (failure == null) {
			this.state.updateAndGet((current) -> new State(now, current.lastFailure(), current.lastError(), 0));
		}
		else {
			String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
			this.state.updateAndGet((current) -> new State(current.lastSuccess(), now, error,
					current.consecutiveFailures() + 1));
		}
	}

	/**
	 * @return the recorded outcomes so far
	 */
	public State state() {
		return this.state.get();
	}

	/**
	 * The outcomes recorded so far.
	 *
	 * @param lastSuccess when an STS call last succeeded, or {@literal null} if none has
	 * @param lastFailure when an STS call last failed, or {@literal null} if none has
	 * @param lastError the last failure, or {@literal null} if none
	 * @param consecutiveFailures the failures since the last success
	 */
	public record State(@Nullable Instant lastSuccess, @Nullable Instant lastFailure, @Nullable String lastError,
			long consecutiveFailures) {

		/**
		 * Whether every STS call since {@code since} failed: at least one failed and none succeeded.
		 * @param since the start of the interval
		 * @return {@code true} if there were failures and no success in the interval
		 */
		public boolean failedThroughout(Instant since) {
			boolean failed = this.lastFailure != null && !this.lastFailure.isBefore(since);
			boolean succeeded = this.lastSuccess != null && !this.lastSuccess.isBefore(since);
			return failed && !succeeded;
		}

	}

}
