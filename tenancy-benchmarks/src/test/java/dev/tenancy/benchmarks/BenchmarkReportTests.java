package dev.tenancy.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report marks each performance target met or not met from the measured values it is given.
 */
class BenchmarkReportTests {

	private static final Environment ENVIRONMENT = new Environment("2025-01-01 00:00 UTC", "Test CPU", 2,
			8L * 1024 * 1024 * 1024, "Test JVM 17", 1024L * 1024 * 1024, "1.00 / 1.00 / 1.00");

	@Test
	void marksTargetsMetWhenTheMeasuredValuesAreWithinThem() {
		String markdown = report(2_000, 1.10, 12_000, List.of(1L, 1L), 0).markdown();

		assertThat(markdown).contains("| guard: context extraction + policy evaluation per typical (single-item) request "
				+ "| ≤ 3.0 µs | GetItem 2.00 µs, Query (table) 2.00 µs, Query (index) 2.00 µs (BatchWriteItem of 25: "
				+ "2.00 µs, not a single-item call) | met |")
			.contains("| heap per cached tenant at 10 tenants, one connection pool | ≤ 16,384 B (16 KB) | 12,000 B per "
					+ "tenant | met |")
			.contains("| STS calls for 64 concurrent first requests of one tenant | exactly 1 | 1 call(s) in every round "
					+ "| met |")
			.contains("| 0 | 0 (and 4 on background refresh threads) | met |")
			.contains("| findById | 10.00 ± 0.10 µs | 10.50 ± 0.10 µs | 11.00 ± 0.10 µs | 1.050× | 1.100× met |")
			.doesNotContain("not met")
			.doesNotContain("disturbed");
	}

	@Test
	void flagsARunWhereAPartMeasuredSlowerThanTheWhole() {
		BenchmarkReport.Inputs inputs = report(2_000, 1.10, 12_000, List.of(1L), 0).inputs();
		Map<String, BenchmarkReport.Score> scores = new HashMap<>(inputs.scores());
		scores.put("GuardBenchmarks.extractQuery", nanos(40_000));

		String markdown = new BenchmarkReport(new BenchmarkReport.Inputs(inputs.environment(), inputs.loadAtEnd(),
				inputs.command(), inputs.jmhSettings(), false, scores, inputs.jmhTable(), inputs.heap(),
				inputs.firstRequests(), inputs.steadyState()))
			.markdown();

		assertThat(markdown).contains("**This run was disturbed**: `GuardBenchmarks.extractQuery` is slower than the "
				+ "whole `guardQuery` (the 99.9% confidence intervals do not overlap).");
	}

	@Test
	void marksTargetsNotMetWhenAMeasuredValueExceedsThem() {
		String markdown = report(3_500, 1.30, 20_000, List.of(1L, 2L), 3).markdown();

		assertThat(markdown).contains("Query (index) 3.50 µs (BatchWriteItem of 25: 3.50 µs, not a single-item call) "
				+ "| **not met** |")
			.contains("| 20,000 B per tenant | **not met** |")
			.contains("| between 1 and 2 calls per round [1, 2] | **not met** |")
			.contains("| 3 (and 4 on background refresh threads) | **not met** |")
			.contains("| findById | 10.00 ± 0.10 µs | 10.50 ± 0.10 µs | 13.00 ± 0.10 µs | 1.050× | 1.300× **not met** |");
	}

	@Test
	void saysSoWhenTheRepositoryWasNotMeasured() {
		BenchmarkReport.Inputs inputs = report(2_000, 1.10, 12_000, List.of(1L), 0).inputs();
		Map<String, BenchmarkReport.Score> withoutRepository = new HashMap<>(inputs.scores());
		withoutRepository.keySet().removeIf((name) -> name.startsWith("RepositoryBenchmarks."));

		String markdown = new BenchmarkReport(new BenchmarkReport.Inputs(inputs.environment(), inputs.loadAtEnd(),
				inputs.command(), inputs.jmhSettings(), false, withoutRepository, inputs.jmhTable(), inputs.heap(),
				inputs.firstRequests(), inputs.steadyState()))
			.markdown();

		assertThat(markdown).contains("not measured in this run (no repository benchmarks on the class path) "
				+ "| not measured |");
	}

	private static Fixture report(double guardNanos, double repositoryRatio, long heapPerTenant,
			List<Long> firstCalls, long requestPathCalls) {
		Map<String, BenchmarkReport.Score> scores = new HashMap<>();
		for (String request : BenchmarkReport.GUARD_REQUESTS) {
			scores.put("GuardBenchmarks.guard" + request, nanos(guardNanos));
			scores.put("GuardBenchmarks.extract" + request, nanos(guardNanos * 0.8));
			scores.put("GuardBenchmarks.evaluate" + request, nanos(guardNanos * 0.2));
		}
		for (BenchmarkReport.Comparison comparison : BenchmarkReport.CLIENT_COMPARISONS) {
			scores.put(comparison.baseline(), nanos(20_000));
			scores.put(comparison.candidate(), nanos(22_000));
		}
		for (BenchmarkReport.Comparison comparison : BenchmarkReport.REPOSITORY_COMPARISONS) {
			scores.put(comparison.baseline(), nanos(10_000));
			scores.put(comparison.baseline().replace("plainTable", "guardedTable"), nanos(10_500));
			scores.put(comparison.candidate(), nanos(10_000 * repositoryRatio));
		}
		TenantHeapHarness.Component credentials = new TenantHeapHarness.Component(heapPerTenant * 10 / 4,
				heapPerTenant * 10 / 4, List.of(new TenantHeapHarness.ClassGrowth("[B", 20, 2_000)));
		TenantHeapHarness.Component policies = new TenantHeapHarness.Component(heapPerTenant * 10 * 3 / 4,
				heapPerTenant * 10 * 3 / 4, List.of());
		return new Fixture(new BenchmarkReport.Inputs(ENVIRONMENT, "1.00 / 1.00 / 1.00", "java -jar benchmarks.jar",
				Map.of("GuardBenchmarks", "1 fork"), false, scores, "Benchmark  Mode  Cnt  Score  Error  Units",
				List.of(new TenantHeapHarness.Result(10, credentials, policies)),
				new StsCallsHarness.FirstRequests(64, Duration.ofMillis(100), firstCalls, 0),
				new StsCallsHarness.SteadyState(180, Duration.ofHours(2), 2, 4, 1_000, 0, 2, requestPathCalls, 4)));
	}

	private static BenchmarkReport.Score nanos(double value) {
		return new BenchmarkReport.Score(value, 100, "ns/op", 5);
	}

	private record Fixture(BenchmarkReport.Inputs inputs) {

		String markdown() {
			return new BenchmarkReport(this.inputs).markdown();
		}

	}

}
