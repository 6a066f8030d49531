package org.pet.dp;

import java.util.Collection;

/**
 * Differentially private bounds for data whose range the analyst does not know, to spend a stated part
 * of a budget on before a bounded aggregation ({@link BoundedSum}, {@link BoundedMean}, ...).
 *
 * <p><b>Algorithm and guarantee.</b> Each entry falls in one bin of a log-scale histogram of magnitudes:
 * [-2^-10, 2^-10] around zero, and for k = -10..62 the bins [2^k, 2^(k+1)) and (-2^(k+1), -2^k]. A privacy
 * unit's at most {@code maxContributionsPerPartition} entries change the bin counts by at most that much
 * in both L1 and L2 norm, so noising every bin count with Linf = maxContributionsPerPartition and L0 =
 * maxPartitionsContributed makes the histogram (epsilon, delta)-DP. A bin qualifies when its noisy count exceeds the threshold that an
 * empty bin passes with probability at most 10^-9 / (number of bins); the result spans from the lower
 * edge of the lowest qualifying bin to the upper edge of the highest. NaN entries are ignored.
 *
 * <p>One-shot. Not thread-safe.
 */
public final class ApproximateBounds extends Aggregation {

  /** The computed bounds, {@code lower < upper}. */
  public record Bounds(double lower, double upper) {}

  private static final int MIN_EXPONENT = -10;
  private static final int MAX_EXPONENT = 62;
  private static final int SIDE_BINS = MAX_EXPONENT - MIN_EXPONENT + 1;
  /** Bins: negative side (largest magnitude first), zero bin, positive side. */
  private static final int BINS = 2 * SIDE_BINS + 1;
  private static final double EMPTY_BIN_FALSE_POSITIVE = 1e-9;

  private final long[] counts = new long[BINS];
  private final NoisedValue noisedBin;

  private ApproximateBounds(AggregationParameters parameters) {
    super(parameters);
    this.noisedBin = parameters.noisedValue("a bin count", "1", 1, 1);
  }

  public static Builder builder() {
    return new Builder();
  }

  public void addEntry(double value) {
    state.requireOpen("add entries");
    if (!Double.isNaN(value)) {
      counts[bin(value)]++;
    }
  }

  public void addEntries(Collection<Double> values) {
    values.forEach(this::addEntry);
  }

  private static int bin(double value) {
    double magnitude = Math.abs(value);
    if (magnitude < Math.scalb(1.0, MIN_EXPONENT)) {
      return SIDE_BINS;
    }
    int k = Math.min(MAX_EXPONENT, Math.getExponent(magnitude)) - MIN_EXPONENT;
    return value > 0 ? SIDE_BINS + 1 + k : SIDE_BINS - 1 - k;
  }

  /** The lower edge of bin {@code index}. */
  private static double lowerEdge(int index) {
    if (index == SIDE_BINS) {
      return -Math.scalb(1.0, MIN_EXPONENT);
    }
    return index > SIDE_BINS ? Math.scalb(1.0, index - SIDE_BINS - 1 + MIN_EXPONENT)
        : -Math.scalb(1.0, SIDE_BINS - index + MIN_EXPONENT);
  }

  private static double upperEdge(int index) {
    return index == BINS - 1 ? Math.scalb(1.0, MAX_EXPONENT + 1) : lowerEdge(index + 1);
  }

  /** The noisy count an empty bin exceeds with probability at most 10^-9 / bins. */
  double threshold() {
    return noisedBin.interval(0, 2 * EMPTY_BIN_FALSE_POSITIVE / BINS).upperBound();
  }

  /**
   * Releases the bounds.
   *
   * @throws IllegalStateException if no bin's noisy count passes the threshold (too few entries for this
   *     epsilon; the budget is spent all the same), or if a result was already released
   */
  public Bounds computeResult() {
    release();
    double threshold = threshold();
    int lowest = -1;
    int highest = -1;
    for (int i = 0; i < BINS; i++) {
      double noisy = noisedBin.addNoise((double) counts[i]);
      if (noisy > threshold) {
        lowest = lowest < 0 ? i : lowest;
        highest = i;
      }
    }
    if (lowest < 0) {
      throw new IllegalStateException("no bin of the magnitude histogram has a noisy count above the threshold "
          + threshold + ": too few entries for epsilon = " + parameters.epsilon());
    }
    return new Bounds(lowerEdge(lowest), upperEdge(highest));
  }

  @Override
  String type() {
    return "ApproximateBounds";
  }

  @Override
  long[] longState() {
    return counts.clone();
  }

  @Override
  void mergeState(long[] longs, double[] doubles) {
    for (int i = 0; i < BINS; i++) {
      counts[i] = Math.addExact(counts[i], longs[i]);
    }
  }

  /** Builder for {@link ApproximateBounds}: epsilon is required. */
  public static final class Builder extends AggregationBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * @throws IllegalArgumentException if epsilon is missing, delta does not suit the noise, or a noisy bin
     *     count could overflow (see {@link AggregationParameters})
     */
    public ApproximateBounds build() {
      return new ApproximateBounds(parameters(false));
    }
  }
}
