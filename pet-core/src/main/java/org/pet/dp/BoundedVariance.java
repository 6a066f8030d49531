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
 * <p><b>Exactness.</b> The count and sums are accumulated exactly: each value is rounded once to a
 * power-of-two unit fixed by the bounds and the units are summed as integers ({@link ExactSum}), so
 * floating-point rounding cannot push a sum past its sensitivity, and the result does not depend on the
 * order or on the entry path ({@link #addEntry(double)}, or the cheaper bulk {@link #addEntries(double[])}).
 *
 * <p>One-shot: {@link #computeResult()} releases once. Not thread-safe.
 */
public final class BoundedVariance extends MomentAggregation {

  private BoundedVariance(AggregationParameters parameters) {
    super(parameters, true);
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
    double count = Math.max(1, moments.noisyCount());
    double mean = Math.max(-h, Math.min(h, moments.noisySum() / count));
    double meanOfSquares = Math.max(0, Math.min(h * h, moments.noisySumOfSquares() / count + h * h / 2));
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
