package dev.tenancy.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report marks each performance target met, not met or not shown from the measured values it is given.
 */
class BenchmarkReportTests {

	private static final Environment ENVIRONMENT = new Environment("2025-01-01 00:00 UTC", "Test CPU", 2,
			8L * 1024 * 1024 * 1024, "Test JVM 17", 1024L * 1024 * 1024, "1.00 / 1.00 / 1.00");

	@Test
	void marksTargetsMetWhenTheWholeIntervalIsWithinThem() {
		String markdown = new Fixture().markdown();

		assertThat(markdown).contains("| guard, single-item GetItem | ≤ 0.5 µs | 0.40 ± 0.01 µs | met |")
			.contains("| guard, Query | ≤ 0.8 µs | 0.40 ± 0.01 µs | met |")
			.contains("| guard, BatchWriteItem of 25 | ≤ 8.0 µs | 0.40 ± 0.01 µs | met |")
			.contains("| tenant-scoped client / plain client, GetItem | ≤ 1.030× | 1.020× [1.020, 1.020] | met |")
			.contains("| tenant-scoped client / plain client, BatchWriteItem (25 puts) | ≤ 1.100× | 1.020× [1.020, "
					+ "1.020] | met |")
			.contains("| repository / plain enhanced-client table, findById | ≤ 1.050× | 1.020× [1.020, 1.020] | met |")
			.contains("| index-key rule added to a single-item PutItem (on − off) | ≤ 0.5 µs | 0.20 µs [0.20, 0.20] "
					+ "| met |")
			.contains("| heap per cached tenant at 100,000 tenants, one connection pool | ≤ 4,096 B (4 KB) at 100,000 "
					+ "tenants | 3,000 B per tenant | met |")
			.contains("| STS calls for 64 concurrent first requests of one tenant | exactly 1 | 1 call(s) in every round "
					+ "| met |")
			.contains("| 0 | 0 (and 4 on background refresh threads) | met |")
			.contains("| GetItem | plain client | tenant-scoped client | 10.00 µs | 10.20 µs | 1.020× [1.020, 1.020] "
					+ "| 0.20 µs [0.20, 0.20] | 2 |")
			.doesNotContain("**not met**")
			.doesNotContain("**not shown**")
			.doesNotContain("] *wide*")
			.doesNotContain("disturbed");
	}

	@Test
	void marksTargetsNotMetWhenTheWholeIntervalIsBeyondThem() {
		Fixture fixture = new Fixture();
		fixture.guardNanos = 900;
		fixture.candidateFactor = 1.20;
		fixture.heapPerTenant = 5_000;
		fixture.firstCalls = List.of(1L, 2L);
		fixture.requestPathCalls = 3;

		assertThat(fixture.markdown()).contains("| guard, single-item GetItem | ≤ 0.5 µs | 0.90 ± 0.01 µs | **not met** |")
			.contains("| tenant-scoped client / plain client, GetItem | ≤ 1.030× | 1.200× [1.200, 1.200] | **not met** |")
			.contains("| 5,000 B per tenant | **not met** |")
			.contains("| between 1 and 2 calls per round [1, 2] | **not met** |")
			.contains("| 3 (and 4 on background refresh threads) | **not met** |");
	}

	@Test
	void saysNotShownAndFlagsWideIntervalsWhenTheIntervalContainsTheTarget() {
		Fixture fixture = new Fixture();
		fixture.noisy = true;

		assertThat(fixture.markdown())
			.containsPattern("\\| tenant-scoped client / plain client, GetItem \\| ≤ 1\\.030× \\| 1\\.0\\d\\d× \\[0\\.\\d+, "
					+ "1\\.\\d+\\] \\*wide\\* \\| \\*\\*not shown\\*\\* \\(the interval contains the target\\) \\|");
	}

