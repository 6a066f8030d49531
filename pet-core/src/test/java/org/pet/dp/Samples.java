package org.pet.dp;

import java.util.function.DoubleSupplier;

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
}
