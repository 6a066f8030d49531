package org.pet.dp;

import java.util.Objects;

/**
 * The validated parameters of an aggregation, as built by its builder: what utility prediction and
 * accounting need to know about it.
 *
 * <p><b>Representable releases.</b> Every builder ({@link Count}, {@link BoundedSum}, {@link BoundedMean},
 * {@link BoundedVariance}, {@link BoundedQuantiles}, {@link ApproximateBounds}, {@link DpHistogram})
 * rejects with an {@link IllegalArgumentException}, at build time, parameters for which a released value or
 * its noise could overflow to infinity. Bounded aggregations need {@code upper - lower} finite. Then, for
 * each value the aggregation noises - with B the largest magnitude one entry adds to it (1 for counts and
 * for the quantile tree's nodes; max(|lower|, |upper|) for a sum; the half-width h = (upper - lower) / 2
 * for the shifted sum of the mean and the variance, and h^2 / 2 for the variance's shifted sum of
 * squares), L0 the partitions it is released in (treeHeight * maxPartitionsContributed for quantiles) and
 * epsilon_v, delta_v its share of the budget - the builder requires:
 * <ol>
 *   <li>the per-partition sensitivity Linf * B and the L1 sensitivity L0 * Linf * B to be finite (so is
 *       the L2 sensitivity sqrt(L0) * Linf * B, which is no larger);</li>
 *   <li>the {@link Noise} to accept these parameters: its {@link Noise#variance variance} sigma^2 for
 *       them is computed, which runs the mechanism's own checks (its grid, integer sensitivities for
 *       integer noise, the largest scale it supports), and must be finite - so the noise scale (sigma is
 *       about sqrt(2) L1 / epsilon_v for Laplace noise, the calibrated sigma for Gaussian noise) is below
 *       about 10^154, and {@link org.pet.dp.utility.ErrorPrediction} can predict every buildable
 *       aggregation;</li>
 *   <li>2^63 * B + 2^64 * sigma to be finite: the exact un-noised value of up to 2^63 entries (the most
 *       a long count holds), plus noise of 2^64 standard deviations, cannot overflow. With the four
 *       built-in mechanisms a noised value then never reaches infinity (the snapped ones add a long times
 *       a grid step of at most sigma / 2^11; the integer ones saturate at the long range), and their own
 *       limits with 2. already imply 3.; for any other {@link Noise}, Chebyshev's inequality bounds the
 *       probability of exceeding the headroom by 2^-128.</li>
 * </ol>
 * Rejecting at build time is preferred to clamping the released value, which would silently change its
 * error distribution and the intervals computed from it. The limits are far from practical data: with
 * L0 = Linf = 1 and epsilon = 1, a sum accepts bounds up to about 10^153 in magnitude and a variance a
 * half-width up to about 10^76.
 *
 * @param epsilon the aggregation's whole epsilon (split internally where it releases several noisy values)
 * @param delta the aggregation's whole delta; 0 for pure mechanisms
 * @param noise the mechanism noise is drawn from
 * @param maxPartitionsContributed L0: partitions (aggregations) one privacy unit may contribute to
 * @param maxContributionsPerPartition Linf: entries one privacy unit may add to this aggregation
 * @param lower lowest value after clamping, or NaN for unbounded aggregations (Count)
 * @param upper highest value after clamping, or NaN for unbounded aggregations
 */
public record AggregationParameters(double epsilon, double delta, Noise noise, int maxPartitionsContributed,
    int maxContributionsPerPartition, double lower, double upper) {

  /** Construct through an aggregation's builder, which validates. */
  public AggregationParameters {
    Objects.requireNonNull(noise, "noise");
  }

  /** Whether values are clamped to [lower, upper]. */
  public boolean bounded() {
    return !Double.isNaN(lower);
  }

  double clamp(double value) {
    return Math.max(lower, Math.min(upper, value));
  }

  /** The midpoint of [lower, upper]. */
  public double midpoint() {
    return lower + (upper - lower) / 2;
  }

  /** The largest magnitude a clamped value can have. */
  public double maxMagnitude() {
    return Math.max(Math.abs(lower), Math.abs(upper));
  }

  /** The half-width h = (upper - lower) / 2 of [lower, upper]. */
  double halfWidth() {
    return (upper - lower) / 2;
  }

  /**
   * The value noised with {@code share} of epsilon and delta across {@code maxPartitionsContributed}
   * partitions, one entry adding at most {@code entryMagnitude} to it.
   *
   * @throws IllegalArgumentException if it or its noise could overflow (see the class documentation)
   */
  NoisedValue noisedValue(String name, String entryBound, double entryMagnitude, double share) {
    return noisedValue(name, entryBound, entryMagnitude, maxPartitionsContributed, share);
  }

  /** As {@link #noisedValue(String, String, double, double)}, released in {@code l0} partitions. */
  NoisedValue noisedValue(String name, String entryBound, double entryMagnitude, int l0, double share) {
    return new NoisedValue(name, entryBound, entryMagnitude, noise, l0, maxContributionsPerPartition,
        epsilon * share, deltaShare(share));
  }

  /**
   * Rejects integer-only noise when the aggregation noises non-integer values.
   *
   * @throws IllegalArgumentException if the noise is a discrete mechanism and {@code integerValued} is false
   */
  AggregationParameters requireNoiseFor(boolean integerValued, String aggregation) {
    MechanismType type = noise.getMechanismType();
    boolean discrete = type == MechanismType.DISCRETE_LAPLACE || type == MechanismType.DISCRETE_GAUSSIAN;
    if (discrete && !integerValued) {
      throw new IllegalArgumentException("`noise` " + type + " adds integer noise, but " + aggregation
          + " noises non-integer values: use LaplaceNoise or GaussianNoise");
    }
    return this;
  }

  /** The delta argument for the noise: null for pure mechanisms, else the given share of delta. */
  public Double deltaShare(double share) {
    return noise.isPure() ? null : delta * share;
  }
}
