package dev.tenancy.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The machine a run measured on, as {@code nproc}, {@code free -h} and {@code /proc/cpuinfo} would show it, and its
 * load. The machines these benchmarks run on are often shared: the load average tells how noisy a run was.
 *
 * @param started when the run started (UTC)
 * @param cpuModel the CPU model name
 * @param processors the processors available to the JVM ({@code nproc})
 * @param memoryBytes the machine's total memory
 * @param java the Java runtime
 * @param maxHeapBytes the harness JVM's maximum heap
 * @param loadAverage the load average (1, 5, 15 minutes) when captured
 * @author tenancy
 * @since 0.1
 */
record Environment(String started, String cpuModel, int processors, long memoryBytes, String java, long maxHeapBytes,
		String loadAverage) {

	static Environment capture() {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.format(Instant.now().atOffset(ZoneOffset.UTC));
		return new Environment(started, readCpuModel(), Runtime.getRuntime().availableProcessors(),
				os.getTotalMemorySize(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
						+ System.getProperty("java.vm.vendor") + ")",
				Runtime.getRuntime().maxMemory(), currentLoadAverage());
	}

	/**
	 * @return the load average (1, 5 and 15 minutes) now, from {@code /proc/loadavg}
	 */
	static String currentLoadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return String.format("%.2f (1 minute)",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	private static String readCpuModel() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			return lines.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(System.getProperty("os.arch"));
		}
		catch (IOException ex) {
			return System.getProperty("os.arch");
		}
	}

}
