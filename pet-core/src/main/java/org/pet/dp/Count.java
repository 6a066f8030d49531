package org.pet.dp;

import java.util.Collection;

/**
 * A differentially private count of entries.
 *
 * <p><b>Guarantee.</b> (epsilon, delta)-DP for neighbouring datasets that differ in one privacy unit,
 * provided the caller bounds contributions: each unit adds at most {@code maxContributionsPerPartition}
 * entries to this count and contributes to at most {@code maxPartitionsContributed} counts released
 * with the same parameters (Linf = maxContributionsPerPartition, L0 = maxPartitionsContributed). The
 * count is noised once on the real path of the configured {@link Noise} and rounded to the nearest
 * integer (post-processing); it may be negative.
 *
 * <p>One-shot: {@link #computeResult()} releases once; afterwards adding, merging or computing again throws
 * {@link IllegalStateException}. Not thread-safe.
 */
public final class Count extends Aggregation {

  private final NoisedValue noisedCount;
  private long count;
  private double noised;

  private Count(AggregationParameters parameters) {
    super(parameters);
    this.noisedCount = parameters.noisedValue("the count", "1", 1, 1);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Counts one entry. */
  public void increment() {
    incrementBy(1);
  }

  /**
   * Counts {@code entries} entries.
   *
   * @throws IllegalArgumentException if {@code entries < 0}
   */
  public void incrementBy(long entries) {
    state.requireOpen("add entries");
    if (entries < 0) {
      throw new IllegalArgumentException("`entries` must be >= 0, was " + entries);
    }
    count = Math.addExact(count, entries);
  }

  /** Counts one entry; its value is not used. */
  public void addEntry(Object entry) {
    incrementBy(1);
  }

  /** Counts every entry of the collection. */
  public void addEntries(Collection<?> entries) {
    incrementBy(entries.size());
  }

  /**
   * Releases the noisy count.
   *
   * @throws IllegalStateException if a result was released or a summary serialized already
   */
  public long computeResult() {
    release();
    noised = noisedCount.addNoise((double) count);
    return Math.round(noised);
  }

  /**
   * Returns an interval containing the true count with probability at least 1 - alpha: the noise's own
   * (1 - alpha) interval around the un-rounded noisy count, widened to integers (lower bound rounded down,
   * upper bound up) and both bounds cut at 0. Widening and the cut only add to, or drop negative values
   * from, the noise's interval, so the coverage is at least the noise's; the bounds never cross, and the
   * interval contains the released count whenever that is {@code >= 0}.
   *
   * @throws IllegalStateException before {@link #computeResult()}
   * @throws IllegalArgumentException if alpha is not in (0, 1)
   */
  public ConfidenceInterval computeConfidenceInterval(double alpha) {
    requireReleased("a confidence interval");
    return noisedCount.interval(noised, alpha).roundedOutward().clampedTo(0, Double.POSITIVE_INFINITY);
  }

  @Override
  String type() {
    return "Count";
  }

  @Override
  long[] longState() {
    return new long[] {count};
  }

  @Override
  void mergeState(long[] longs, double[] doubles) {
    count = Math.addExact(count, longs[0]);
  }

  /** Builder for {@link Count}. */
  public static final class Builder extends AggregationBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * @throws IllegalArgumentException if epsilon is missing, delta does not suit the noise, or the noisy
     *     count could overflow (see {@link AggregationParameters})
     */
    public Count build() {
      return new Count(parameters(false));
    }
  }
}
