package dev.tenancy.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.iam.policy.TenancyPolicies;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Counts STS {@code AssumeRole} calls on the real request path: a tenant-scoped {@link DynamoDbClient} in isolation
 * mode IAM (per-tenant STS sessions from {@link StsTenantCredentialsProvider}, the guard) over a stub DynamoDB HTTP
 * client, with a real {@link StsClient} over {@link StubStsHttpClient}, which records the thread of every call.
 * <ul>
 * <li>{@link #concurrentFirstRequests}: many threads send a tenant's very first request at the same moment.</li>
 * <li>{@link #steadyState}: steady load over simulated hours, with time scaled down: sessions, refresh-ahead and stale
 * times are all divided by the same factor, so that two hours of one-hour sessions pass in seconds. Calls are split
 * into those made on request threads and those made on the SDK's background refresh threads.</li>
 * </ul>
 *
 * @author tenancy
 * @since 0.1
 */
final class StsCallsHarness {

	/** Real STS session settings that the steady-state simulation scales down. */
	static final Duration SESSION = StsTenantCredentialsProvider.DEFAULT_SESSION_DURATION;

	static final Duration REFRESH_AHEAD = StsTenantCredentialsProvider.DEFAULT_REFRESH_AHEAD;

	static final Duration STALE_TIME = StsTenantCredentialsProvider.DEFAULT_STALE_TIME;

	private StsCallsHarness() {
	}

	/**
	 * Result of the concurrent-first-requests measurement.
	 * @param threads concurrent first requests per round
	 * @param stsLatency simulated duration of one STS call
	 * @param callsPerRound AssumeRole calls made in each round (one fresh tenant per round)
	 * @param failedRequests requests that did not succeed, over all rounds
	 */
	record FirstRequests(int threads, Duration stsLatency, List<Long> callsPerRound, long failedRequests) {

		long maximumCalls() {
			return this.callsPerRound.stream().mapToLong(Long::longValue).max().orElse(0);
		}

		long minimumCalls() {
			return this.callsPerRound.stream().mapToLong(Long::longValue).min().orElse(0);
		}

	}

	/**
	 * Result of the steady-state measurement.
	 * @param scale how many simulated seconds pass per real second
	 * @param simulated simulated duration of the steady phase
	 * @param tenants tenants under load
	 * @param requestThreads threads sending requests
	 * @param requests requests sent in the steady phase
	 * @param failedRequests requests that did not succeed
	 * @param firstRequestCalls AssumeRole calls made by the tenants' first requests (before the steady phase)
	 * @param requestPathCalls AssumeRole calls made on request threads during the steady phase
	 * @param backgroundCalls AssumeRole calls made on other (SDK refresh) threads during the steady phase
	 */
	record SteadyState(long scale, Duration simulated, int tenants, int requestThreads, long requests,
			long failedRequests, long firstRequestCalls, long requestPathCalls, long backgroundCalls) {
	}

	/**
	 * Send the first request of a fresh tenant from {@code threads} threads at once, {@code rounds} times.
	 * @param threads concurrent requests
	 * @param rounds repetitions, each with a new tenant
	 * @param stsLatency how long each STS call takes (long enough for every thread to arrive while it runs)
	 * @return the calls per round
	 */
	static FirstRequests concurrentFirstRequests(int threads, int rounds, Duration stsLatency) throws Exception {
		StubStsHttpClient sts = new StubStsHttpClient(SESSION, stsLatency, true);
		List<Long> callsPerRound = new ArrayList<>();
		AtomicLong failures = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (StsClient stsClient = sts.stsClient();
				StsTenantCredentialsProvider credentials = credentials(stsClient, REFRESH_AHEAD, STALE_TIME);
				TenantScopedDynamoDbClientFactory factory = iamModeFactory(credentials)) {
			DynamoDbClient client = factory.client();
			for (int round = 0; round < rounds; round++) {
				TenantId tenant = TenantId.of("first-" + round);
				long before = sts.calls();
				CyclicBarrier start = new CyclicBarrier(threads);
				List<Future<?>> requests = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					requests.add(pool.submit(() -> {
						start.await();
						try (TenantScope scope = TenantContext.open(tenant)) {
							client.getItem(Workload.getItem(tenant));
						}
						return null;
					}));
				}
				for (Future<?> request : requests) {
					try {
						request.get(1, TimeUnit.MINUTES);
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
				}
				callsPerRound.add(sts.calls() - before);
			}
		}
		finally {
			pool.shutdownNow();
		}
		return new FirstRequests(threads, stsLatency, callsPerRound, failures.get());
	}

	/**
	 * Keep {@code tenants} tenants under steady load for {@code hours} simulated hours of one-hour sessions.
	 * @param scale simulated seconds per real second; sessions, refresh-ahead and stale times are divided by it
	 * @param hours simulated hours of steady load
	 * @param tenants tenants under load
	 * @param requestThreads threads sending requests, each pausing {@code pause} between requests
	 * @param pause pause between two requests of one thread
	 * @param stsLatency how long each STS call takes
	 * @return the counts
	 */
	static SteadyState steadyState(long scale, int hours, int tenants, int requestThreads, Duration pause,
			Duration stsLatency) throws Exception {
		StubStsHttpClient sts = new StubStsHttpClient(SESSION.dividedBy(scale), stsLatency, true);
		Set<Thread> requestThreadSet = ConcurrentHashMap.newKeySet();
		List<TenantId> tenantIds = new ArrayList<>();
		for (int i = 0; i < tenants; i++) {
			tenantIds.add(TenantId.of(String.format("steady-%02d", i)));
		}
		AtomicLong requests = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(requestThreads);
		try (StsClient stsClient = sts.stsClient();
				StsTenantCredentialsProvider credentials = credentials(stsClient, REFRESH_AHEAD.dividedBy(scale),
						STALE_TIME.dividedBy(scale));
				TenantScopedDynamoDbClientFactory factory = iamModeFactory(credentials)) {
			DynamoDbClient client = factory.client();
			// The tenants' first requests: the one STS call per tenant the request path is expected to wait for.
			pool.submit(() -> {
				requestThreadSet.add(Thread.currentThread());
				for (TenantId tenant : tenantIds) {
					try (TenantScope scope = TenantContext.open(tenant)) {
						client.getItem(Workload.getItem(tenant));
					}
				}
				return null;
			}).get(1, TimeUnit.MINUTES);
			long firstRequestCalls = sts.calls();
			sts.clearRecorded();
			long steadyNanos = SESSION.multipliedBy(hours).dividedBy(scale).toNanos();
			long end = System.nanoTime() + steadyNanos;
			AtomicBoolean running = new AtomicBoolean(true);
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < requestThreads; t++) {
				int offset = t;
				workers.add(pool.submit(() -> {
					requestThreadSet.add(Thread.currentThread());
					int next = offset;
					while (running.get() && System.nanoTime() < end) {
						TenantId tenant = tenantIds.get(next++ % tenantIds.size());
						try (TenantScope scope = TenantContext.open(tenant)) {
							client.getItem(Workload.getItem(tenant));
							requests.incrementAndGet();
						}
						catch (RuntimeException ex) {
							failures.incrementAndGet();
						}
						LockSupport.parkNanos(pause.toNanos());
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(steadyNanos + TimeUnit.MINUTES.toNanos(1), TimeUnit.NANOSECONDS);
			}
			running.set(false);
			List<StubStsHttpClient.Call> calls = sts.recorded();
			long onRequestThreads = calls.stream().filter((call) -> requestThreadSet.contains(call.thread())).count();
			return new SteadyState(scale, SESSION.multipliedBy(hours), tenants, requestThreads, requests.get(),
					failures.get(), firstRequestCalls, onRequestThreads, calls.size() - onRequestThreads);
		}
		finally {
			pool.shutdownNow();
		}
	}

	static StsTenantCredentialsProvider credentials(StsClient stsClient, Duration refreshAhead, Duration staleTime) {
		TenancyPolicies policies = Workload.policies();
		return StsTenantCredentialsProvider.builder()
			.stsClient(stsClient)
			.roleArn(Workload.ROLE_ARN)
			.sessionPolicy(policies::sessionPolicyJson)
			.refreshAhead(refreshAhead)
			.staleTime(staleTime)
			.build();
	}

	/** The tenant-scoped client in isolation mode IAM over a stub DynamoDB HTTP client. */
	static TenantScopedDynamoDbClientFactory iamModeFactory(StsTenantCredentialsProvider credentials) {
		return TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.IAM)
			.httpClient(new StubDynamoDbHttpClient(Workload.TENANT))
			.region(Workload.REGION)
			.endpointOverride(Workload.ENDPOINT)
			.tenantCredentials(credentials)
			.guard(Workload.guard())
			.build();
	}

}
