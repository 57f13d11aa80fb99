package dev.tenancy.test.sts;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Fault injection for {@link LocalSts}, for testing how a token vending machine copes with STS being slow, throttled,
 * down or broken (TH-10). Faults apply to every action (AssumeRole and GetCallerIdentity), in this order:
 * outage, added latency, throttling, malformed response. Thread-safe; all setters return {@code this}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class StsFaults {

	private final Consumer<@Nullable StsOutage> outageListener;

	private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);

	private final AtomicInteger throttleNext = new AtomicInteger();

	private final AtomicInteger malformNext = new AtomicInteger();

	private final AtomicReference<@Nullable StsOutage> outage = new AtomicReference<>();

	private final Object rateMonitor = new Object();

	private int maxRequestsPerSecond;

	private long currentSecond = Long.MIN_VALUE;

	private int requestsThisSecond;

	StsFaults(Consumer<@Nullable StsOutage> outageListener) {
		this.outageListener = outageListener;
	}

	/**
	 * Delay every response.
	 * @param delay the added latency; {@link Duration#ZERO} for none
	 * @return this
	 */
	public StsFaults latency(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException(String.format("Latency must not be negative; got '%s'.", delay));
		}
		this.latency.set(delay);
		return this;
	}

	/**
	 * Answer the next calls with {@code Throttling} ("Rate exceeded", HTTP 400), as STS does when the account's
	 * request quota is exceeded.
	 * @param calls how many calls to throttle (replaces any previous count)
	 * @return this
	 */
	public StsFaults throttleNext(int calls) {
		if (calls < 0) {
			throw new IllegalArgumentException(String.format("Call count must not be negative; got %d.", calls));
		}
		this.throttleNext.set(calls);
		return this;
	}

	/**
	 * Throttle every call beyond a number of calls per wall-clock second, like STS's per-account quota.
	 * @param requestsPerSecond the quota; {@code 0} removes it
	 * @return this
	 */
	public StsFaults throttleAbove(int requestsPerSecond) {
		if (requestsPerSecond < 0) {
			throw new IllegalArgumentException(String.format("Quota must not be negative; got %d.", requestsPerSecond));
		}
		synchronized (this.rateMonitor) {
			this.maxRequestsPerSecond = requestsPerSecond;
			this.currentSecond = Long.MIN_VALUE;
		}
		return this;
	}

	/**
	 * Answer the next calls with HTTP 200 and a body that is not the expected XML document.
	 * @param calls how many calls (replaces any previous count)
	 * @return this
	 */
	public StsFaults malformNext(int calls) {
		if (calls < 0) {
			throw new IllegalArgumentException(String.format("Call count must not be negative; got %d.", calls));
		}
		this.malformNext.set(calls);
		return this;
	}

	/**
	 * Start an outage; it lasts until {@link #endOutage()} or {@link #reset()}.
	 * @param kind how STS fails
	 * @return this
	 */
	public StsFaults outage(StsOutage kind) {
		this.outage.set(kind);
		this.outageListener.accept(kind);
		return this;
	}

	/**
	 * End an outage: STS answers again (on the same port).
	 * @return this
	 */
	public StsFaults endOutage() {
		this.outage.set(null);
		this.outageListener.accept(null);
		return this;
	}

	/**
	 * Remove every fault.
	 */
	public void reset() {
		latency(Duration.ZERO);
		throttleNext(0);
		throttleAbove(0);
		malformNext(0);
		if (this.outage.get() != null) {
			endOutage();
		}
	}

	/**
	 * @return the added latency
	 */
	public Duration latency() {
		return this.latency.get();
	}

	/**
	 * @return the current outage, or {@literal null}
	 */
	public @Nullable StsOutage outage() {
		return this.outage.get();
	}

	boolean consumeThrottle(long epochSecond) {
		if (this.throttleNext.getAndUpdate((n) -> (n > 0) ? n - 1 : 0) > 0) {
			return true;
		}
		synchronized (this.rateMonitor) {
			if (this.maxRequestsPerSecond == 0) {
				return false;
			}
			if (epochSecond != this.currentSecond) {
				this.currentSecond = epochSecond;
				this.requestsThisSecond = 0;
			}
			return ++this.requestsThisSecond > this.maxRequestsPerSecond;
		}
	}

	boolean consumeMalformed() {
		return this.malformNext.getAndUpdate((n) -> (n > 0) ? n - 1 : 0) > 0;
	}

}
