package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.LongToDoubleFunction;

/** Draws n samples and reports their mean and (unbiased) variance. */
record Samples(double mean, double variance, int count) {

  static Samples of(int n, DoubleSupplier draw) {
    double mean = 0;
    double m2 = 0;
    for (int i = 1; i <= n; i++) {
      double x = draw.getAsDouble();
      double d = x - mean;
      mean += d / i;
      m2 += d * (x - mean);
    }
    return new Samples(mean, m2 / (n - 1), n);
  }

  /** Tolerance in standard errors: a two-sided false alarm about once in 150,000 runs per check. */
  static final double STANDARD_ERRORS = 4.5;

  /**
   * Asserts that the samples come from a distribution with mean 0 and the given variance, each within
   * {@link #STANDARD_ERRORS} standard errors.
   *
   * @param kurtosisBound an upper bound on the distribution's kurtosis (3 Gaussian, 6 Laplace)
   */
  void assertCentredWithVariance(double variance, double kurtosisBound) {
    assertCentredWithVariance(variance, kurtosisBound, 0);
  }

  /** As above, with an extra relative allowance on the variance for a known, bounded model error. */
  void assertCentredWithVariance(double variance, double kurtosisBound, double relativeSlack) {
    assertThat(mean).as("mean").isCloseTo(0, within(STANDARD_ERRORS * meanStandardError(variance)));
    assertThat(this.variance).as("variance").isCloseTo(variance, within(
        STANDARD_ERRORS * varianceStandardError(variance, kurtosisBound) + relativeSlack * variance));
  }

  /** Standard error of the mean for a distribution with the given variance. */
  double meanStandardError(double trueVariance) {
    return Math.sqrt(trueVariance / count);
  }

  /**
   * Standard error of the sample variance, sqrt((kurtosis - 1) / n) * variance, for a distribution whose
   * kurtosis (fourth standardised moment) is at most {@code kurtosis}.
   */
  double varianceStandardError(double trueVariance, double kurtosis) {
    return Math.sqrt((kurtosis - 1) / count) * trueVariance;
  }

  /**
   * Draws n integers and asserts that the count of each value in [-radius, radius] is within 5 binomial
   * standard deviations (+1) of n * pmf(value): a false alarm below 6e-7 per value.
   */
  static void assertFrequenciesMatch(int n, LongSupplier sampler, LongToDoubleFunction pmf, int radius) {
    int[] counts = new int[2 * radius + 1];
    for (int i = 0; i < n; i++) {
      long z = sampler.getAsLong();
      if (Math.abs(z) <= radius) {
        counts[(int) z + radius]++;
      }
    }
    for (int z = -radius; z <= radius; z++) {
      double expected = n * pmf.applyAsDouble(z);
      assertThat((double) counts[z + radius]).as("count of %d", z)
          .isCloseTo(expected, within(5 * Math.sqrt(expected) + 1));
    }
  }
}
