package org.pet.dp;

/**
 * A differentially private sum of values clamped to [lower, upper].
 *
 * <p><b>Guarantee.</b> (epsilon, delta)-DP for neighbouring datasets that differ in one privacy unit,
 * provided each unit adds at most {@code maxContributionsPerPartition} entries here and contributes to at
 * most {@code maxPartitionsContributed} sums released with the same parameters: the per-partition
 * sensitivity is Linf = maxContributionsPerPartition * max(|lower|, |upper|). Values are clamped to the
 * bounds; NaN entries are ignored. The sum is accumulated exactly ({@link ExactSum}): each value is rounded
 * once to a multiple of a power of two fixed by the bounds and the multiples are summed as integers, so
 * floating-point rounding cannot push it past its sensitivity, and the result does not depend on the
 * order or on the entry path ({@link #addEntry(double)}, or the cheaper bulk {@link #addEntries(double[])}).
 * With integer noise ({@link DiscreteLaplaceNoise}, {@link DiscreteGaussianNoise}) the bounds must be
 * integers (checked at build) and so must the values. Bounds so large that the sum of 2^63 entries, or its
 * noise, could overflow are rejected at build (see {@link AggregationParameters}).
 *
 * <p>One-shot: {@link #computeResult()} releases once. Not thread-safe.
 */
public final class BoundedSum extends SummingAggregation {

  private final ClampedSum sum;
  private final NoisedValue noisedSum;
  private double noised;

  private BoundedSum(AggregationParameters parameters) {
    this(parameters, new ClampedSum(parameters));
  }

  private BoundedSum(AggregationParameters parameters, ClampedSum sum) {
    super(parameters, sum);
    this.noisedSum = parameters.noisedValue("the sum", "max(|lower|, |upper|)", parameters.maxMagnitude(), 1);
    this.sum = sum;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Releases the noisy sum.
   *
   * @throws IllegalStateException if a result was released or a summary serialized already
   */
  public double computeResult() {
    release();
    noised = noisedSum.addNoise(sum.value());
    return noised;
  }

  /**
   * Returns an interval containing the true (clamped) sum with probability at least 1 - alpha: the noise's
   * own (1 - alpha) interval around the released sum (per-partition sensitivity Linf * max(|lower|,
   * |upper|)), with both bounds moved to {@code >= 0} when {@code lower >= 0} and to {@code <= 0} when
   * {@code upper <= 0}, where the true sum must lie; this keeps the coverage and never crosses the bounds.
   *
   * @throws IllegalStateException before {@link #computeResult()}
   * @throws IllegalArgumentException if alpha is not in (0, 1)
   */
  public ConfidenceInterval computeConfidenceInterval(double alpha) {
    requireReleased("a confidence interval");
    return noisedSum.interval(noised, alpha).clampedTo(parameters.lower() >= 0 ? 0 : Double.NEGATIVE_INFINITY,
        parameters.upper() <= 0 ? 0 : Double.POSITIVE_INFINITY);
  }

  @Override
  String type() {
    return "BoundedSum";
  }

  @Override
  long[] longState() {
    return new long[] {sum.high(), sum.low()};
  }

  @Override
  void mergeState(long[] longs, double[] doubles) {
    sum.merge(longs[0], longs[1]);
  }

  /** Builder for {@link BoundedSum}: epsilon, lower and upper are required. */
  public static final class Builder extends AggregationBuilder.Bounded<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * @throws IllegalArgumentException if a required parameter is missing or inconsistent, or the sum or
     *     its noise could overflow (see {@link AggregationParameters})
     */
    public BoundedSum build() {
      AggregationParameters parameters = parameters(true);
      boolean integerBounds = parameters.lower() == Math.rint(parameters.lower())
          && parameters.upper() == Math.rint(parameters.upper());
      return new BoundedSum(parameters.requireNoiseFor(integerBounds, "a BoundedSum with non-integer bounds"));
    }
  }
}
