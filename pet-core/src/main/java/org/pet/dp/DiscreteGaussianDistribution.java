package org.pet.dp;

/**
 * Exact numerics of the discrete Gaussian N_Z(0, sigma^2), P(Y = y) proportional to exp(-y^2 / (2 sigma^2))
 * on the integers: tails, variance and the (epsilon, delta) curve of Canonne, Kamath and Steinke
 * (NeurIPS 2020), Theorem 7. Sums are evaluated term by term up to {@link #EXACT_SIGMA_LIMIT}; beyond it
 * the lattice is so fine that the continuous Gaussian formulas are used.
 */
final class DiscreteGaussianDistribution {

  /** Largest sigma for which sums are evaluated exactly (about 9 * sigma terms per tail). */
  static final double EXACT_SIGMA_LIMIT = 0x1p16;
  /** Terms below this fraction of the running sum no longer change a double. */
  private static final double NEGLIGIBLE = 1e-18;

  private static final Memo<Double, DiscreteGaussianDistribution> INSTANCES = new Memo<>(64);

  private final double sigma;
  /** The sum of the weights over all integers (exact range only). */
  private final double normalizer;
  private final Memo<Double, Long> halfWidths = new Memo<>(16);
  /** The variance once computed, else NaN; volatile so that a double is never read half-written. */
  private volatile double variance = Double.NaN;

  /** An unmemoised instance, for one-off evaluations such as calibration searches. */
  DiscreteGaussianDistribution(double sigma) {
    this.sigma = sigma;
    this.normalizer = isExact() ? 1 + 2 * weightSum(1) : Double.NaN;
  }

  /** The (memoised) distribution with this sigma. */
  static DiscreteGaussianDistribution of(double sigma) {
    return INSTANCES.get(sigma, DiscreteGaussianDistribution::new);
  }

  double sigma() {
    return sigma;
  }

  boolean isExact() {
    return sigma <= EXACT_SIGMA_LIMIT;
  }

  private double weight(long y) {
    double r = y / sigma;
    return Math.exp(-0.5 * r * r);
  }

  /** sum_{y >= from} exp(-y^2 / (2 sigma^2)) for from >= 0. */
  private double weightSum(long from) {
    double sum = 0;
    for (long y = from; ; y++) {
      double w = weight(y);
      sum += w;
      if (w <= NEGLIGIBLE * sum || w == 0) {
        return sum;
      }
    }
  }

  /** P(Y > c). */
  double tail(double c) {
    if (!isExact()) {
      return StandardNormal.cdf(-(Math.floor(c) + 0.5) / sigma);
    }
    if (c < 0) {
      // P(Y > c) = 1 - P(Y <= floor(c)) = 1 - P(Y >= -floor(c)) by symmetry, and -floor(c) >= 1.
      return 1 - tail(-Math.floor(c) - 1);
    }
    return weightSum((long) Math.floor(c) + 1) / normalizer;
  }

  /** E[Y^2], slightly below sigma^2 for small sigma; computed once (a sum of about 9 sigma terms). */
  double variance() {
    double known = variance;
    if (Double.isNaN(known)) {
      known = computeVariance();
      variance = known; // a benign race: every thread computes the same value
    }
    return known;
  }

  private double computeVariance() {
    if (!isExact()) {
      return sigma * sigma;
    }
    double sum = 0;
    for (long y = 1; ; y++) {
      double term = (double) y * y * weight(y);
      sum += term;
      if (term <= NEGLIGIBLE * sum || term == 0) {
        return 2 * sum / normalizer;
      }
    }
  }

  /** The smallest k >= 0 with P(|Y| > k) = 2 P(Y > k) <= alpha (memoised per alpha). */
  long confidenceHalfWidth(double alpha) {
    return halfWidths.get(alpha, this::searchHalfWidth);
  }

  private long searchHalfWidth(double alpha) {
    double z = StandardNormal.quantile(1 - alpha / 2);
    if (!isExact()) {
      // Beyond the exact range the lattice spacing is < 2^-16 sigma; one extra unit absorbs it.
      return (long) Math.ceil(sigma * z) + 1;
    }
    long k = Math.max(0, (long) Math.floor(sigma * z) - 2);
    while (2 * tail(k) > alpha) {
      k++;
    }
    while (k > 0 && 2 * tail(k - 1) <= alpha) {
      k--;
    }
    return k;
  }

  /**
   * The delta for which adding this noise to an integer query of sensitivity {@code l2} is
   * (epsilon, delta)-DP: P(Y > eps sigma^2 / l2 - l2 / 2) - e^eps P(Y > eps sigma^2 / l2 + l2 / 2)
   * (Canonne, Kamath, Steinke 2020, Theorem 7).
   */
  double delta(double l2, double epsilon) {
    double centre = epsilon * sigma * sigma / l2;
    return tail(centre - l2 / 2) - Math.exp(epsilon) * tail(centre + l2 / 2);
  }
}
