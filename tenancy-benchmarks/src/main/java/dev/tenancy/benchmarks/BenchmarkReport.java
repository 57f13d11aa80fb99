package dev.tenancy.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Renders one run's measurements as Markdown: the environment, every performance target marked met or not met
 * with the measured value, the detail tables, and JMH's own result table. Every number in it comes from the run.
 *
 * @author tenancy
 * @since 0.1
 */
final class BenchmarkReport {

	/** The guard budget for a GetItem, in microseconds. */
	static final double GUARD_GET_ITEM_TARGET_MICROS = 0.5;

	/** The guard budget for a Query, in microseconds. */
	static final double GUARD_QUERY_TARGET_MICROS = 0.8;

	/** The guard budget for a BatchWriteItem of 25 puts, in microseconds. */
	static final double GUARD_BATCH_TARGET_MICROS = 8.0;

	/** Tenant-scoped client over plain client, single-item calls. */
	static final double CLIENT_TARGET_RATIO = 1.03;

	/** Tenant-scoped client over plain client, BatchWriteItem of 25. */
	static final double CLIENT_BATCH_TARGET_RATIO = 1.10;

	/** Repository over the plain enhanced-client table. */
	static final double REPOSITORY_TARGET_RATIO = 1.05;

	/** What the index-key rule may add to a single-item write, in microseconds. */
	static final double INDEX_KEY_CHECK_TARGET_MICROS = 0.5;

	/** The heap budget per cached tenant, in bytes (4 KB). */
	static final long HEAP_TARGET_BYTES = 4 * 1024;

	/** The number of cached tenants at which the heap budget applies. */
	static final int HEAP_TARGET_TENANTS = 100_000;

	/**
	 * A JMH primary result.
	 * @param score the mean
	 * @param error the half-width of the 99.9% confidence interval
	 * @param unit the unit JMH reports
	 * @param samples the number of measurement iterations
	 */
	record Score(double score, double error, String unit, long samples) {

		double micros() {
			return toMicros(this.score);
		}

		double errorMicros() {
			return toMicros(this.error);
		}

		private double toMicros(double value) {
			return switch (this.unit) {
				case "ns/op" -> value / 1_000;
				case "us/op" -> value;
				case "ms/op" -> value * 1_000;
				default -> throw new IllegalStateException("Unexpected JMH unit '" + this.unit + "'");
			};
		}

		PairedResult.Verdict against(double targetMicros) {
			return PairedResult.Verdict.of(micros() - errorMicros(), micros() + errorMicros(), targetMicros);
		}

	}

	/**
	 * The inputs of a report.
	 * @param environment the machine at the start of the run
	 * @param loadAtEnd the load average when the run ended
	 * @param command the command that produced the run
	 * @param jmhSettings the JMH settings of each benchmark class, in words
	 * @param quick whether this was a smoke run
	 * @param scores JMH primary results of the benchmarks measured on their own, by {@code Class.method}
	 * @param paired the results of the alternating benchmarks, by {@code Class.method} (see {@link Comparison})
	 * @param jmhTable JMH's own result table
	 * @param heap the heap measurements
	 * @param firstRequests the concurrent-first-requests measurement
	 * @param steadyState the steady-state STS measurement
	 */
	record Inputs(Environment environment, String loadAtEnd, String command, Map<String, String> jmhSettings,
			boolean quick, Map<String, Score> scores, Map<String, PairedResult> paired, String jmhTable,
			List<TenantHeapHarness.Result> heap, StsCallsHarness.FirstRequests firstRequests,
			StsCallsHarness.SteadyState steadyState) {
	}

	static final List<String> GUARD_REQUESTS = List.of("GetItem", "Query", "QueryIndex", "BatchWriteItem25");

	private final Inputs in;

