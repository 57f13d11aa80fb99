package dev.tenancy.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Which variant of a compared pair the current JMH iteration measures. A compared benchmark method takes this state
 * and runs the baseline or the candidate; its iterations alternate A B B A A B B A … (warm-up included), so each
 * adjacent pair of measurement iterations measures both variants, one right after the other, single-threaded, and
 * neither always goes first. {@link PairedResult} turns the iteration scores into the ratio and its confidence
 * interval. Warm-up counts are multiples of {@value #PERIOD} so that measurement starts on an A B pair.
 *
 * @author tenancy
 * @since 0.1
 */
@State(Scope.Benchmark)
public class Alternation {

	/** The period of the A B B A pattern. */
	static final int PERIOD = 4;

	private int iteration = -1;

	/**
	 * Advance to the next iteration (JMH calls this before each warm-up and measurement iteration).
	 */
	@Setup(Level.Iteration)
	public void next() {
		this.iteration++;
	}

	/**
	 * @return whether this iteration measures the candidate (else the baseline)
	 */
	public boolean candidate() {
		return isCandidate(this.iteration);
	}

	/**
	 * @param iteration the 0-based iteration index, counted from the first warm-up iteration
	 * @return whether that iteration measures the candidate: A B B A A B B A …
	 */
	static boolean isCandidate(int iteration) {
		return ((iteration + 1) / 2) % 2 == 1;
	}

}
