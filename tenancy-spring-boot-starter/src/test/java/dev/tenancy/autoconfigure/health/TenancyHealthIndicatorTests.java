package dev.tenancy.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.tenancy.context.TenantId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenancyHealthIndicator} and {@link StsRefreshTracker}, on a clock the test moves.
 */
class TenancyHealthIndicatorTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final Duration INTERVAL = Duration.ofMinutes(5);

	private final MovableClock clock = new MovableClock();

	private final StsRefreshTracker tracker = new StsRefreshTracker(this.clock);

	private final TenancyHealthIndicator indicator = new TenancyHealthIndicator(this.tracker, INTERVAL,
			"arn:aws:iam::123456789012:role/tenant-data", () -> 3, this.clock);

	@Test
	void upBeforeAnyStsCall() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("roleArn", "arn:aws:iam::123456789012:role/tenant-data")
			.containsEntry("cachedTenants", 3L)
			.containsEntry("interval", "PT5M")
			.doesNotContainKeys("lastSuccess", "lastFailure");
	}

	@Test
	void downWhenEveryStsCallInTheIntervalFailed() {
		this.tracker.onAssumeRole(ACME, Duration.ofMillis(20), null);
		this.clock.advance(Duration.ofMinutes(6));
		this.tracker.onAssumeRole(ACME, Duration.ofMillis(20), new IllegalStateException("STS unavailable"));
		this.clock.advance(Duration.ofMinutes(1));
		this.tracker.onAssumeRole(TenantId.of("globex"), Duration.ofMillis(20),
				new IllegalStateException("STS unavailable"));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("consecutiveFailures", 2L)
			.containsEntry("lastError", "IllegalStateException: STS unavailable")
			.containsEntry("lastSuccess", "2030-01-01T00:00:00Z")
			.containsEntry("lastFailure", "2030-01-01T00:07:00Z");
	}

	@Test
	void upWhenOneStsCallInTheIntervalSucceeded() {
		this.tracker.onAssumeRole(ACME, Duration.ofMillis(20), new IllegalStateException("throttled"));
		this.clock.advance(Duration.ofMinutes(1));
		this.tracker.onAssumeRole(ACME, Duration.ofMillis(20), null);
		this.clock.advance(Duration.ofMinutes(1));
		this.tracker.onAssumeRole(TenantId.of("globex"), Duration.ofMillis(20), new IllegalStateException("throttled"));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("consecutiveFailures", 1L);
	}

	@Test
	void upAgainWhenTheFailuresAreOlderThanTheInterval() {
		this.tracker.onAssumeRole(ACME, Duration.ofMillis(20), new IllegalStateException("STS unavailable"));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
		this.clock.advance(INTERVAL.plusSeconds(1));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aSuccessResetsTheConsecutiveFailures() {
		this.tracker.onAssumeRole(ACME, Duration.ofMillis(20), new IllegalStateException("STS unavailable"));
		this.tracker.onAssumeRole(ACME, Duration.ofMillis(20), null);
		assertThat(this.tracker.state().consecutiveFailures()).isZero();
		assertThat(this.indicator.health().getDetails()).doesNotContainKeys("consecutiveFailures", "lastError");
	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2030-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