	BenchmarkReport(Inputs inputs) {
		this.in = inputs;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		environment(md);
		targets(md);
		disturbances(md);
		guard(md);
		if (has(Comparison.INDEX_KEY_CHECK)) {
			indexKeyCheck(md);
		}
		comparisons(md, "### Tenant-scoped client vs. plain client (same stub HTTP client)", Comparison.CLIENT);
		if (has(Comparison.WRAPPER)) {
			comparisons(md, "### Tenant-scoped client vs. the SDK client it wraps (same guard and credentials, "
					+ "called without the wrapper): what the wrapper alone adds", Comparison.WRAPPER);
		}
		if (has(Comparison.REPOSITORY)) {
			comparisons(md, "### Repository vs. plain enhanced-client table (same stub HTTP client)",
					Comparison.REPOSITORY);
		}
		if (has(Comparison.GUARDED_TABLE)) {
			comparisons(md, "### Enhanced-client table over the tenant-scoped client vs. over the plain client: what "
					+ "the client alone adds to the repository's calls", Comparison.GUARDED_TABLE);
		}
		if (has(Comparison.END_TO_END)) {
			comparisons(md, "### End to end against the test kit (loopback HTTP, SigV4 verified by the kit's "
					+ "IAM-enforcing gateway, DynamoDB Local; the repository in each mode vs. an enhanced-client "
					+ "table with no tenancy)", Comparison.END_TO_END);
		}
		heap(md);
		sts(md);
		md.append("### JMH result table\n\n```text\n").append(this.in.jmhTable().stripTrailing()).append("\n```\n");
		return md.toString();
	}

	private void environment(StringBuilder md) {
		Environment env = this.in.environment();
		md.append("Run of ").append(env.started()).append(" with `").append(this.in.command()).append("`.\n\n");
		md.append("| | |\n|---|---|\n");
		row(md, "CPU", env.cpuModel());
		row(md, "processors (`nproc`)", Integer.toString(env.processors()));
		row(md, "memory", gib(env.memoryBytes()) + " total");
		row(md, "Java", env.java());
		row(md, "harness JVM max heap", gib(env.maxHeapBytes()));
		row(md, "load average (1 / 5 / 15 min)", "at start " + env.loadAverage() + ", at end " + this.in.loadAtEnd());
		row(md, "JMH", "1.37, forked JVMs with `" + String.join(" ", BenchmarkMain.JVM_ARGS) + "`"
				+ (this.in.quick() ? "; **--quick: a smoke run, not a measurement**" : ""));
		this.in.jmhSettings().forEach((benchmarkClass, settings) -> row(md, "`" + benchmarkClass + "`", settings));
		md.append('\n');
		md.append("**Method.** Everything runs single-threaded. A compared pair (plain vs. tenant-scoped, rule off vs. "
				+ "on, …) is one benchmark method whose iterations alternate between the two variants, A B B A A B B "
				+ "A …, so each adjacent pair of iterations measures both under the same machine conditions. A ratio "
				+ "is the geometric mean of the pair ratios (candidate / baseline) with its 95% Student-t interval; a "
				+ "difference is the mean of the pair differences with its 95% interval. A ratio whose interval "
				+ "reaches further than ±").append(percent(PairedResult.WIDE)).append(" is flagged *wide*. A target "
						+ "is met when the whole interval is within it, not met when the whole interval is beyond it, "
						+ "and not shown otherwise. Absolute times (the guard alone) are JMH's mean ± 99.9% "
						+ "interval; compare them within one run, the machine is shared (see the load average, "
						+ "against ").append(env.processors()).append(" processors).\n\n");
	}