	@Test
	void flagsARunWhereAPartOfTheGuardMeasuredSlowerThanTheWhole() {
		Fixture fixture = new Fixture();
		fixture.extra.put("GuardBenchmarks.extractQuery", nanos(40_000));

		assertThat(fixture.markdown()).contains("**This run was disturbed**: `GuardBenchmarks.extractQuery` is slower "
				+ "than the whole `guardQuery` (the 99.9% confidence intervals do not overlap).");
	}

	@Test
	void saysSoWhenTheRepositoryOrTheHeapAtFullScaleWasNotMeasured() {
		Fixture fixture = new Fixture();
		fixture.withRepository = false;
		fixture.heapTenants = 10_000;

		assertThat(fixture.markdown())
			.contains("not measured in this run (no repository benchmarks on the class path) | not measured |")
			.contains("| 3,000 B per tenant | not measured at 100,000 tenants |");
	}

	private static BenchmarkReport.Score nanos(double value) {
		return new BenchmarkReport.Score(value, 10, "ns/op", 5);
	}

	/** A run's inputs, every value settable. */
	private static final class Fixture {

		double guardNanos = 400;

		double candidateFactor = 1.02;

		boolean noisy;

		boolean withRepository = true;

		long heapPerTenant = 3_000;

		int heapTenants = 100_000;

		List<Long> firstCalls = List.of(1L, 1L);

		long requestPathCalls;

		final Map<String, BenchmarkReport.Score> extra = new HashMap<>();

		String markdown() {
			Map<String, BenchmarkReport.Score> scores = new HashMap<>();
			for (String request : BenchmarkReport.GUARD_REQUESTS) {
				scores.put("GuardBenchmarks.guard" + request, nanos(this.guardNanos));
				scores.put("GuardBenchmarks.extract" + request, nanos(this.guardNanos * 0.8));
				scores.put("GuardBenchmarks.evaluate" + request, nanos(this.guardNanos * 0.2));
			}
			scores.put("IndexKeyCheckBenchmarks.putItemCheckOnly", nanos(150));
			scores.put("IndexKeyCheckBenchmarks.updateItemCheckOnly", nanos(250));
			scores.putAll(this.extra);
			Map<String, PairedResult> paired = new HashMap<>();
			for (Comparison comparison : Comparison.ALL) {
				if (!this.withRepository && comparison.benchmark().startsWith("RepositoryBenchmarks.")) {
					continue;
				}
				double baseline = 10_000;
				double candidate = comparison.benchmark().startsWith("IndexKeyCheckBenchmarks.") ? baseline + 200
						: baseline * this.candidateFactor;
				List<Double> iterations = this.noisy
						? List.of(baseline, candidate * 1.2, candidate * 0.9, baseline, baseline, candidate)
						: List.of(baseline, candidate, candidate, baseline);
				paired.put(comparison.benchmark(), PairedResult.of(List.of(iterations), "ns/op"));
			}
			TenantHeapHarness.Component credentials = new TenantHeapHarness.Component(
					this.heapPerTenant * this.heapTenants / 4, this.heapPerTenant * this.heapTenants / 4,
					List.of(new TenantHeapHarness.ClassGrowth("[B", 20, 2_000)));
			TenantHeapHarness.Component policies = new TenantHeapHarness.Component(
					this.heapPerTenant * this.heapTenants * 3 / 4, this.heapPerTenant * this.heapTenants * 3 / 4,
					List.of());
			BenchmarkReport.Inputs inputs = new BenchmarkReport.Inputs(ENVIRONMENT, "1.00 / 1.00 / 1.00",
					"java -jar benchmarks.jar", Map.of("GuardBenchmarks", "1 fork"), false, scores, paired,
					"Benchmark  Mode  Cnt  Score  Error  Units",
					List.of(new TenantHeapHarness.Result(this.heapTenants, credentials, policies)),
					new StsCallsHarness.FirstRequests(64, Duration.ofMillis(100), this.firstCalls, 0),
					new StsCallsHarness.SteadyState(180, Duration.ofHours(2), 2, 4, 1_000, 0, 2, this.requestPathCalls,
							4));
			return new BenchmarkReport(inputs).markdown();
		}

	}

}
