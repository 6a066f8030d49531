package org.pet.dp;

/**
 * A differentially private (population) variance of values clamped to [lower, upper].
 *
 * <p><b>Algorithm and guarantee.</b> A third of epsilon (and delta) each releases a noisy count n'
 * (sensitivity Linf), a noisy sum of y = x - m (sensitivity Linf * h) and a noisy sum of y^2 - h^2/2
 * (sensitivity Linf * h^2 / 2), with m the midpoint and h the half-width of [lower, upper]. With N =
 * max(1, n'), mean_y = clamp(S1' / N, -h, h) and meanSq_y = clamp(S2' / N + h^2/2, 0, h^2), the result is
 * meanSq_y - mean_y^2 clamped to [0, h^2] = [0, (upper - lower)^2 / 4]. By basic composition this is
 * (epsilon, delta)-DP under the usual contribution bounds (see {@link BoundedMean}). NaN entries are
 * ignored. Bounds for which a noised value could overflow (the sum of squares grows with h^2) are rejected
 * at build (see {@link AggregationParameters}).
 *
 * <p>One-shot: {@link #computeResult()} releases once. Not thread-safe.
 */
public final class BoundedVariance extends MomentAggregation {

  private static final double THIRD = 1.0 / 3;

  private BoundedVariance(AggregationParameters parameters) {
    super(parameters, true);
    // Checks, at build, the three values NormalizedMoments noises, each with a third of the budget.
    double h = parameters.halfWidth();
    parameters.noisedValue("the variance's count", "1", 1, THIRD);
    parameters.noisedValue("the variance's shifted sum", "(upper - lower) / 2", h, THIRD);
    parameters.noisedValue("the variance's shifted sum of squares", "h^2 / 2", h * h / 2, THIRD);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Releases the noisy variance, within [0, (upper - lower)^2 / 4].
   *
   * @throws IllegalStateException if a result was released or a summary serialized already
   */
  public double computeResult() {
    release();
    double h = moments.halfWidth();
    double count = Math.max(1, moments.noisyCount(THIRD));
    double mean = Math.max(-h, Math.min(h, moments.noisySum(THIRD) / count));
    double meanOfSquares = Math.max(0, Math.min(h * h, moments.noisySumOfSquares(THIRD) / count + h * h / 2));
    return Math.max(0, Math.min(h * h, meanOfSquares - mean * mean));
  }

  @Override
  String type() {
    return "BoundedVariance";
  }

  /** Builder for {@link BoundedVariance}: epsilon, lower and upper are required. */
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
    public BoundedVariance build() {
      return new BoundedVariance(parameters(true).requireNoiseFor(false, "BoundedVariance"));
    }
  }
}
