package org.pet.dp;

/**
 * A differentially private mean of values clamped to [lower, upper].
 *
 * <p><b>Algorithm and guarantee.</b> Half of epsilon (and delta) releases a noisy count n' (sensitivity
 * Linf), the other half a noisy sum S' of the values shifted to the midpoint m (sensitivity Linf * h, h =
 * (upper - lower) / 2); the result is m + S' / max(1, n'), clamped to [lower, upper]. By basic composition
 * this is (epsilon, delta)-DP for neighbouring datasets differing in one privacy unit that adds at most
 * {@code maxContributionsPerPartition} entries here and contributes to at most
 * {@code maxPartitionsContributed} partitions. NaN entries are ignored.
 *
 * <p><b>Exactness.</b> The count and sums are accumulated exactly: each value is rounded once to a
 * power-of-two unit fixed by the bounds and the units are summed as integers ({@link ExactSum}), so
 * floating-point rounding cannot push a sum past its sensitivity, and the result does not depend on the
 * order or on the entry path ({@link #addEntry(double)}, or the cheaper bulk {@link #addEntries(double[])}).
 *
 * <p>One-shot: {@link #computeResult()} releases once. Not thread-safe.
 */
public final class BoundedMean extends MomentAggregation {


  private BoundedMean(AggregationParameters parameters) {
    super(parameters, false);
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

    /** @throws IllegalArgumentException if a required parameter is missing or inconsistent */
    public BoundedMean build() {
      return new BoundedMean(parameters(true).requireNoiseFor(false, "BoundedMean"));
    }
  }
}