	private void targets(StringBuilder md) {
		md.append("### Performance targets\n\n| what | target | measured | result |\n|---|---|---|---|\n");
		Score getItem = score("GuardBenchmarks.guardGetItem");
		targetRow(md, "guard, single-item GetItem", "≤ " + GUARD_GET_ITEM_TARGET_MICROS + " µs", microsWithError(getItem),
				getItem.against(GUARD_GET_ITEM_TARGET_MICROS));
		Score query = score("GuardBenchmarks.guardQuery");
		targetRow(md, "guard, Query", "≤ " + GUARD_QUERY_TARGET_MICROS + " µs", microsWithError(query),
				query.against(GUARD_QUERY_TARGET_MICROS));
		Score batch = score("GuardBenchmarks.guardBatchWriteItem25");
		targetRow(md, "guard, BatchWriteItem of 25", "≤ " + GUARD_BATCH_TARGET_MICROS + " µs", microsWithError(batch),
				batch.against(GUARD_BATCH_TARGET_MICROS));
		for (Comparison comparison : Comparison.CLIENT) {
			boolean single = !comparison.label().startsWith("Batch");
			double target = single ? CLIENT_TARGET_RATIO : CLIENT_BATCH_TARGET_RATIO;
			PairedResult result = paired(comparison);
			targetRow(md, "tenant-scoped client / plain client, " + comparison.label(), "≤ " + ratio(target),
					ratioWithInterval(result), result.ratioAgainst(target));
		}
		if (has(Comparison.WRAPPER)) {
			for (Comparison comparison : Comparison.WRAPPER) {
				PairedResult result = paired(comparison);
				targetRow(md, "tenant-scoped client / the SDK client it wraps (the wrapper's cost), "
						+ comparison.label(), "≤ " + ratio(CLIENT_TARGET_RATIO), ratioWithInterval(result),
						result.ratioAgainst(CLIENT_TARGET_RATIO));
			}
		}
		if (has(Comparison.REPOSITORY)) {
			for (Comparison comparison : Comparison.REPOSITORY) {
				PairedResult result = paired(comparison);
				targetRow(md, "repository / plain enhanced-client table, " + comparison.label(),
						"≤ " + ratio(REPOSITORY_TARGET_RATIO), ratioWithInterval(result),
						result.ratioAgainst(REPOSITORY_TARGET_RATIO));
			}
		}
		else {
			targetRow(md, "repository / plain enhanced-client table", "≤ " + ratio(REPOSITORY_TARGET_RATIO),
					"not measured in this run (no repository benchmarks on the class path)", "not measured");
		}
		if (has(Comparison.INDEX_KEY_CHECK)) {
			for (Comparison comparison : Comparison.INDEX_KEY_CHECK) {
				PairedResult result = paired(comparison);
				targetRow(md, "index-key rule added to a single-item " + comparison.label() + " (on − off)",
						"≤ " + INDEX_KEY_CHECK_TARGET_MICROS + " µs", differenceWithInterval(result),
						result.differenceAgainst(INDEX_KEY_CHECK_TARGET_MICROS));
			}
		}
		TenantHeapHarness.Result largest = this.in.heap().get(this.in.heap().size() - 1);
		long perTenant = largest.totalUsedHeapBytes() / largest.tenants();
		targetRow(md, "heap per cached tenant at " + thousands(largest.tenants()) + " tenants, one connection pool",
				"≤ " + thousands(HEAP_TARGET_BYTES) + " B (4 KB) at " + thousands(HEAP_TARGET_TENANTS) + " tenants",
				thousands(perTenant) + " B per tenant", (largest.tenants() < HEAP_TARGET_TENANTS) ? "not measured at "
						+ thousands(HEAP_TARGET_TENANTS) + " tenants" : (perTenant <= HEAP_TARGET_BYTES) ? "met"
								: "**not met**");
		StsCallsHarness.FirstRequests first = this.in.firstRequests();
		targetRow(md, "STS calls for " + first.threads() + " concurrent first requests of one tenant", "exactly 1",
				callsPerRound(first),
				first.minimumCalls() == 1 && first.maximumCalls() == 1 && first.failedRequests() == 0);
		StsCallsHarness.SteadyState steady = this.in.steadyState();
		targetRow(md, "STS calls on the request path in steady state (" + steady.simulated().toHours()
				+ " simulated hours, " + StsCallsHarness.SESSION.toHours() + " h sessions)", "0",
				steady.requestPathCalls() + " (and " + steady.backgroundCalls() + " on background refresh threads)",
				steady.requestPathCalls() == 0 && steady.failedRequests() == 0);
		md.append('\n');
	}

