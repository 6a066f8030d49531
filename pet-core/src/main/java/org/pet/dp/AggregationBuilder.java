package org.pet.dp;

/**
 * The setters every aggregation builder shares. Each setter validates its argument at once;
 * {@link #parameters()} checks the required ones and their consistency.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class AggregationBuilder<B extends AggregationBuilder<B>> {

  private double epsilon = Double.NaN;
  private double delta;
  private Noise noise;
  private int maxPartitionsContributed = 1;
  private int maxContributionsPerPartition = 1;
  double lower = Double.NaN;
  double upper = Double.NaN;

  abstract B self();

  /** The aggregation's privacy budget epsilon; required, finite and {@code > 0}. */
  public B epsilon(double epsilon) {
    this.epsilon = DpChecks.checkEpsilon(epsilon);
    return self();
  }

  /** The aggregation's delta; default 0, which pure mechanisms require; in (0, 1) for Gaussian noise. */
  public B delta(double delta) {
    if (!(delta >= 0 && delta < 1)) {
      throw DpChecks.invalid("delta", "in [0, 1)", delta);
    }
    this.delta = delta;
    return self();
  }

  /** The noise mechanism; default {@link LaplaceNoise} with secure randomness. */
  public B noise(Noise noise) {
    this.noise = java.util.Objects.requireNonNull(noise, "noise");
    return self();
  }

  /** L0: how many partitions (aggregations) one privacy unit may contribute to; default 1. */
  public B maxPartitionsContributed(int maxPartitionsContributed) {
    this.maxPartitionsContributed = DpChecks.checkL0(maxPartitionsContributed);
    return self();
  }

  /** Linf: how many entries one privacy unit may add to this aggregation; default 1. */
  public B maxContributionsPerPartition(int maxContributionsPerPartition) {
    this.maxContributionsPerPartition =
        (int) DpChecks.checkAtLeastOne("maxContributionsPerPartition", maxContributionsPerPartition);
    return self();
  }

  /**
   * Validates and returns the parameters; {@code bounded} aggregations need lower < upper with
   * {@code upper - lower} finite. The aggregation then checks that its noised values are representable
   * (see {@link AggregationParameters}).
   */
  AggregationParameters parameters(boolean bounded) {
    if (Double.isNaN(epsilon)) {
      throw new IllegalArgumentException("`epsilon` must be set");
    }
    Noise chosen = noise == null ? new LaplaceNoise() : noise;
    if (chosen.isPure() && delta != 0) {
      throw new IllegalArgumentException("`delta` must be 0 with " + chosen.getMechanismType() + " noise, was " + delta);
    }
    if (!chosen.isPure() && delta == 0) {
      throw new IllegalArgumentException("`delta` must be in (0, 1) with " + chosen.getMechanismType() + " noise, was 0");
    }
    if (bounded) {
      if (Double.isNaN(lower) || Double.isNaN(upper)) {
        throw new IllegalArgumentException("`lower` and `upper` must be set");
      }
      if (!(lower < upper)) {
        throw new IllegalArgumentException("`lower` must be < `upper`, was [" + lower + ", " + upper + "]");
      }
      if (Double.isInfinite(upper - lower)) {
        throw new IllegalArgumentException(
            "`upper` - `lower` must be finite, was [" + lower + ", " + upper + "]");
      }
    }
    return new AggregationParameters(epsilon, delta, chosen, maxPartitionsContributed,
        maxContributionsPerPartition, bounded ? lower : Double.NaN, bounded ? upper : Double.NaN);
  }

  /** Setters for the clamping bounds of bounded aggregations. */
  abstract static class Bounded<B extends Bounded<B>> extends AggregationBuilder<B> {

    /** The lowest value; entries below are clamped up to it. Finite; required. */
    public B lower(double lower) {
      this.lower = DpChecks.checkFinite("lower", lower);
      return self();
    }

    /**
     * The highest value; entries above are clamped down to it. Finite and {@code > lower}, with
     * {@code upper - lower} finite; required.
     */
    public B upper(double upper) {
      this.upper = DpChecks.checkFinite("upper", upper);
      return self();
    }
  }
}
