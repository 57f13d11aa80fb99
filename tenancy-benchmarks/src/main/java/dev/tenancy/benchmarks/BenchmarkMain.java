package dev.tenancy.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement of the performance targets in one go and writes the report: the STS call counts
 * ({@link StsCallsHarness}), the heap per cached tenant ({@link TenantHeapHarness}), then all JMH benchmarks of this
 * package (each {@code *Benchmarks} class) in one JMH run, so that the ratios compare numbers measured side by side.
 * <p>
 * Options:
 * <ul>
 * <li>{@code --out DIR}: where to write {@code results.md}, {@code jmh-results.json} and {@code jmh-table.txt}
 * (default {@code tenancy-benchmarks/target/benchmark-results}, or {@code benchmark-results} when run elsewhere);</li>
 * <li>{@code --doc FILE}: also replace the generated results section of that Markdown file (docs/BENCHMARKS.md);</li>
 * <li>{@code --quick}: a short smoke run that checks the setup; its numbers are not measurements.</li>
 * </ul>
 *
 * @author tenancy
 * @since 0.1
 */
public final class BenchmarkMain {

	/** The command that builds and runs the benchmarks from a clean clone (see docs/BENCHMARKS.md). */
	public static final String COMMAND = "mvn -B -q -Pbenchmarks -pl tenancy-benchmarks -am package -DskipTests "
			+ "&& java -jar tenancy-benchmarks/target/benchmarks.jar";

	static final String BEGIN_MARKER = "<!-- generated:results -->";

	static final String END_MARKER = "<!-- /generated:results -->";

	/** Arguments of the forked benchmark JVMs: a fixed heap, so that heap resizing does not add to the times. */
	static final List<String> JVM_ARGS = List.of("-Xms2g", "-Xmx2g");

	private static final Log logger = LogFactory.getLog(BenchmarkMain.class);

	private BenchmarkMain() {
	}

	/**
	 * Run all measurements and write the report.
	 * @param args the options described on the class
	 * @throws Exception if a measurement fails
	 */
	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Environment environment = Environment.capture();
		Files.createDirectories(settings.out());

		logger.info("STS calls: concurrent first requests of one tenant");
		StsCallsHarness.FirstRequests first = StsCallsHarness.concurrentFirstRequests(64, 5, Duration.ofMillis(100));
		logger.info("STS calls: steady state, " + settings.steadyHours() + " simulated hours at scale "
				+ settings.steadyScale());
		StsCallsHarness.SteadyState steady = StsCallsHarness.steadyState(settings.steadyScale(), settings.steadyHours(),
				16, 4, Duration.ofMillis(1), Duration.ofMillis(20));
		logger.info("Heap per cached tenant");
		List<TenantHeapHarness.Result> heap = settings.quick() ? TenantHeapHarness.measure(1_000, 10_000)
				: TenantHeapHarness.measure(1_000, 10_000, 100_000);

		logger.info("JMH benchmarks");
		Path json = settings.out().resolve("jmh-results.json");
		ChainedOptionsBuilder options = new OptionsBuilder()
			.include("^" + BenchmarkMain.class.getPackageName().replace(".", "\\.") + "\\.[A-Za-z]+Benchmarks\\.")
			.jvmArgsAppend(JVM_ARGS.toArray(new String[0]))
			.shouldFailOnError(true)
			.result(json.toString())
			.resultFormat(ResultFormatType.JSON);
		if (settings.quick()) {
			options.forks(1)
				.warmupIterations(Alternation.PERIOD)
				.warmupTime(TimeValue.milliseconds(100))
				.measurementIterations(Alternation.PERIOD)
				.measurementTime(TimeValue.milliseconds(100));
		}
		Collection<RunResult> results = new Runner(options.build()).run();

