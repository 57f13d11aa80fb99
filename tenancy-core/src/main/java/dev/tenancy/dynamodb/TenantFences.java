package dev.tenancy.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import dev.tenancy.context.TenantId;

import org.springframework.util.Assert;

/**
 * Fences of this JVM that refuse a tenant's requests while a lifecycle operation works on its data: a move between
 * tiers fences the tenant's {@linkplain Scope#WRITES writes}, a purge {@linkplain Scope#ALL every request}. The
 * tenant-scoped client ({@link TenantScopedDynamoDbClientFactory.Builder#fences(TenantFences)}) asks
 * {@link #admit(TenantId, String)} before each request; a fenced request fails with the retryable
 * {@link TenantUnavailableException} before anything is sent.
 * <p>
 * {@link #raise} returns only once every request it fences that was admitted before it has finished, so after it
 * returns no such request of the tenant is in flight in this JVM. Requests in flight are counted in a fixed number of
 * stripes shared by the tenants that hash to them, so the memory does not grow with the number of tenants; raising a
 * fence may therefore also wait for another tenant's request of the same stripe.
 * <p>
 * A fence holds in this JVM only. Every instance of a deployment that serves the tenant must raise it (or the tenant's
 * traffic must be routed to the one instance that runs the operation); see docs/TIERS.md. Thread-safe.
 *
 * @author tenancy
 * @since 0.4
 */
public final class TenantFences {

	/** The operations that change items: a {@link Scope#WRITES} fence refuses these. */
	public static final Set<String> WRITE_OPERATIONS = Set.of("PutItem", "UpdateItem", "DeleteItem",
			"BatchWriteItem", "TransactWriteItems");

	private static final int STRIPES = 256;

	/**
	 * Counters are {@value} ints (64 bytes, a cache line) apart, so that requests of tenants in different stripes
	 * never write the same cache line.
	 */
	private static final int PADDING = 16;

	private final Map<TenantId, Fence> fences = new ConcurrentHashMap<>();

	private final AtomicIntegerArray writesInFlight = new AtomicIntegerArray(STRIPES * PADDING);

	private final AtomicIntegerArray requestsInFlight = new AtomicIntegerArray(STRIPES * PADDING);

	/** Per stripe, what ends a read and what ends a write: made once, so admitting a request allocates nothing. */
	private final Runnable[] readReleases = new Runnable[STRIPES];

	private final Runnable[] writeReleases = new Runnable[STRIPES];

	private final Clock clock;

