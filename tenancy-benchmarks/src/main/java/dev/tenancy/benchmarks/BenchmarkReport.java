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

	/** What the index-key rule may add to a single-item write, in microseconds. */
	static final double INDEX_KEY_CHECK_TARGET_MICROS = 0.5;

	/** The guard budget per single-item request, in microseconds. */
	static final double GUARD_TARGET_MICROS = 3.0;

	/** The heap budget per cached tenant, in bytes (16 KB). */
	static final long HEAP_TARGET_BYTES = 16 * 1024;

	/** The repository overhead budget: time per operation relative to the plain enhanced-client table. */
	static final double REPOSITORY_TARGET_RATIO = 1.15;

	/** The repository overhead aim. */
	static final double REPOSITORY_AIM_RATIO = 1.05;

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

	}

	/**
	 * A side-by-side comparison of two benchmarks of one run.
	 * @param label what is compared
	 * @param baseline the benchmark without tenancy
	 * @param candidate the same work with tenancy
	 */
	record Comparison(String label, String baseline, String candidate) {
	}

	/**
	 * The inputs of a report.
	 * @param environment the machine at the start of the run
	 * @param loadAtEnd the load average when the run ended
	 * @param command the command that produced the run
	 * @param jmhSettings the JMH settings of each benchmark class, in words
	 * @param quick whether this was a smoke run
	 * @param scores JMH primary results by {@code Class.method}
	 * @param jmhTable JMH's own result table
	 * @param heap the heap measurements
	 * @param firstRequests the concurrent-first-requests measurement
	 * @param steadyState the steady-state STS measurement
	 */
	record Inputs(Environment environment, String loadAtEnd, String command, Map<String, String> jmhSettings,
			boolean quick, Map<String, Score> scores, String jmhTable, List<TenantHeapHarness.Result> heap,
			StsCallsHarness.FirstRequests firstRequests, StsCallsHarness.SteadyState steadyState) {
	}

	static final List<String> GUARD_REQUESTS = List.of("GetItem", "Query", "QueryIndex", "BatchWriteItem25");

	static final List<Comparison> CLIENT_COMPARISONS = List.of(
			new Comparison("GetItem", "ClientBenchmarks.plainGetItem", "ClientBenchmarks.tenantGetItem"),
			new Comparison("Query (table)", "ClientBenchmarks.plainQuery", "ClientBenchmarks.tenantQuery"),
			new Comparison("Query (index)", "ClientBenchmarks.plainQueryIndex", "ClientBenchmarks.tenantQueryIndex"),
			new Comparison("BatchWriteItem (25 puts)", "ClientBenchmarks.plainBatchWriteItem25",
					"ClientBenchmarks.tenantBatchWriteItem25"));

	static final List<Comparison> REPOSITORY_COMPARISONS = List.of(
			new Comparison("findById", "RepositoryBenchmarks.plainTableGetItem",
					"RepositoryBenchmarks.repositoryFindById"),
			new Comparison("sort-key query", "RepositoryBenchmarks.plainTableQuery",
					"RepositoryBenchmarks.repositoryQuery"));

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
		if (this.in.scores().containsKey("IndexKeyCheckBenchmarks.putItemCheckOn")) {
			indexKeyCheck(md);
		}
		comparisons(md, "### Tenant-scoped client vs. plain client (µs per call, same stub HTTP client)",
				CLIENT_COMPARISONS);
		if (has(REPOSITORY_COMPARISONS)) {
			repository(md);
		}
		if (this.in.scores().keySet().stream().anyMatch((name) -> name.startsWith("EndToEndBenchmarks."))) {
			endToEnd(md);
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
		row(md, "JMH", "1.37, forked JVMs with `" + String.join(" ", BenchmarkMain.JVM_ARGS)
				+ "`; the error is the 99.9% confidence interval"
				+ (this.in.quick() ? "; **--quick: a smoke run, not a measurement**" : ""));
		this.in.jmhSettings().forEach((benchmarkClass, settings) -> row(md, "`" + benchmarkClass + "`", settings));
		md.append('\n');
		md.append("The machine is shared: other processes may have run during the measurement (see the load average, "
				+ "against ").append(env.processors()).append(" processors). Compare numbers of one run with each "
						+ "other, side by side, rather than across runs.\n\n");
	}

	private void targets(StringBuilder md) {
		md.append("### Performance targets\n\n| what | target | measured | result |\n|---|---|---|---|\n");
		if (has(REPOSITORY_COMPARISONS)) {
			List<String> parts = new ArrayList<>();
			boolean met = true;
			for (Comparison comparison : REPOSITORY_COMPARISONS) {
				double ratio = ratio(comparison);
				parts.add(comparison.label() + " " + ratio(ratio));
				met &= ratio <= REPOSITORY_TARGET_RATIO;
			}
			targetRow(md, "repository findById / query vs. the same call on a plain enhanced-client table, same stub "
					+ "HTTP client", "≤ " + REPOSITORY_TARGET_RATIO + "× (aim " + REPOSITORY_AIM_RATIO + "×)",
					String.join(", ", parts), met);
		}
		else {
			md.append("| repository findById / query vs. the same call on a plain enhanced-client table | ≤ ")
				.append(REPOSITORY_TARGET_RATIO)
				.append("× | not measured in this run (no repository benchmarks on the class path) ")
				.append("| not measured |\n");
		}
		List<String> guardParts = new ArrayList<>();
		boolean guardMet = true;
		for (String request : List.of("GetItem", "Query", "QueryIndex")) {
			Score guard = score("GuardBenchmarks.guard" + request);
			guardParts.add(label(request) + " " + micros(guard));
			guardMet &= guard.micros() <= GUARD_TARGET_MICROS;
		}
		Score batch = score("GuardBenchmarks.guardBatchWriteItem25");
		targetRow(md, "guard: context extraction + policy evaluation per typical (single-item) request",
				"≤ " + GUARD_TARGET_MICROS + " µs", String.join(", ", guardParts) + " (BatchWriteItem of 25: "
						+ micros(batch) + ", not a single-item call)",
				guardMet);
		TenantHeapHarness.Result largest = this.in.heap().get(this.in.heap().size() - 1);
		long perTenant = largest.totalUsedHeapBytes() / largest.tenants();
		targetRow(md, "heap per cached tenant at " + thousands(largest.tenants()) + " tenants, one connection pool",
				"≤ " + thousands(HEAP_TARGET_BYTES) + " B (16 KB)", thousands(perTenant) + " B per tenant",
				perTenant <= HEAP_TARGET_BYTES);
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
	 * Lists the signs that the run was disturbed: a part of a call measured clearly slower than the whole call, where
	 * the confidence intervals do not overlap. On a shared machine this happens when other work starts during one
	 * benchmark and not during another.
	 */
	private void disturbances(StringBuilder md) {
		List<String> signs = new ArrayList<>();
		for (String request : GUARD_REQUESTS) {
			Score guard = score("GuardBenchmarks.guard" + request);
			for (String part : List.of("extract", "evaluate")) {
				Score measured = score("GuardBenchmarks." + part + request);
				if (clearlySlower(measured, guard)) {
					signs.add("`GuardBenchmarks." + part + request + "` is slower than the whole `guard" + request + "`");
				}
			}
		}
		if (has(REPOSITORY_COMPARISONS)) {
			for (Comparison comparison : REPOSITORY_COMPARISONS) {
				String guarded = comparison.baseline().replace("plainTable", "guardedTable");
				if (clearlySlower(score(guarded), score(comparison.candidate()))) {
					signs.add("`" + guarded + "` is slower than `" + comparison.candidate() + "`, which does the same "
							+ "and more");
				}
			}
		}
		if (!signs.isEmpty()) {
			md.append("**This run was disturbed**: ").append(String.join("; ", signs)).append(" (the 99.9% confidence "
					+ "intervals do not overlap). Other work on the machine changed the conditions between benchmarks, "
					+ "so the time-based results above are not reliable; repeat the run on a quiet machine.\n\n");
		}
	}

	private static boolean clearlySlower(Score part, Score whole) {
		return part.score() - part.error() > whole.score() + whole.error();
	}

	private void guard(StringBuilder md) {
		md.append("### Guard: where the time goes (µs per request, mean ± 99.9% CI)\n\n");
		md.append("| request | context extraction | policy evaluation (with session lookup) | guard (both) | ≤ ")
			.append(GUARD_TARGET_MICROS).append(" µs |\n|---|---|---|---|---|\n");
		for (String request : GUARD_REQUESTS) {
			Score guard = score("GuardBenchmarks.guard" + request);
			boolean single = !request.startsWith("Batch");
			md.append("| ").append(label(request)).append(" | ")
				.append(microsWithError(score("GuardBenchmarks.extract" + request)))
				.append(" | ").append(microsWithError(score("GuardBenchmarks.evaluate" + request))).append(" | ")
				.append(microsWithError(guard)).append(" | ")
				.append(single ? ((guard.micros() <= GUARD_TARGET_MICROS) ? "met" : "**not met**") : "n/a (25 items)")
				.append(" |\n");
		}
		md.append('\n');
	}

	private void indexKeyCheck(StringBuilder md) {
		md.append("### Guard: the index-key rule on single-item writes (µs per request, mean ± 99.9% CI)\n\n")
			.append("The guard's work for a write that sets an index partition key, with the index-key rule off and on, ")
			.append("measured one after the other in this run, and the rule alone on the parsed body. The budget is ")
			.append(INDEX_KEY_CHECK_TARGET_MICROS).append(" µs per write (on − off).\n\n")
			.append("| request | rule off | rule on | on − off | rule alone | ≤ ").append(INDEX_KEY_CHECK_TARGET_MICROS)
			.append(" µs |\n|---|---|---|---|---|---|\n");
		for (String request : List.of("putItem", "updateItem")) {
			Score off = score("IndexKeyCheckBenchmarks." + request + "CheckOff");
			Score on = score("IndexKeyCheckBenchmarks." + request + "CheckOn");
			Score alone = score("IndexKeyCheckBenchmarks." + request + "CheckOnly");
			double added = on.micros() - off.micros();
			md.append("| ").append(Character.toUpperCase(request.charAt(0))).append(request.substring(1)).append(" | ")
				.append(microsWithError(off)).append(" | ").append(microsWithError(on)).append(" | ")
				.append(String.format(Locale.ROOT, "%.2f ± %.2f µs", added, off.errorMicros() + on.errorMicros()))
				.append(" | ").append(microsWithError(alone)).append(" | ")
				.append((added <= INDEX_KEY_CHECK_TARGET_MICROS) ? "met" : "**not met**").append(" |\n");
		}
		md.append('\n');
	}

	private void comparisons(StringBuilder md, String title, List<Comparison> comparisons) {
		md.append(title)
			.append("\n\n| call | without tenancy | with tenancy | ratio | added per call |\n|---|---|---|---|---|\n");
		for (Comparison comparison : comparisons) {
			Score baseline = score(comparison.baseline());
			Score candidate = score(comparison.candidate());
			md.append("| ").append(comparison.label()).append(" | ").append(microsWithError(baseline)).append(" | ")
				.append(microsWithError(candidate)).append(" | ").append(ratio(ratio(comparison))).append(" | ")
				.append(String.format(Locale.ROOT, "%.2f µs", candidate.micros() - baseline.micros())).append(" |\n");
		}
		md.append('\n');
	}

	private void repository(StringBuilder md) {
		md.append("### Repository vs. plain enhanced-client table (µs per call, mean ± 99.9% CI, same stub HTTP "
				+ "client)\n\n| call | plain table | same table over the tenant-scoped client | repository "
				+ "| guarded table / plain | repository / plain (≤ ")
			.append(REPOSITORY_TARGET_RATIO)
			.append("×, aim ")
			.append(REPOSITORY_AIM_RATIO)
			.append("×) |\n|---|---|---|---|---|---|\n");
		for (Comparison comparison : REPOSITORY_COMPARISONS) {
			Score plain = score(comparison.baseline());
			Score guarded = score(comparison.baseline().replace("plainTable", "guardedTable"));
			Score repository = score(comparison.candidate());
			double ratio = repository.score() / plain.score();
			md.append("| ").append(comparison.label()).append(" | ").append(microsWithError(plain)).append(" | ")
				.append(microsWithError(guarded)).append(" | ").append(microsWithError(repository)).append(" | ")
				.append(ratio(guarded.score() / plain.score())).append(" | ").append(ratio(ratio))
				.append((ratio <= REPOSITORY_TARGET_RATIO) ? " met" : " **not met**").append(" |\n");
		}
		md.append('\n');
	}

	private void endToEnd(StringBuilder md) {
		md.append("### End to end against the test kit (operations per second, mean ± 99.9% CI; higher is better)\n\n"
				+ "Loopback HTTP, SigV4 verified by the kit's IAM-enforcing gateway, DynamoDB Local behind it, all in "
				+ "one JVM on the same machine; the three modes run at the same time against one kit, one thread each. "
				+ "No tenancy: the enhanced-client table over a plain client; application and iam: the `@TenantScoped` "
				+ "repository over the tenant-scoped client.\n\n");
		md.append("| call | no tenancy | application mode | iam mode | application / none | iam / none |\n"
				+ "|---|---|---|---|---|---|\n");
		for (String call : List.of("FindById", "Query")) {
			Score none = score("EndToEndBenchmarks.none" + call);
			Score application = score("EndToEndBenchmarks.application" + call);
			Score iam = score("EndToEndBenchmarks.iam" + call);
			md.append("| ").append(call.equals("FindById") ? "findById (GetItem)" : "sort-key query (10 items)")
				.append(" | ")
				.append(perSecond(none)).append(" | ").append(perSecond(application)).append(" | ")
				.append(perSecond(iam)).append(" | ").append(ratio(application.score() / none.score())).append(" | ")
				.append(ratio(iam.score() / none.score())).append(" |\n");
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
		return comparisons.stream()
			.allMatch((c) -> this.in.scores().containsKey(c.baseline()) && this.in.scores().containsKey(c.candidate()));
	}

	private double ratio(Comparison comparison) {
		return score(comparison.candidate()).score() / score(comparison.baseline()).score();
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
		md.append("| ").append(what).append(" | ").append(target).append(" | ").append(measured).append(" | ")
			.append(met ? "met" : "**not met**").append(" |\n");
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

	private static String micros(Score score) {
		return String.format(Locale.ROOT, "%.2f µs", score.micros());
	}

	private static String microsWithError(Score score) {
		return String.format(Locale.ROOT, "%.2f ± %.2f µs", score.micros(), score.errorMicros());
	}

	private static String perSecond(Score score) {
		return String.format(Locale.ROOT, "%,.0f ± %,.0f", score.score(), score.error());
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
