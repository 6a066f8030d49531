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

  private final AggregationParameters parameters;
  private final double halfWidth;
  private final double midpoint;
  private final double lowestShifted;
  private final double highestShifted;
  private final double halfSquare;
  private final boolean squares;
  private final ExactSum sum;
  private final ExactSum sumOfSquares;

  NormalizedMoments(AggregationParameters parameters, boolean squares) {
    this(parameters, squares, exactSums(parameters));
  }

  private NormalizedMoments(AggregationParameters parameters, boolean squares, ExactSum[] sums) {
    super(squares ? sums : new ExactSum[] {sums[0]});
    this.parameters = parameters;
    this.halfWidth = halfWidth(parameters);
    this.midpoint = parameters.midpoint();
    this.lowestShifted = parameters.lower() - midpoint;
    this.highestShifted = parameters.upper() - midpoint;
    this.halfSquare = halfWidth * halfWidth / 2;
    this.squares = squares;
    this.sum = sums[0];
    this.sumOfSquares = sums[1];
  }

  private static double halfWidth(AggregationParameters parameters) {
    return (parameters.upper() - parameters.lower()) / 2;
  }

  /** The sum of y, y clamped to [lower - m, upper - m] on the scale of h; the sum of y^2 - h^2/2. */
  private static ExactSum[] exactSums(AggregationParameters parameters) {
    double h = halfWidth(parameters);
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

  /** Noisy count, with the given shares of epsilon and delta. */
  double noisyCount(double epsilonShare) {
    return noise(count(), parameters.maxContributionsPerPartition(), epsilonShare);
  }

  /** Noisy sum of y, sensitivity Linf * h. */
  double noisySum(double epsilonShare) {
    flush();
    return noise(sum.value(), parameters.maxContributionsPerPartition() * halfWidth, epsilonShare);
  }

  /** Noisy sum of y^2 - h^2/2, sensitivity Linf * h^2 / 2. */
  double noisySumOfSquares(double epsilonShare) {
    flush();
    return noise(sumOfSquares.value(), parameters.maxContributionsPerPartition() * halfWidth * halfWidth / 2,
        epsilonShare);
  }

  private double noise(double value, double lInf, double share) {
    return parameters.noise().addNoise(value, parameters.maxPartitionsContributed(), lInf,
        parameters.epsilon() * share, parameters.deltaShare(share));
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
