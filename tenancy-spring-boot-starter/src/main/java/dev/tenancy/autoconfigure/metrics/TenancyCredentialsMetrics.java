package dev.tenancy.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import org.springframework.util.Assert;

import dev.tenancy.autoconfigure.TenantCredentialsProviderDecorator;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsListener;
import dev.tenancy.credentials.TenantCredentialsProvider;

/**
 * Micrometer metrics of token vending:
 * <ul>
 * <li>{@value #STS_REQUESTS} (timer): every {@code AssumeRole} call, tagged {@code outcome} ({@code success} or
 * {@code failure}) and {@code error} (the AWS error code or exception type, {@code none} on success);</li>
 * <li>{@value #CACHE_GETS} (counter): credential resolutions of tenant-scoped requests, tagged {@code result}:
 * {@code hit} when the tenant's cached session served them, {@code miss} when the request had to call STS itself
 * (the tenant's first request, or a session that went stale);</li>
 * <li>{@value #CACHE_SIZE} (gauge): tenants with a cached session.</li>
 * </ul>
 * Registered as the {@link TenantCredentialsListener} of the token vending machine and as a
 * {@link TenantCredentialsProviderDecorator} of the tenant-scoped client. A miss is recognized by an STS call made on
 * the requesting thread while it resolves credentials; background refreshes are counted only in {@value #STS_REQUESTS}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyCredentialsMetrics implements TenantCredentialsListener, TenantCredentialsProviderDecorator {

	/** Name of the STS call timer. */
	public static final String STS_REQUESTS = "tenancy.sts.requests";

	/** Name of the credential cache hit/miss counter. */
	public static final String CACHE_GETS = "tenancy.credentials.cache.gets";

	/** Name of the cached-tenants gauge. */
	public static final String CACHE_SIZE = "tenancy.credentials.cache.size";

	private final MeterRegistry registry;

	private final Meter.MeterProvider<Timer> stsRequests;

	private final Counter hits;

	private final Counter misses;

	private final ThreadLocal<boolean[]> stsCalledOnThread = ThreadLocal.withInitial(() -> new boolean[1]);

	/**
	 * @param registry the registry, must not be {@literal null}
	 */
	public TenancyCredentialsMetrics(MeterRegistry registry) {
		Assert.notNull(registry, "MeterRegistry must not be null");
		this.registry = registry;
		this.stsRequests = Timer.builder(STS_REQUESTS)
			.description("STS AssumeRole calls for tenant sessions")
			.withRegistry(registry);
		this.hits = cacheGets("hit");
		this.misses = cacheGets("miss");
	}

	private Counter cacheGets(String result) {
		return Counter.builder(CACHE_GETS)
			.description("Credential resolutions of tenant-scoped requests")
			.tag("result", result)
			.register(this.registry);
	}

	@Override
	public void onAssumeRole(TenantId tenant, Duration latency, @Nullable Throwable failure) {
		this.stsRequests.withTags("outcome", (failure != null) ? "failure" : "success", "error", error(failure))
			.record(latency.toNanos(), TimeUnit.NANOSECONDS);
		this.stsCalledOnThread.get()[0] = true;
	}

	@Override
	public TenantCredentialsProvider decorate(TenantCredentialsProvider delegate) {
		if (delegate.roleArn() != null) {
			Gauge.builder(CACHE_SIZE, delegate, TenantCredentialsProvider::cachedTenants)
				.description("Tenants with a cached STS session")
				.strongReference(true)
				.register(this.registry);
		}
		return new MeteredTenantCredentialsProvider(delegate);
	}

	private static String error(@Nullable Throwable failure) {
		if (failure == null) {
			return "none";
		}
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof AwsServiceException service && service.awsErrorDetails() != null
					&& service.awsErrorDetails().errorCode() != null) {
				return service.awsErrorDetails().errorCode();
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return failure.getClass().getSimpleName();
	}

	private AwsCredentials resolve(AwsCredentialsProvider session) {
		boolean[] stsCalled = this.stsCalledOnThread.get();
		stsCalled[0] = false;
		try {
			return session.resolveCredentials();
		}
		finally {
			(stsCalled[0] ? this.misses : this.hits).increment();
			stsCalled[0] = false;
		}
	}

	private final class MeteredTenantCredentialsProvider implements TenantCredentialsProvider {

		private final TenantCredentialsProvider delegate;

		MeteredTenantCredentialsProvider(TenantCredentialsProvider delegate) {
			this.delegate = delegate;
		}

		@Override
		public AwsCredentialsProvider forTenant(TenantId tenant) {
			AwsCredentialsProvider session = this.delegate.forTenant(tenant);
			return () -> resolve(session);
		}

		@Override
		public @Nullable String roleArn() {
			return this.delegate.roleArn();
		}

		@Override
		public long cachedTenants() {
			return this.delegate.cachedTenants();
		}

		@Override
		public void evict(TenantId tenant) {
			this.delegate.evict(tenant);
		}

		@Override
		public void close() {
			this.delegate.close();
		}

		@Override
		public String toString() {
			return "Metered[" + this.delegate + "]";
		}

	}

}
