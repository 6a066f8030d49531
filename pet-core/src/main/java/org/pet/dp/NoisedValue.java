package org.pet.dp;

/**
 * One value an aggregation releases with noise: how much one entry can add to it, and the sensitivities
 * and budget its noise is calibrated with. Constructing one checks that the value and its noise stay
 * finite (the rule stated on {@link AggregationParameters}), so aggregations build theirs when they are
 * built and bad parameters fail there rather than at release.
 *
 * @param name the value, for messages ("the sum")
 * @param entryBound how {@code entryMagnitude} is derived, for messages ("max(|lower|, |upper|)")
 * @param entryMagnitude B: the largest magnitude one entry adds to the un-noised value; finite, {@code > 0}
 * @param noise the mechanism
 * @param l0Sensitivity L0: how many such values one privacy unit affects
 * @param maxContributions Linf: how many entries one privacy unit adds to this value
 * @param epsilon the epsilon its noise spends
 * @param delta the delta its noise spends; null for pure mechanisms
 */
record NoisedValue(String name, String entryBound, double entryMagnitude, Noise noise, int l0Sensitivity,
    int maxContributions, double epsilon, Double delta) {

  /** The most entries an aggregation can hold: its counts are longs. */
  static final double MAX_ENTRIES = 0x1p63;
  /** How many noise standard deviations must fit beside the largest un-noised value. */
  static final double NOISE_HEADROOM = 0x1p64;

  /**
   * @throws IllegalArgumentException if the value, its sensitivities or its noise could overflow, or the
   *     noise rejects the parameters
   */
  NoisedValue {
    double lInf = maxContributions * entryMagnitude;
    if (!Double.isFinite(lInf)) {
      throw new IllegalArgumentException(name + ": the per-partition sensitivity `maxContributionsPerPartition` * "
          + entryBound + " must be finite, was " + maxContributions + " * " + entryMagnitude);
    }
    if (!Double.isFinite(l0Sensitivity * lInf)) {
      throw new IllegalArgumentException(name + ": the L1 sensitivity L0 * Linf * " + entryBound
          + " must be finite, was " + l0Sensitivity + " * " + lInf);
    }
    double variance;
    try {
      // Validates the parameters as the release will (grid, integer sensitivities) and warms the noise's cache.
      variance = noise.variance(l0Sensitivity, lInf, epsilon, delta);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(
          name + ": `noise` " + noise.getMechanismType() + " rejects its parameters: " + e.getMessage(), e);
    }
    if (!Double.isFinite(variance)) {
      throw new IllegalArgumentException(name + ": the noise variance for L0 = " + l0Sensitivity + ", Linf * "
          + entryBound + " = " + lInf + " and epsilon = " + epsilon
          + " must be finite (narrow the bounds, or raise epsilon), was " + variance);
    }
    double sigma = Math.sqrt(variance);
    double largest = MAX_ENTRIES * entryMagnitude + NOISE_HEADROOM * sigma;
    if (!Double.isFinite(largest)) {
      throw new IllegalArgumentException(name + ": 2^63 * " + entryBound + " + 2^64 noise standard deviations"
          + " must be finite (narrow the bounds, or raise epsilon), was " + largest + " with B = " + entryMagnitude
          + " and sigma = " + sigma);
    }
  }

  /** The per-partition sensitivity Linf * B. */
  double lInfSensitivity() {
    return maxContributions * entryMagnitude;
  }

  /** Returns {@code x} plus this value's noise. */
  double addNoise(double x) {
    return noise.addNoise(x, l0Sensitivity, lInfSensitivity(), epsilon, delta);
  }

  /** The noise's (1 - alpha) interval for the un-noised value, given the released {@code noised}. */
  ConfidenceInterval interval(double noised, double alpha) {
    return noise.computeConfidenceInterval(noised, l0Sensitivity, lInfSensitivity(), epsilon, delta, alpha);
  }
}
