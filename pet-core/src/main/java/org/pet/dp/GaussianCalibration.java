package org.pet.dp;

import java.util.function.DoublePredicate;

/**
 * Gaussian noise calibration: the analytic Gaussian mechanism of Balle and Wang (ICML 2018) for the
 * continuous case, and for the discrete Gaussian an exact check of its own (epsilon, delta) curve.
 * Results are memoised (a small LRU map) because calibration costs a bisection.
 */
final class GaussianCalibration {

  private static final Memo<Key, Double> SIGMAS = new Memo<>(256);

  /** l0 = 0 marks a continuous calibration. */
  private record Key(double l2Sensitivity, int l0Sensitivity, double epsilon, double delta) {}

  private GaussianCalibration() {}

  /**
   * The smallest sigma (to 1e-12 relative, rounded up) such that N(0, sigma^2) noise on a query of L2
   * sensitivity {@code l2} is (epsilon, delta)-DP, i.e.
   * Phi(l2/(2s) - eps s/l2) - e^eps Phi(-l2/(2s) - eps s/l2) <= delta.
   */
  static double analyticSigma(double l2, double epsilon, double delta) {
    return SIGMAS.get(new Key(l2, 0, epsilon, delta), key -> searchAnalyticSigma(l2, epsilon, delta));
  }

  private static double searchAnalyticSigma(double l2, double epsilon, double delta) {
    double hi = l2;
    while (continuousDelta(hi, l2, epsilon) > delta) {
      hi *= 2;
    }
    double lo = hi;
    while (lo > Double.MIN_NORMAL && continuousDelta(lo, l2, epsilon) <= delta) {
      lo /= 2;
    }
    return bisect(lo, hi, s -> continuousDelta(s, l2, epsilon) <= delta);
  }

  /** The delta of the continuous Gaussian mechanism with the given sigma (Balle and Wang, Theorem 8). */
  static double continuousDelta(double sigma, double l2, double epsilon) {
    double a = l2 / (2 * sigma);
    double b = epsilon * sigma / l2;
    return StandardNormal.cdf(a - b) - Math.exp(epsilon + StandardNormal.logCdf(-a - b));
  }

  /**
   * Sigma for discrete Gaussian noise on the integers for a query of L2 sensitivity {@code l2} over
   * {@code l0} coordinates. Starts from the analytic continuous sigma; for a single coordinate with
   * sigma in the exact range, raises it until the discrete mechanism's own delta (CKS Theorem 7) is
   * at most {@code delta}. For several coordinates, or sigma beyond 2^16 lattice units, the continuous
   * calibration is used: the lattice is then fine relative to sigma and the two curves coincide.
   */
  static double discreteSigma(double l2, int l0, double epsilon, double delta) {
    return SIGMAS.get(new Key(l2, l0, epsilon, delta), key -> {
      double sigma = searchAnalyticSigma(l2, epsilon, delta);
      if (l0 != 1 || sigma > DiscreteGaussianDistribution.EXACT_SIGMA_LIMIT
          || discreteDelta(sigma, l2, epsilon) <= delta) {
        return sigma;
      }
      double hi = sigma * 1.01;
      while (discreteDelta(hi, l2, epsilon) > delta) {
        hi *= 1.1;
      }
      return bisect(sigma, hi, s -> discreteDelta(s, l2, epsilon) <= delta);
    });
  }

  private static double discreteDelta(double sigma, double l2, double epsilon) {
    return new DiscreteGaussianDistribution(sigma).delta(l2, epsilon);
  }

  /** Smallest accepted sigma in (lo, hi], given lo rejected (or tiny) and hi accepted. */
  private static double bisect(double lo, double hi, DoublePredicate ok) {
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (ok.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }
}