	/**
	 * Lists the signs that the run was disturbed: a part of the guard measured clearly slower than the whole guard,
	 * where the confidence intervals do not overlap. On a shared machine this happens when other work starts during
	 * one benchmark and not during another. (The compared pairs are immune: their variants alternate.)
	 */
	private void disturbances(StringBuilder md) {
		List<String> signs = new ArrayList<>();
		for (String request : GUARD_REQUESTS) {
			Score guard = score("GuardBenchmarks.guard" + request);
			for (String part : List.of("extract", "evaluate")) {
				Score measured = score("GuardBenchmarks." + part + request);
				if (measured.score() - measured.error() > guard.score() + guard.error()) {
					signs.add("`GuardBenchmarks." + part + request + "` is slower than the whole `guard" + request + "`");
				}
			}
		}
		if (!signs.isEmpty()) {
			md.append("**This run was disturbed**: ").append(String.join("; ", signs)).append(" (the 99.9% confidence "
					+ "intervals do not overlap). Other work on the machine changed the conditions between benchmarks, "
					+ "so the absolute guard times above are not reliable; repeat the run on a quiet machine.\n\n");
		}
	}

	private void guard(StringBuilder md) {
		md.append("### Guard: where the time goes (µs per request, mean ± 99.9% CI)\n\n");
		md.append("| request | context extraction | policy evaluation (with session lookup) | guard (both) | target |\n"
				+ "|---|---|---|---|---|\n");
		for (String request : GUARD_REQUESTS) {
			Score guard = score("GuardBenchmarks.guard" + request);
			double target = switch (request) {
				case "GetItem" -> GUARD_GET_ITEM_TARGET_MICROS;
				case "BatchWriteItem25" -> GUARD_BATCH_TARGET_MICROS;
				default -> GUARD_QUERY_TARGET_MICROS;
			};
			md.append("| ").append(label(request)).append(" | ")
				.append(microsWithError(score("GuardBenchmarks.extract" + request)))
				.append(" | ").append(microsWithError(score("GuardBenchmarks.evaluate" + request))).append(" | ")
				.append(microsWithError(guard)).append(" | ≤ ").append(target).append(" µs: ")
				.append(guard.against(target)).append(" |\n");
		}
		md.append('\n');
	}

	private void indexKeyCheck(StringBuilder md) {
		md.append("### Guard: the index-key rule on single-item writes\n\n")
			.append("The guard's work for a write that sets an index partition key, with the index-key rule off and on, ")
			.append("alternating, and the rule alone on the parsed body (mean ± 99.9% CI). The budget is ")
			.append(INDEX_KEY_CHECK_TARGET_MICROS).append(" µs per write (on − off).\n\n")
			.append("| request | rule off | rule on | on − off (95% interval) | pairs | rule alone | ≤ ")
			.append(INDEX_KEY_CHECK_TARGET_MICROS).append(" µs |\n|---|---|---|---|---|---|---|\n");
		for (Comparison comparison : Comparison.INDEX_KEY_CHECK) {
			PairedResult result = paired(comparison);
			String request = comparison.benchmark().substring(comparison.benchmark().indexOf('.') + 1);
			Score alone = score("IndexKeyCheckBenchmarks." + request + "CheckOnly");
			md.append("| ").append(comparison.label()).append(" | ").append(micros(result, result.baselineMean()))
				.append(" | ").append(micros(result, result.candidateMean())).append(" | ")
				.append(differenceWithInterval(result)).append(" | ").append(result.pairs()).append(" | ")
				.append(microsWithError(alone)).append(" | ")
				.append(result.differenceAgainst(INDEX_KEY_CHECK_TARGET_MICROS)).append(" |\n");
		}
		md.append('\n');
	}

