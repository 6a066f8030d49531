package org.pet.dp;

/**
 * Exact running moments of clamped values shifted to the interval's midpoint, for the mean and the
 * variance: the count, the sum of y = x - m (|y| <= h) and optionally the sum of y^2 - h^2/2 (in
 * [-h^2/2, h^2/2]), with m the midpoint and h the half-width of [lower, upper]. Shifting halves the
 * sensitivity of each sum compared with the raw values.
 *
 * <p>Each sum is exact ({@link ExactSum}): y = clamp(x, lower, upper) - m is computed in double, and y and
 * y^2 - h^2/2 are each rounded once to their sum's unit ({@link UnitRounding}, the sum of y clamped to
 * [lower - m, upper - m], which is the same y). Entries arrive through {@link LaneAccumulator}; the readers
 * fold pending entries first.
 */
final class NormalizedMoments extends LaneAccumulator {

  private final double halfWidth;
  private final double midpoint;
  private final double lowestShifted;
  private final double highestShifted;
  private final double halfSquare;
  private final boolean squares;
  private final ExactSum sum;
  private final ExactSum sumOfSquares;
  private final NoisedValue noisedCount;
  private final NoisedValue noisedSum;
  /** Null without squares. */
  private final NoisedValue noisedSumOfSquares;

  /**
   * Moments for a mean ({@code squares} false: the count and the sum, each noised with half of the budget)
   * or a variance (with the sum of squares, each of the three with a third).
   *
   * @throws IllegalArgumentException if a noised value or its noise could overflow ({@link NoisedValue})
   */
  NormalizedMoments(AggregationParameters parameters, boolean squares) {
    this(parameters, squares, exactSums(parameters));
  }

  private NormalizedMoments(AggregationParameters parameters, boolean squares, ExactSum[] sums) {
    super(squares ? sums : new ExactSum[] {sums[0]});
    this.halfWidth = parameters.halfWidth();
    this.midpoint = parameters.midpoint();
    this.lowestShifted = parameters.lower() - midpoint;
    this.highestShifted = parameters.upper() - midpoint;
    this.halfSquare = halfWidth * halfWidth / 2;
    this.squares = squares;
    this.sum = sums[0];
    this.sumOfSquares = sums[1];
    double share = squares ? 1.0 / 3 : 0.5;
    String of = squares ? "the variance's " : "the mean's ";
    this.noisedCount = parameters.noisedValue(of + "count", "1", 1, share);
    this.noisedSum = parameters.noisedValue(of + "shifted sum", "(upper - lower) / 2", halfWidth, share);
    this.noisedSumOfSquares = squares
        ? parameters.noisedValue(of + "shifted sum of squares", "h^2 / 2", halfSquare, share) : null;
  }

  /** The sum of y, y clamped to [lower - m, upper - m] on the scale of h; the sum of y^2 - h^2/2. */
  private static ExactSum[] exactSums(AggregationParameters parameters) {
    double h = parameters.halfWidth();
    double m = parameters.midpoint();
    return new ExactSum[] {
        new ExactSum(UnitRounding.clamping(parameters.lower() - m, parameters.upper() - m, h)),
        new ExactSum(h * h / 2)};
  }

  @Override
  void accumulate(double[] entries, int length, double[][] lanes) {
    if (squares) {
      accumulateWithSquares(entries, length, lanes[0], lanes[1]);
    } else {
      accumulateSum(entries, length, lanes[0]);
    }
  }

  private void accumulateSum(double[] entries, int length, double[] sumLane) {
    for (int j = 0; j < length; j++) {
      sumLane[j] += sum.units(entries[j] - midpoint);
    }
  }

  private void accumulateWithSquares(double[] entries, int length, double[] sumLane, double[] squareLane) {
    for (int j = 0; j < length; j++) {
      double shifted = entries[j] - midpoint;
      sumLane[j] += sum.units(shifted);
      squareLane[j] += sumOfSquares.units(squareTerm(shifted));
    }
  }

  /**
   * y^2 - h^2/2 for y = clamp(x, lower, upper) - m, given x - m: subtracting m is monotone, so clamping
   * x - m to [lower - m, upper - m] gives exactly that y.
   */
  private double squareTerm(double shifted) {
    double y = Math.max(lowestShifted, Math.min(highestShifted, shifted));
    return y * y - halfSquare;
  }

  double halfWidth() {
    return halfWidth;
  }

  /** How the count is noised (Linf = maxContributionsPerPartition). */
  NoisedValue noisedCount() {
    return noisedCount;
  }

  /** How the sum of y is noised (sensitivity Linf * h). */
  NoisedValue noisedSum() {
    return noisedSum;
  }

  /** Noisy count. */
  double noisyCount() {
    return noisedCount.addNoise(count());
  }

  /** Noisy sum of y, sensitivity Linf * h. */
  double noisySum() {
    flush();
    return noisedSum.addNoise(sum.value());
  }

  /** Noisy sum of y^2 - h^2/2, sensitivity Linf * h^2 / 2 (variance moments only). */
  double noisySumOfSquares() {
    flush();
    return noisedSumOfSquares.addNoise(sumOfSquares.value());
  }

  long[] state() {
    flush();
    return new long[] {count(), sum.high(), sum.low(), sumOfSquares.high(), sumOfSquares.low()};
  }

  void merge(long[] state) {
    mergeCount(state[0]);
    sum.merge(state[1], state[2]);
    sumOfSquares.merge(state[3], state[4]);
  }
}