	private TenantFences(Clock clock) {
		this.clock = clock;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			int slot = stripe * PADDING;
			this.readReleases[stripe] = () -> this.requestsInFlight.decrementAndGet(slot);
			this.writeReleases[stripe] = () -> {
				this.writesInFlight.decrementAndGet(slot);
				this.requestsInFlight.decrementAndGet(slot);
			};
		}
	}

	/**
	 * @return fences of this JVM, none raised
	 */
	public static TenantFences create() {
		return new TenantFences(Clock.systemUTC());
	}

	/**
	 * @param clock the clock that dates the fences; must not be {@literal null}
	 * @return fences of this JVM, none raised
	 */
	public static TenantFences create(Clock clock) {
		Assert.notNull(clock, "Clock must not be null");
		return new TenantFences(clock);
	}

	/**
	 * Admit a request of a tenant, or refuse it if a fence of the tenant covers the operation.
	 * @param tenant the tenant the request runs as
	 * @param operation the DynamoDB operation, for example {@code PutItem}
	 * @return what to run when the request is over (it stops counting the request as in flight)
	 * @throws TenantUnavailableException if a fence refuses the request
	 */
	public Runnable admit(TenantId tenant, String operation) {
		int stripe = stripe(tenant);
		int slot = stripe * PADDING;
		boolean write = WRITE_OPERATIONS.contains(operation);
		this.requestsInFlight.incrementAndGet(slot);
		if (write) {
			this.writesInFlight.incrementAndGet(slot);
		}
		Runnable release = write ? this.writeReleases[stripe] : this.readReleases[stripe];
		// Counted first, read second; raise() writes the fence first and reads the count second: one of the two
		// always sees the other.
		Fence fence = this.fences.get(tenant);
		if (fence != null && fence.refuses(operation)) {
			release.run();
			throw new TenantUnavailableException(tenant, operation, fence);
		}
		return release;
	}

	/**
	 * Raise a fence of a tenant (replacing one it has) and wait until no request the fence refuses, admitted before,
	 * is in flight any more.
	 * @param tenant the tenant; must not be {@literal null}
	 * @param scope what the fence refuses; must not be {@literal null}
	 * @param reason why, for the refusal's message, for example {@code "it is being moved to tier SILO"}
	 * @param retryAfter how long refused callers should wait before retrying
	 * @param drainTimeout how long to wait for requests in flight
	 * @return the fence
	 * @throws IllegalStateException if requests were still in flight after {@code drainTimeout} or the thread was
	 * interrupted; the fence is then lifted again
	 */
	public Fence raise(TenantId tenant, Scope scope, String reason, Duration retryAfter, Duration drainTimeout) {
		Assert.notNull(tenant, "Tenant must not be null");
		Assert.notNull(scope, "Scope must not be null");
		Assert.hasText(reason, "Reason must not be empty");
		Assert.isTrue(retryAfter != null && !retryAfter.isNegative(), "Retry-after must not be negative");
		Assert.isTrue(drainTimeout != null && !drainTimeout.isNegative(), "Drain timeout must not be negative");
		Fence fence = new Fence(tenant, scope, reason, this.clock.instant(), retryAfter);
		this.fences.put(tenant, fence);
		AtomicIntegerArray inFlight = (scope == Scope.ALL) ? this.requestsInFlight : this.writesInFlight;
		int slot = stripe(tenant) * PADDING;
		long deadline = System.nanoTime() + drainTimeout.toNanos();
		while (inFlight.get(slot) > 0) {
			if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
				this.fences.remove(tenant, fence);
				throw new IllegalStateException(String.format("Could not fence tenant '%s' (%s): requests of the "
						+ "tenant were still in flight after %s%s. The fence is lifted again; retry when the "
						+ "tenant's traffic is lower, or allow a longer drain timeout.", tenant, reason, drainTimeout,
						Thread.currentThread().isInterrupted() ? " (interrupted)" : ""));
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		return fence;
	}

	/**
	 * Lift the fence of a tenant, if it has one.
	 * @param tenant the tenant
	 */
	public void lift(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		this.fences.remove(tenant);
	}

	/**
	 * @param tenant the tenant
	 * @return the tenant's fence, if one is raised
	 */
	public Optional<Fence> fenceOf(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		return Optional.ofNullable(this.fences.get(tenant));
	}

	private static int stripe(TenantId tenant) {
		return Math.floorMod(tenant.hashCode(), STRIPES);
	}

	@Override
	public String toString() {
		return "TenantFences" + this.fences.keySet();
	}

	/**
	 * What a fence refuses.
	 */
	public enum Scope {

		/** The tenant's writes ({@link #WRITE_OPERATIONS}); reads still pass. */
		WRITES,

		/** Every request of the tenant. */
		ALL

	}

	/**
	 * A raised fence.
	 *
	 * @param tenant the fenced tenant
	 * @param scope what it refuses
	 * @param reason why, for example {@code "it is being moved to tier SILO"}
	 * @param since when it was raised
	 * @param retryAfter how long refused callers should wait before retrying
	 */
	public record Fence(TenantId tenant, Scope scope, String reason, Instant since, Duration retryAfter) {

		/**
		 * @param operation a DynamoDB operation
		 * @return whether this fence refuses it
		 */
		public boolean refuses(String operation) {
			return this.scope == Scope.ALL || WRITE_OPERATIONS.contains(operation);
		}

	}

}
