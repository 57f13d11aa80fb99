package dev.tenancy.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Iterations alternate A B B A …; each adjacent pair gives one ratio and one difference, with Student-t intervals.
 */
class PairedResultTests {

	@Test
	void iterationsAlternateAbba() {
		assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7).stream().map(Alternation::isCandidate))
			.containsExactly(false, true, true, false, false, true, true, false);
	}

	@Test
	void theAlternationStateAdvancesOncePerIteration() {
		Alternation alternation = new Alternation();
		alternation.next();
		assertThat(alternation.candidate()).isFalse();
		alternation.next();
		assertThat(alternation.candidate()).isTrue();
		alternation.next();
		assertThat(alternation.candidate()).isTrue();
		alternation.next();
		assertThat(alternation.candidate()).isFalse();
	}

	@Test
	void pairsTheVariantsWhateverOrderTheyRanIn() {
		// A=100 B=110 | B=110 A=100 | A=100 B=110 | B=110 A=100: every pair says 1.10× and +10.
		PairedResult result = PairedResult.of(List.of(List.of(100.0, 110.0, 110.0, 100.0, 100.0, 110.0, 110.0, 100.0)),
				"ns/op");

		assertThat(result.pairs()).isEqualTo(4);
		assertThat(result.baselineMean()).isEqualTo(100.0);
		assertThat(result.candidateMean()).isEqualTo(110.0);
		assertThat(result.ratio()).isCloseTo(1.10, within(1e-12));
		assertThat(result.ratioLow()).isCloseTo(1.10, within(1e-12));
		assertThat(result.ratioHigh()).isCloseTo(1.10, within(1e-12));
		assertThat(result.difference()).isCloseTo(10.0, within(1e-12));
		assertThat(result.micros(result.difference())).isCloseTo(0.01, within(1e-12));
		assertThat(result.wide()).isFalse();
	}

	@Test
	void aCommonDriftCancelsOutWithinPairs() {
		// The machine slows down 4× during the run; within each pair both variants see the same conditions.
		PairedResult result = PairedResult.of(List.of(List.of(100.0, 105.0, 210.0, 200.0, 300.0, 315.0, 420.0, 400.0)),
				"ns/op");

		assertThat(result.ratio()).isCloseTo(1.05, within(1e-12));
		assertThat(result.ratioHigh() - result.ratioLow()).isCloseTo(0.0, within(1e-12));
	}

	@Test
	void theIntervalIsTheStudentTIntervalOfTheLogRatios() {
		// Pair ratios 1.0 and 1.2 (one fork each): log mean m, sd s, n = 2, t(0.975, 1) = 12.706.
		PairedResult result = PairedResult.of(List.of(List.of(100.0, 100.0), List.of(100.0, 120.0)), "us/op");
		double m = Math.log(1.2) / 2;
		double s = Math.abs(Math.log(1.2)) / Math.sqrt(2);
		double half = 12.706204736 * s / Math.sqrt(2);

		assertThat(result.ratio()).isCloseTo(Math.exp(m), within(1e-9));
		assertThat(result.ratioLow()).isCloseTo(Math.exp(m - half), within(1e-6));
		assertThat(result.ratioHigh()).isCloseTo(Math.exp(m + half), within(1e-6));
		assertThat(result.wide()).isTrue();
		assertThat(result.differenceLow()).isLessThan(0);
		assertThat(result.differenceHigh()).isGreaterThan(20);
	}

	@Test
	void verdictsNeedTheWholeInterval() {
		assertThat(PairedResult.Verdict.of(1.00, 1.02, 1.03)).isEqualTo(PairedResult.Verdict.MET);
		assertThat(PairedResult.Verdict.of(1.04, 1.06, 1.03)).isEqualTo(PairedResult.Verdict.NOT_MET);
		assertThat(PairedResult.Verdict.of(1.01, 1.05, 1.03)).isEqualTo(PairedResult.Verdict.NOT_SHOWN);
	}

	@Test
	void needsTwoPairs() {
		assertThatIllegalArgumentException().isThrownBy(() -> PairedResult.of(List.of(List.of(1.0, 2.0, 3.0)), "ns/op"))
			.withMessage("A paired comparison needs at least two pairs, not 1");
	}

}
