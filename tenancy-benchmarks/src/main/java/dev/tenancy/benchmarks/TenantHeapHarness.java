package dev.tenancy.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Measures the heap retained per cached tenant: populates the two per-tenant caches of the tenant-scoped client
 * ({@link StsTenantCredentialsProvider}'s STS sessions, obtained through a real {@link StsClient} over
 * {@link StubStsHttpClient}, and the guard's compiled {@link TenantSessionPolicies}) for N tenants, and compares the
 * live heap after full garbage collections before and after. One STS client and one connection pool serve all
 * tenants, as in production. The JVM's class histogram (the {@code GC.class_histogram} diagnostic command, which runs
 * a full GC first) gives the per-class breakdown that names the dominant retainers.
 *
 * @author tenancy
 * @since 0.1
 */
final class TenantHeapHarness {

	private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

	private static final int TOP_CLASSES = 8;

	private TenantHeapHarness() {
	}

	/**
	 * Retained heap of one component for N tenants.
	 * @param usedHeapBytes growth of the used heap after GC
	 * @param liveBytes growth of the live objects in the class histogram
	 * @param topClasses the classes that grew most
	 */
	record Component(long usedHeapBytes, long liveBytes, List<ClassGrowth> topClasses) {
	}

	/**
	 * Growth of one class.
	 * @param className the class (as the histogram names it)
	 * @param instances additional instances
	 * @param bytes additional bytes
	 */
	record ClassGrowth(String className, long instances, long bytes) {
	}

	/**
	 * The measurement for one tenant count.
	 * @param tenants N
	 * @param credentials the STS sessions' growth
	 * @param policies the compiled session policies' growth
	 */
	record Result(int tenants, Component credentials, Component policies) {

		long totalUsedHeapBytes() {
			return this.credentials.usedHeapBytes() + this.policies.usedHeapBytes();
		}

		long totalLiveBytes() {
			return this.credentials.liveBytes() + this.policies.liveBytes();
		}

	}

	/**
	 * Measure each tenant count in turn, after one unrecorded warm-up round that loads and initializes every class
	 * involved.
	 * @param tenantCounts the values of N
	 * @return one result per tenant count
	 */
	static List<Result> measure(int... tenantCounts) throws Exception {
		measureOnce(500);
		List<Result> results = new ArrayList<>();
		for (int tenants : tenantCounts) {
			results.add(measureOnce(tenants));
		}
		return results;
	}

	private static Result measureOnce(int tenants) throws Exception {
		StubStsHttpClient sts = new StubStsHttpClient(StsTenantCredentialsProvider.DEFAULT_SESSION_DURATION,
				Duration.ZERO, false);
		long cap = Math.max(tenants + 1L, StsTenantCredentialsProvider.DEFAULT_MAXIMUM_TENANTS);
		try (StsClient stsClient = sts.stsClient()) {
			StsTenantCredentialsProvider credentials = StsTenantCredentialsProvider.builder()
				.stsClient(stsClient)
				.roleArn(Workload.ROLE_ARN)
				.sessionPolicy(Workload.policies()::sessionPolicyJson)
				.maximumTenants(cap)
				.build();
			TenantSessionPolicies policies = Workload.sessionPolicies(cap);
			// Warm the shared STS client and both caches' machinery with one tenant outside the measurement.
			credentials.forTenant(TenantId.of("warm-up")).resolveCredentials();
			policies.apply(TenantId.of("warm-up"));

			Snapshot before = Snapshot.take();
			for (int i = 0; i < tenants; i++) {
				credentials.forTenant(tenantId(i)).resolveCredentials();
			}
			Snapshot afterCredentials = Snapshot.take();
			for (int i = 0; i < tenants; i++) {
				policies.apply(tenantId(i));
			}
			Snapshot afterPolicies = Snapshot.take();
			if (sts.calls() != tenants + 1L || credentials.cachedTenants() != tenants + 1L) {
				throw new IllegalStateException("Expected one STS session per tenant, got " + sts.calls()
						+ " AssumeRole calls and " + credentials.cachedTenants() + " cached sessions.");
			}
			Reference.reachabilityFence(policies);
			credentials.close();
			return new Result(tenants, before.growthTo(afterCredentials), afterCredentials.growthTo(afterPolicies));
		}
	}

	private static TenantId tenantId(int number) {
		return TenantId.of(String.format("customer-%05d", number));
	}

	/** Used heap and class histogram after full collections. */
	private record Snapshot(long usedHeap, long liveBytes, Map<String, ClassGrowth> classes) {

		static Snapshot take() throws InterruptedException, JMException {
			long used = Long.MAX_VALUE;
			for (int i = 0; i < 5; i++) {
				System.gc();
				Thread.sleep(100);
				used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
			}
			Map<String, ClassGrowth> classes = new HashMap<>();
			long live = 0;
			for (String line : histogram().split("\n")) {
				Matcher entry = HISTOGRAM_LINE.matcher(line);
				if (entry.matches()) {
					classes.merge(entry.group(3),
							new ClassGrowth(entry.group(3), Long.parseLong(entry.group(1)),
									Long.parseLong(entry.group(2))),
							(a, b) -> new ClassGrowth(a.className(), a.instances() + b.instances(),
									a.bytes() + b.bytes()));
				}
				Matcher total = HISTOGRAM_TOTAL.matcher(line.trim());
				if (total.matches()) {
					live = Long.parseLong(total.group(2));
				}
			}
			return new Snapshot(used, live, classes);
		}

		Component growthTo(Snapshot after) {
			List<ClassGrowth> grown = new ArrayList<>();
			after.classes.forEach((name, now) -> {
				ClassGrowth then = this.classes.get(name);
				long bytes = now.bytes() - ((then != null) ? then.bytes() : 0);
				long instances = now.instances() - ((then != null) ? then.instances() : 0);
				if (bytes > 0) {
					grown.add(new ClassGrowth(name, instances, bytes));
				}
			});
			grown.sort(Comparator.comparingLong(ClassGrowth::bytes).reversed());
			return new Component(after.usedHeap - this.usedHeap, after.liveBytes - this.liveBytes,
					List.copyOf(grown.subList(0, Math.min(TOP_CLASSES, grown.size()))));
		}

		private static String histogram() throws JMException {
			return (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
		}

	}

}