		Map<String, BenchmarkReport.Score> scores = new LinkedHashMap<>();
		Map<String, PairedResult> paired = new LinkedHashMap<>();
		Map<String, String> jmhSettings = new TreeMap<>();
		for (RunResult result : results) {
			BenchmarkParams params = result.getParams();
			String name = params.getBenchmark().substring(BenchmarkMain.class.getPackageName().length() + 1);
			if (Comparison.ALL.stream().anyMatch((comparison) -> comparison.benchmark().equals(name))) {
				paired.put(name, paired(result));
			}
			String benchmarkClass = params.getBenchmark().substring(0, params.getBenchmark().lastIndexOf('.'));
			String description = describe(params);
			String classSettings = jmhSettings.putIfAbsent(benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1),
					description);
			if (classSettings != null && !classSettings.equals(description)) {
				// A benchmark method with settings of its own
				jmhSettings.put(name, description);
			}
			Result<?> primary = result.getPrimaryResult();
			String benchmark = result.getParams().getBenchmark();
			StringBuilder shortName = new StringBuilder(
					benchmark.substring(BenchmarkMain.class.getPackageName().length() + 1));
			for (String key : result.getParams().getParamsKeys()) {
				shortName.append('[').append(key).append('=').append(result.getParams().getParam(key)).append(']');
			}
			scores.put(shortName.toString(), new BenchmarkReport.Score(primary.getScore(), primary.getScoreError(),
					primary.getScoreUnit(), primary.getSampleCount()));
			// A group's methods run side by side; JMH reports each as a secondary result named after the method.
			String className = benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
			result.getSecondaryResults().forEach((label, secondary) -> {
				if (Character.isJavaIdentifierStart(label.charAt(0))
						&& label.chars().allMatch(Character::isJavaIdentifierPart)) {
					scores.put(className + "." + label, new BenchmarkReport.Score(secondary.getScore(),
							secondary.getScoreError(), secondary.getScoreUnit(), secondary.getSampleCount()));
				}
			});
		}
		String jmhTable = jmhTable(results);
		String command = COMMAND + (args.length > 0 ? " " + String.join(" ", args) : "");
		String markdown = new BenchmarkReport(new BenchmarkReport.Inputs(environment, Environment.currentLoadAverage(),
				command, jmhSettings, settings.quick(), scores, paired, jmhTable, heap, first, steady))
			.markdown();
		Files.writeString(settings.out().resolve("jmh-table.txt"), jmhTable);
		Path report = settings.out().resolve("results.md");
		Files.writeString(report, markdown);
		logger.info("Wrote " + report + " and " + json);
		if (settings.doc() != null) {
			updateDocument(settings.doc(), markdown);
			logger.info("Updated the results section of " + settings.doc());
		}
	}

	/**
	 * The measurement iterations of an alternating benchmark, per fork, in order.
	 */
	static PairedResult paired(RunResult result) {
		if (result.getParams().getWarmup().getCount() % Alternation.PERIOD != 0) {
			throw new IllegalStateException(String.format("'%s' alternates its variants with a period of %d "
					+ "iterations; its warm-up iterations must be a multiple of it, not %d.",
					result.getParams().getBenchmark(), Alternation.PERIOD, result.getParams().getWarmup().getCount()));
		}
		List<List<Double>> forks = new ArrayList<>();
		for (BenchmarkResult fork : result.getBenchmarkResults()) {
			List<Double> scores = new ArrayList<>();
			for (IterationResult iteration : fork.getIterationResults()) {
				scores.add(iteration.getPrimaryResult().getScore());
			}
			forks.add(scores);
		}
		return PairedResult.of(forks, result.getPrimaryResult().getScoreUnit());
	}

	private static String describe(BenchmarkParams params) {
		String mode = switch (params.getMode()) {
			case AverageTime -> "average time per operation";
			case Throughput -> "throughput";
			default -> params.getMode().longLabel();
		};
		String threads = (params.getThreads() == 1) ? "1 thread" : params.getThreads() + " threads";
		return String.format("%d fork(s), %d warm-up iterations × %s, %d measurement iterations × %s, %s, %s",
				params.getForks(), params.getWarmup().getCount(), params.getWarmup().getTime(),
				params.getMeasurement().getCount(), params.getMeasurement().getTime(), threads, mode);
	}

	private static String jmhTable(Collection<RunResult> results) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			ResultFormatFactory.getInstance(ResultFormatType.TEXT, out).writeOut(results);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Replace the text between {@link #BEGIN_MARKER} and {@link #END_MARKER} in a Markdown file.
	 */
	static void updateDocument(Path document, String markdown) throws IOException {
		String text = Files.readString(document);
		int begin = text.indexOf(BEGIN_MARKER);
		int end = text.indexOf(END_MARKER);
		if (begin < 0 || end < begin) {
			throw new IllegalArgumentException(String.format("'%s' has no section between '%s' and '%s' to replace; "
					+ "add both markers where the results belong.", document, BEGIN_MARKER, END_MARKER));
		}
		Files.writeString(document, text.substring(0, begin + BEGIN_MARKER.length()) + "\n" + markdown + "\n"
				+ text.substring(end));
	}

	/**
	 * The run's settings.
	 * @param out the output directory
	 * @param doc the Markdown document to update, if any
	 * @param quick whether this is a smoke run
	 */
	record Settings(Path out, @org.jspecify.annotations.Nullable Path doc, boolean quick) {

		static Settings parse(String[] args) {
			Path out = Files.isDirectory(Path.of("tenancy-benchmarks")) ? Path.of("tenancy-benchmarks", "target",
					"benchmark-results") : Path.of("benchmark-results");
			Path doc = null;
			boolean quick = false;
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--out" -> out = Path.of(value(args, ++i, "--out"));
					case "--doc" -> doc = Path.of(value(args, ++i, "--doc"));
					case "--quick" -> quick = true;
					default -> throw new IllegalArgumentException(String.format("Unknown option '%s'; use --out DIR, "
							+ "--doc FILE or --quick.", args[i]));
				}
			}
			return new Settings(out, doc, quick);
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length) {
				throw new IllegalArgumentException("Option '" + option + "' needs a value.");
			}
			return args[index];
		}

		long steadyScale() {
			return this.quick ? 360 : 180;
		}

		int steadyHours() {
			return 2;
		}

	}

}
