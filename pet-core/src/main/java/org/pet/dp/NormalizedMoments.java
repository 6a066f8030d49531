package org.pet.dp;

/**
 * Exact running moments of clamped values shifted to the interval's midpoint, for the mean and the
 * variance: the count, the sum of y = x - m (|y| <= h) and optionally the sum of y^2 - h^2/2 (in
 * [-h^2/2, h^2/2]), with m the midpoint and h the half-width of [lower, upper]. Shifting halves the
 * sensitivity of each sum compared with the raw values.
 */
final class NormalizedMoments {

  private final AggregationParameters parameters;
  private final double halfWidth;
  private final boolean squares;
  private long count;
  private final ExactSum sum;
  private final ExactSum sumOfSquares;

  NormalizedMoments(AggregationParameters parameters, boolean squares) {
    this.parameters = parameters;
    this.halfWidth = (parameters.upper() - parameters.lower()) / 2;
    this.squares = squares;
    this.sum = new ExactSum(halfWidth);
    this.sumOfSquares = new ExactSum(halfWidth * halfWidth / 2);
  }

  void add(double value) {
    if (Double.isNaN(value)) {
      return;
    }
    double y = parameters.clamp(value) - parameters.midpoint();
    count++;
    sum.add(y);
    if (squares) {
      sumOfSquares.add(y * y - halfWidth * halfWidth / 2);
    }
  }

  double halfWidth() {
    return halfWidth;
  }

  /** Noisy count, with the given shares of epsilon and delta. */
  double noisyCount(double epsilonShare) {
    return noise(count, parameters.maxContributionsPerPartition(), epsilonShare);
  }

  /** Noisy sum of y, sensitivity Linf * h. */
  double noisySum(double epsilonShare) {
    return noise(sum.value(), parameters.maxContributionsPerPartition() * halfWidth, epsilonShare);
  }

  /** Noisy sum of y^2 - h^2/2, sensitivity Linf * h^2 / 2. */
  double noisySumOfSquares(double epsilonShare) {
    return noise(sumOfSquares.value(), parameters.maxContributionsPerPartition() * halfWidth * halfWidth / 2,
        epsilonShare);
  }

  private double noise(double value, double lInf, double share) {
    return parameters.noise().addNoise(value, parameters.maxPartitionsContributed(), lInf,
        parameters.epsilon() * share, parameters.deltaShare(share));
  }

  long[] state() {
    return new long[] {count, sum.high(), sum.low(), sumOfSquares.high(), sumOfSquares.low()};
  }

  void merge(long[] state) {
    count = Math.addExact(count, state[0]);
    sum.merge(state[1], state[2]);
    sumOfSquares.merge(state[3], state[4]);
  }
}
