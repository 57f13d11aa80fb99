package dev.tenancy.credentials;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import dev.tenancy.context.TenantId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent first requests of one tenant share one {@code AssumeRole} call: Caffeine creates the tenant's session
 * atomically, and the SDK's {@code CachedSupplier} lets one thread fetch while the others wait.
 */
class ConcurrentFirstRequestsTests {

	private static final int THREADS = 64;

	private static final TenantId ACME = TenantId.of("acme");

	private final CountDownLatch stsEntered = new CountDownLatch(1);

	private final CountDownLatch stsRelease = new CountDownLatch(1);

	private final FakeStsClient sts = new FakeStsClient();

	private final StsTenantCredentialsProvider provider = StsTenantCredentialsProvider.builder()
		.stsClient(this.sts)
		.roleArn(StsTenantCredentialsProviderTests.ROLE_ARN)
		.sessionPolicy(StsTenantCredentialsProviderTests::policyFor)
		.build();

	@AfterEach
	void close() {
		this.stsRelease.countDown();
		this.provider.close();
	}

	@Test
	void sixtyFourConcurrentFirstRequestsMakeExactlyOneAssumeRoleCall() throws Exception {
		this.sts.behave((request) -> blockUntilReleased(request));
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger requesting = new AtomicInteger();
		Set<String> accessKeys = ConcurrentHashMap.newKeySet();
		List<Throwable> failures = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			Thread thread = new Thread(() -> {
				try {
					start.await();
					requesting.incrementAndGet();
					accessKeys.add(this.provider.forTenant(ACME).resolveCredentials().accessKeyId());
				}
				catch (Throwable ex) {
					synchronized (failures) {
						failures.add(ex);
					}
				}
			}, "first-request-" + i);
			threads.add(thread);
			thread.start();
		}

		start.countDown();
		assertThat(this.stsEntered.await(20, TimeUnit.SECONDS)).isTrue();
		// Keep the STS call in flight until every other thread is parked waiting for its result, so that they
		// really race for the first fetch.
		Eventually.await("all threads waiting for the first STS call", () -> requesting.get() == THREADS
				&& threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING
					|| thread.getState() == Thread.State.TIMED_WAITING));
		this.stsRelease.countDown();
		for (Thread thread : threads) {
			thread.join(20_000);
		}

		assertThat(failures).isEmpty();
		assertThat(this.sts.calls()).isEqualTo(1);
		assertThat(accessKeys).containsExactly("ASIA-tenant-acme-1");
		assertThat(this.provider.cachedTenants()).isEqualTo(1);
	}

	private AssumeRoleResponse blockUntilReleased(AssumeRoleRequest request) {
		this.stsEntered.countDown();
		try {
			this.stsRelease.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.sts.response(request, Instant.now().plusSeconds(3600));
	}

}
