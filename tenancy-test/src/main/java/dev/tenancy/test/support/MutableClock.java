package dev.tenancy.test.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC {@link Clock} that follows the system clock plus an offset that tests can move forward, so that credential
 * expiry can be tested without waiting. Thread-safe.
 * <p>
 * Only give it to a kit instance of your own: moving the clock of the JVM-wide kit would expire the sessions of other
 * tests running in parallel.
 *
 * @author tenancy
 * @since 0.1
 */
public final class MutableClock extends Clock {

	private final Clock base;

	private final AtomicReference<Duration> offset;

	private MutableClock(Clock base, Duration offset) {
		this.base = base;
		this.offset = new AtomicReference<>(offset);
	}

	/**
	 * @return a clock that starts at the system time and moves with it until {@link #advance(Duration)} is called
	 */
	public static MutableClock system() {
		return new MutableClock(Clock.systemUTC(), Duration.ZERO);
	}

	/**
	 * Move this clock forward.
	 * @param amount how far; must not be negative
	 */
	public void advance(Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException(String.format("Cannot move the clock back by '%s'.", amount));
		}
		this.offset.updateAndGet((current) -> current.plus(amount));
	}

	/**
	 * @return how far this clock is ahead of the system clock
	 */
	public Duration offset() {
		return this.offset.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("MutableClock is always UTC");
	}

	@Override
	public Instant instant() {
		return this.base.instant().plus(this.offset.get());
	}

	@Override
	public String toString() {
		return "MutableClock[offset=" + this.offset.get() + "]";
	}

}
