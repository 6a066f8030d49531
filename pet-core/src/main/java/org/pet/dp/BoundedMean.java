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
 * <p>{@link #computeConfidenceInterval(double)} bounds the true mean from the same two noisy values, at no
 * further privacy cost. {@link org.pet.dp.utility.ErrorPrediction#boundedMean} predicts the typical error
 * before the release; the interval is a guarantee and is wider.
 *
 * <p><b>Exactness.</b> The count and sums are accumulated exactly: each value is rounded once to a
 * power-of-two unit fixed by the bounds and the units are summed as integers ({@link ExactSum}), so
 * floating-point rounding cannot push a sum past its sensitivity, and the result does not depend on the
 * order or on the entry path ({@link #addEntry(double)}, or the cheaper bulk {@link #addEntries(double[])}).
 *
 * <p>One-shot: {@link #computeResult()} releases once. Not thread-safe.
 */
public final class BoundedMean extends MomentAggregation {

  /**
   * Covers the accumulation's rounding: each shifted value is rounded to a multiple of at most 2^-40 h
   * ({@link ExactSum}) and converted to a double with error at most 2^-53 h, so the mean the noise
   * protects is within 2^-39 h of the true mean.
   */
  private static final double ACCUMULATION_SLACK = 0x1p-39;

  private double noisyCount;
  private double noisySum;

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
    noisyCount = moments.noisyCount();
    noisySum = moments.noisySum();
    double mean = parameters.midpoint() + noisySum / Math.max(1, noisyCount);
    return Math.max(parameters.lower(), Math.min(parameters.upper(), mean));
  }

  /**
   * Returns an interval containing the true mean of the clamped entries with probability at least
   * 1 - alpha, when there is at least one entry. It always contains the released mean.
   *
   * <p><b>Method.</b> alpha is split between the two released values: the noise's (1 - alpha/2) interval
   * for the count, with both ends raised to at least 1, gives [nLo, nHi], and its (1 - alpha/2) interval
   * for the shifted sum gives [sLo, sHi]. When both contain their true values (the count n >= 1 and the
   * shifted sum S), the true mean m + S / n lies between the smallest and the largest of the four corners
   * s / n (s in {sLo, sHi}, n in {nLo, nHi}), since s / n is monotone in each argument for n > 0. The
   * result is m plus that range, widened by 2^-39 h for the accumulation's rounding and by an ulp for the
   * final addition, then moved into [lower, upper]. By the union bound both intervals hold with
   * probability at least 1 - alpha, so the coverage is at least 1 - alpha (in practice above it: the
   * union bound and the corner range are conservative). The released m + S' / max(1, n') is one of the
   * points of that range, so the interval holds it.
   *
   * @throws IllegalStateException before {@link #computeResult()}
   * @throws IllegalArgumentException if alpha is not in (0, 1)
   */
  public ConfidenceInterval computeConfidenceInterval(double alpha) {
    requireReleased("a confidence interval");
    DpChecks.checkAlpha(alpha);
    ConfidenceInterval count =
        moments.noisedCount().interval(noisyCount, alpha / 2).clampedTo(1, Double.POSITIVE_INFINITY);
    ConfidenceInterval sum = moments.noisedSum().interval(noisySum, alpha / 2);
    double[] corners = {sum.lowerBound() / count.lowerBound(), sum.lowerBound() / count.upperBound(),
        sum.upperBound() / count.lowerBound(), sum.upperBound() / count.upperBound()};
    double low = Math.min(Math.min(corners[0], corners[1]), Math.min(corners[2], corners[3]));
    double high = Math.max(Math.max(corners[0], corners[1]), Math.max(corners[2], corners[3]));
    double slack = ACCUMULATION_SLACK * parameters.halfWidth();
    double m = parameters.midpoint();
    return new ConfidenceInterval(Math.nextDown(m + (low - slack)), Math.nextUp(m + (high + slack)))
        .clampedTo(parameters.lower(), parameters.upper());
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
