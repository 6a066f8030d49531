package org.pet.dp;

import java.util.Objects;

/**
 * The validated parameters of an aggregation, as built by its builder: what utility prediction and
 * accounting need to know about it.
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
