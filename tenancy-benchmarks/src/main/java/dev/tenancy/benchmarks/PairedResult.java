package dev.tenancy.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A baseline and a candidate measured alternately in one JMH run (see {@link Alternation}): each adjacent pair of
 * measurement iterations gives one ratio (candidate / baseline) and one difference, measured under the same machine
 * conditions. The ratio is the geometric mean of the pair ratios with a 95% Student-t interval on their logarithms;
 * the difference is the mean of the pair differences with a 95% Student-t interval.
 *
 * @param unit the unit of the scores, for example {@code ns/op}
 * @param pairs the number of pairs
 * @param baselineMean the mean baseline score
 * @param candidateMean the mean candidate score
 * @param ratio the geometric mean of the pair ratios
 * @param ratioLow the lower bound of the ratio's 95% interval
 * @param ratioHigh the upper bound of the ratio's 95% interval
 * @param difference the mean of the pair differences (candidate − baseline), in {@code unit}
 * @param differenceLow the lower bound of the difference's 95% interval
 * @param differenceHigh the upper bound of the difference's 95% interval
 * @author tenancy
 * @since 0.1
 */
record PairedResult(String unit, int pairs, double baselineMean, double candidateMean, double ratio, double ratioLow,
		double ratioHigh, double difference, double differenceLow, double differenceHigh) {

	/** A ratio interval reaching further than this from the ratio, relatively, is flagged as too wide. */
	static final double WIDE = 0.05;

	/** The confidence level of the intervals. */
	static final double CONFIDENCE = 0.95;

	/**
	 * @param forks the measurement iteration scores of each fork, in iteration order, each fork starting with a
	 * baseline iteration (A B B A …)
	 * @param unit the unit of the scores
	 * @return the paired result
	 * @throws IllegalArgumentException if there are fewer than two pairs
	 */
	static PairedResult of(List<List<Double>> forks, String unit) {
		List<Double> ratios = new ArrayList<>();
		List<Double> differences = new ArrayList<>();
		double baselineSum = 0;
		double candidateSum = 0;
		for (List<Double> scores : forks) {
			for (int i = 0; i + 1 < scores.size(); i += 2) {
				double first = scores.get(i);
				double second = scores.get(i + 1);
				boolean firstIsCandidate = Alternation.isCandidate(i);
				double baseline = firstIsCandidate ? second : first;
				double candidate = firstIsCandidate ? first : second;
				ratios.add(Math.log(candidate / baseline));
				differences.add(candidate - baseline);
				baselineSum += baseline;
				candidateSum += candidate;
			}
		}
		if (ratios.size() < 2) {
			throw new IllegalArgumentException("A paired comparison needs at least two pairs, not " + ratios.size());
		}
		int n = ratios.size();
		double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
		double logMean = mean(ratios);
		double logHalfWidth = t * standardDeviation(ratios, logMean) / Math.sqrt(n);
		double differenceMean = mean(differences);
		double differenceHalfWidth = t * standardDeviation(differences, differenceMean) / Math.sqrt(n);
		return new PairedResult(unit, n, baselineSum / n, candidateSum / n, Math.exp(logMean),
				Math.exp(logMean - logHalfWidth), Math.exp(logMean + logHalfWidth), differenceMean,
				differenceMean - differenceHalfWidth, differenceMean + differenceHalfWidth);
	}

	/**
	 * @return whether the ratio's interval reaches further than ±{@link #WIDE} from the ratio
	 */
	boolean wide() {
		return this.ratioHigh / this.ratio - 1 > WIDE || 1 - this.ratioLow / this.ratio > WIDE;
	}

	/**
	 * @param target the largest acceptable ratio
	 * @return met (the whole interval is within the target), not met (the whole interval is above it) or not shown
	 */
	Verdict ratioAgainst(double target) {
		return Verdict.of(this.ratioLow, this.ratioHigh, target);
	}

	/**
	 * @param targetMicros the largest acceptable difference, in microseconds
	 * @return the verdict of the difference against the target
	 */
	Verdict differenceAgainst(double targetMicros) {
		return Verdict.of(micros(this.differenceLow), micros(this.differenceHigh), targetMicros);
	}

	double micros(double value) {
		return switch (this.unit) {
			case "ns/op" -> value / 1_000;
			case "us/op" -> value;
			case "ms/op" -> value * 1_000;
			default -> throw new IllegalStateException("Unexpected JMH unit '" + this.unit + "'");
		};
	}

	private static double mean(List<Double> values) {
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		return sum / values.size();
	}

	private static double standardDeviation(List<Double> values, double mean) {
		double squares = 0;
		for (double value : values) {
			squares += (value - mean) * (value - mean);
		}
		return Math.sqrt(squares / (values.size() - 1));
	}

	/**
	 * A measured interval against an upper bound.
	 */
	enum Verdict {

		/** The whole interval is within the target. */
		MET("met"),

		/** The whole interval is above the target. */
		NOT_MET("**not met**"),

		/** The interval contains the target: the run cannot tell. */
		NOT_SHOWN("**not shown** (the interval contains the target)");

		private final String text;

		Verdict(String text) {
			this.text = text;
		}

		static Verdict of(double low, double high, double target) {
			if (high <= target) {
				return MET;
			}
			return (low > target) ? NOT_MET : NOT_SHOWN;
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