	private void comparisons(StringBuilder md, String title, List<Comparison> comparisons) {
		md.append(title).append("\n\n| call | baseline | candidate | baseline mean | candidate mean | ratio (95% "
				+ "interval) | added per call (95% interval) | pairs |\n|---|---|---|---|---|---|---|---|\n");
		for (Comparison comparison : comparisons) {
			PairedResult result = paired(comparison);
			md.append("| ").append(comparison.label()).append(" | ").append(comparison.baseline()).append(" | ")
				.append(comparison.candidate()).append(" | ").append(micros(result, result.baselineMean()))
				.append(" | ").append(micros(result, result.candidateMean())).append(" | ")
				.append(ratioWithInterval(result)).append(" | ").append(differenceWithInterval(result)).append(" | ")
				.append(result.pairs()).append(" |\n");
		}
		md.append('\n');
	}

	private void heap(StringBuilder md) {
		md.append("### Heap per cached tenant (bytes, after full GC; one STS client, one connection pool)\n\n");
		md.append("| tenants | STS sessions | compiled guard policies | total (used heap) | total (live objects, class "
				+ "histogram) | ≤ ").append(thousands(HEAP_TARGET_BYTES)).append(" B |\n|---|---|---|---|---|---|\n");
		for (TenantHeapHarness.Result result : this.in.heap()) {
			int n = result.tenants();
			long total = result.totalUsedHeapBytes() / n;
			md.append("| ").append(thousands(n)).append(" | ")
				.append(thousands(result.credentials().usedHeapBytes() / n))
				.append(" | ").append(thousands(result.policies().usedHeapBytes() / n)).append(" | ")
				.append(thousands(total)).append(" | ").append(thousands(result.totalLiveBytes() / n)).append(" | ")
				.append((total <= HEAP_TARGET_BYTES) ? "met" : "**not met**").append(" |\n");
		}
		TenantHeapHarness.Result largest = this.in.heap().get(this.in.heap().size() - 1);
		md.append("\nLargest retainers at ").append(thousands(largest.tenants()))
			.append(" tenants (class histogram growth, per tenant):\n\n| component | class | instances | bytes |\n"
					+ "|---|---|---|---|\n");
		retainers(md, "STS sessions", largest.credentials(), largest.tenants());
		retainers(md, "compiled guard policies", largest.policies(), largest.tenants());
		md.append('\n');
	}

	private static void retainers(StringBuilder md, String component, TenantHeapHarness.Component growth, int tenants) {
		for (TenantHeapHarness.ClassGrowth grown : growth.topClasses()) {
			md.append("| ").append(component).append(" | `").append(grown.className()).append("` | ")
				.append(String.format(Locale.ROOT, "%.1f", (double) grown.instances() / tenants)).append(" | ")
				.append(thousands(grown.bytes() / tenants)).append(" |\n");
		}
	}

	private void sts(StringBuilder md) {
		StsCallsHarness.FirstRequests first = this.in.firstRequests();
		StsCallsHarness.SteadyState steady = this.in.steadyState();
		md.append("### STS AssumeRole calls (counted in the stub STS endpoint, by calling thread)\n\n");
		md.append("| scenario | measured | expected |\n|---|---|---|\n");
		md.append("| ").append(first.threads())
			.append(" concurrent first requests of one new tenant, STS answering in ")
			.append(first.stsLatency().toMillis()).append(" ms; ").append(first.callsPerRound().size())
			.append(" rounds, a new tenant each | ").append(callsPerRound(first)).append("; ")
			.append(first.failedRequests()).append(" failed requests | 1 per round, 0 failed |\n");
		md.append("| steady state: first request of each of ").append(steady.tenants()).append(" tenants | ")
			.append(steady.firstRequestCalls()).append(" | ").append(steady.tenants()).append(" (one per tenant) |\n");
		md.append("| steady state: ").append(steady.simulated().toHours()).append(" simulated hours, ")
			.append(steady.requestThreads()).append(" request threads, ").append(thousands(steady.requests()))
			.append(" requests, ").append(steady.failedRequests()).append(" failed; calls on request threads | ")
			.append(steady.requestPathCalls()).append(" | 0 |\n");
		md.append("| steady state: calls on the SDK's background refresh threads | ").append(steady.backgroundCalls())
			.append(" | about ")
			.append(steady.tenants() * (steady.simulated().toHours() / StsCallsHarness.SESSION.toHours()))
			.append(" (one refresh per tenant and session lifetime) |\n");
		md.append('\n');
		md.append("Time is scaled by ").append(steady.scale()).append(": one simulated hour passes in ")
			.append(StsCallsHarness.SESSION.dividedBy(steady.scale()).toMillis()).append(" ms; sessions last ")
			.append(StsCallsHarness.SESSION.dividedBy(steady.scale()).toMillis()).append(" ms, are refreshed ")
			.append(StsCallsHarness.REFRESH_AHEAD.dividedBy(steady.scale()).toMillis())
			.append(" ms before expiry and go stale ")
			.append(StsCallsHarness.STALE_TIME.dividedBy(steady.scale()).toMillis())
			.append(" ms before expiry (the defaults of ").append(StsCallsHarness.REFRESH_AHEAD.toMinutes())
			.append(" and ")
			.append(StsCallsHarness.STALE_TIME.toMinutes()).append(" minutes, scaled the same way).\n\n");
	}

