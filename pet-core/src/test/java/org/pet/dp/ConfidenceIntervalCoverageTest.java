package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Empirical coverage of {@link Noise#computeConfidenceInterval}: over 100,000 draws the (1 - alpha)
 * interval must contain the true value in a fraction within +-1% of 1 - alpha. The binomial standard
 * error is at most 0.001, so the band is 10 standard errors wide on each side: a correct interval never
 * fails by chance, and an interval that is off by one lattice step on a fine grid still passes - the
 * parameters below keep the lattice fine (scale of 1000 units) for the integer mechanisms. The last cases
 * are the small-epsilon, many-partition corner, where the real-valued grid is set by Linf, not the scale.
 */
class ConfidenceIntervalCoverageTest {

  private static final int N = 100_000;

  static Stream<Arguments> mechanisms() {
    return Stream.of(
        Arguments.of(new LaplaceNoise(new SplittableRandom(51)), 1, 1.0, 1.0, null, 0.05),
        Arguments.of(new LaplaceNoise(new SplittableRandom(52)), 1, 1.0, 1.0, null, 0.2),
        Arguments.of(new GaussianNoise(new SplittableRandom(53)), 1, 1.0, 1.0, 1e-5, 0.05),
        Arguments.of(new GaussianNoise(new SplittableRandom(54)), 1, 1.0, 1.0, 1e-5, 0.2),
        Arguments.of(new DiscreteLaplaceNoise(new SplittableRandom(55)), 1, 1000.0, 1.0, null, 0.05),
        Arguments.of(new DiscreteGaussianNoise(new SplittableRandom(56)), 1, 1000.0, 1.0, 1e-5, 0.05),
        Arguments.of(new LaplaceNoise(new SplittableRandom(57)), 1000, 0.75, 1e-3, null, 0.05),
        Arguments.of(new GaussianNoise(new SplittableRandom(58)), 1000, 0.75, 1e-3, 1e-5, 0.05),
        Arguments.of(new GaussianNoise(new SplittableRandom(59)), 1, 0.75, 2e-3, 1e-5, 0.2));
  }

  @ParameterizedTest
  @MethodSource("mechanisms")
  void computeConfidenceInterval_empiricalCoverageWithinOnePercent(
      Noise noise, int l0, double lInf, double epsilon, Double delta, double alpha) {
    double truth = 500.0;
    int covered = 0;
    for (int i = 0; i < N; i++) {
      double noised = noise.addNoise(truth, l0, lInf, epsilon, delta);
      if (noise.computeConfidenceInterval(noised, l0, lInf, epsilon, delta, alpha).contains(truth)) {
        covered++;
      }
    }
    assertThat((double) covered / N).isCloseTo(1 - alpha, within(0.01));
  }
}
