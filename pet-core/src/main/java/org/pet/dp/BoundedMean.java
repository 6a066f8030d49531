package org.pet.dp;

/**
 * A differentially private mean of values clamped to [lower, upper].
 *
 * <p><b>Algorithm and guarantee.</b> Half of epsilon (and delta) releases a noisy count n' (sensitivity
 * Linf), the other half a noisy sum S' of the values shifted to the midpoint m (sensitivity Linf * h, h =
 * (upper - lower) / 2); the result is m + S' / max(1, n'), clamped to [lower, upper]. By basic composition
 * this is (epsilon, delta)-DP for neighbouring datasets differing in one privacy unit that adds at most
 * {@code maxContributionsPerPartition} entries here and contributes to at most
 * {@code maxPartitionsContributed} partitions. NaN entries are ignored. Bounds whose width, or whose
 * shifted sum or its noise, could overflow are rejected at build (see {@link AggregationParameters}).
 *
 * <p>One-shot: {@link #computeResult()} releases once. Not thread-safe.
 */
public final class BoundedMean extends MomentAggregation {


  private BoundedMean(AggregationParameters parameters) {
    super(parameters, false);
    // Checks, at build, the two values NormalizedMoments noises, each with half of the budget.
    parameters.noisedValue("the mean's count", "1", 1, 0.5);
    parameters.noisedValue("the mean's shifted sum", "(upper - lower) / 2", parameters.halfWidth(), 0.5);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Releases the noisy mean, within [lower, upper].
   *
   * @throws IllegalStateException if a result was released or a summary serialized already
   */
  public double computeResult() {
    release();
    double count = Math.max(1, moments.noisyCount(0.5));
    double mean = parameters.midpoint() + moments.noisySum(0.5) / count;
    return Math.max(parameters.lower(), Math.min(parameters.upper(), mean));
  }

  @Override
  String type() {
    return "BoundedMean";
  }

  /** Builder for {@link BoundedMean}: epsilon, lower and upper are required. */
  public static final class Builder extends AggregationBuilder.Bounded<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * @throws IllegalArgumentException if a required parameter is missing or inconsistent, or a noised
     *     value could overflow (see {@link AggregationParameters})
     */
    public BoundedMean build() {
      return new BoundedMean(parameters(true).requireNoiseFor(false, "BoundedMean"));
    }
  }
}