	private boolean has(List<Comparison> comparisons) {
		return comparisons.stream().allMatch((comparison) -> this.in.paired().containsKey(comparison.benchmark()));
	}

	private PairedResult paired(Comparison comparison) {
		PairedResult result = this.in.paired().get(comparison.benchmark());
		if (result == null) {
			throw new IllegalStateException("The run has no result for benchmark '" + comparison.benchmark() + "'.");
		}
		return result;
	}

	private static String ratioWithInterval(PairedResult result) {
		return String.format(Locale.ROOT, "%.3f× [%.3f, %.3f]%s", result.ratio(), result.ratioLow(),
				result.ratioHigh(), result.wide() ? " *wide*" : "");
	}

	private static String differenceWithInterval(PairedResult result) {
		return String.format(Locale.ROOT, "%.2f µs [%.2f, %.2f]", result.micros(result.difference()),
				result.micros(result.differenceLow()), result.micros(result.differenceHigh()));
	}

	private static String micros(PairedResult result, double value) {
		return String.format(Locale.ROOT, "%.2f µs", result.micros(value));
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
	}

	private Score score(String benchmark) {
		Score score = this.in.scores().get(benchmark);
		if (score == null) {
			throw new IllegalStateException("The run has no result for benchmark '" + benchmark + "'.");
		}
		return score;
	}

	private static String callsPerRound(StsCallsHarness.FirstRequests first) {
		return (first.minimumCalls() == first.maximumCalls()) ? first.minimumCalls() + " call(s) in every round"
				: "between " + first.minimumCalls() + " and " + first.maximumCalls() + " calls per round "
						+ first.callsPerRound();
	}

	private static void targetRow(StringBuilder md, String what, String target, String measured, boolean met) {
		targetRow(md, what, target, measured, met ? "met" : "**not met**");
	}

	private static void targetRow(StringBuilder md, String what, String target, String measured, Object verdict) {
		md.append("| ").append(what).append(" | ").append(target).append(" | ").append(measured).append(" | ")
			.append(verdict).append(" |\n");
	}

	private static void row(StringBuilder md, String name, @Nullable String value) {
		md.append("| ").append(name).append(" | ").append(value).append(" |\n");
	}

	private static String label(String request) {
		return switch (request) {
			case "Query" -> "Query (table)";
			case "QueryIndex" -> "Query (index)";
			case "BatchWriteItem25" -> "BatchWriteItem (25 puts)";
			default -> request;
		};
	}

	private static String microsWithError(Score score) {
		return String.format(Locale.ROOT, "%.2f ± %.2f µs", score.micros(), score.errorMicros());
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.3f×", ratio);
	}

	private static String thousands(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	private static String gib(long bytes) {
		return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
	}

}
