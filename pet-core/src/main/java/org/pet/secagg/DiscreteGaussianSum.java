package org.pet.secagg;

import org.pet.dp.accounting.ZeroConcentratedDp;

/**
 * Privacy of a sum of independent discrete Gaussian shares, after Kairouz, Liu and Steinke, "The
 * Distributed Discrete Gaussian Mechanism for Federated Learning with Secure Aggregation" (ICML 2021,
 * arXiv:2102.06387), Theorem 1 (from its Proposition 14):
 *
 * <blockquote>Let sigma &gt;= 1/2 and let Z_m be the sum of m independent vectors in Z^d whose d coordinates
 * are independent N_Z(0, sigma^2). For every Delta in Z^d and every order alpha &gt;= 1,
 * D_alpha(Z_m || Z_m + Delta) &lt;= alpha epsHat^2 / 2, that is, adding Z_m is (epsHat^2 / 2)-zCDP for
 * shifts of L2 norm at most D2, with
 * epsHat = min( sqrt(D2^2 / (m sigma^2) + 2 tau d), D2 / (sqrt(m) sigma) + tau sqrt(d) ) and
 * tau = 10 sum_{k=1}^{m-1} exp(-2 pi^2 sigma^2 k / (k + 1)).</blockquote>
 *
 * <p>For m = 1, tau = 0 and epsHat = D2 / sigma: the single discrete Gaussian's (D2^2 / (2 sigma^2))-zCDP of
 * Canonne, Kamath and Steinke (NeurIPS 2020), which holds for every sigma &gt; 0.
 *
 * <p>Post-processing makes the guarantee monotone in the number of shares: the sum of m honest shares is
 * the sum of any m' &lt;= m of them plus independent noise, so m shares are at least as private as the best
 * of 1, ..., m. {@link #rho} reports that prefix minimum; tau grows with m, so the theorem's bound alone
 * can get worse for very many shares of small sigma, the true guarantee cannot.
 */
final class DiscreteGaussianSum {

  /** The theorem's precondition on the per-share sigma. */
  static final double MIN_SIGMA = 0.5;
  /** The largest per-share sigma the exact sampler accepts. */
  static final double MAX_SIGMA = 0x1p50;

  private static final double TWO_PI_SQUARED = 2 * Math.PI * Math.PI;
  private static final int BISECTION_STEPS = 200;
  private static final double RELATIVE_TOLERANCE = 1e-13;

  private DiscreteGaussianSum() {}

  /**
   * The zCDP parameter rho = epsHat^2 / 2 of the sum of {@code shares} shares of N_Z(0, sigma^2) per
   * coordinate, minimised over prefixes as described above. Costs O(shares) exponentials at most.
   */
  static double rho(double sigma, double l2Sensitivity, int dimension, int shares) {
    double c = TWO_PI_SQUARED * sigma * sigma;
    double centralScale = l2Sensitivity / sigma;
    if (Math.exp(-c / 2) == 0) {
      // Every term of tau, at most exp(-c/2), is below the smallest double: tau is 0 in this arithmetic.
      return centralScale * centralScale / (2.0 * shares);
    }
    double rootDimension = Math.sqrt(dimension);
    double tau = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int m = 1; m <= shares; m++) {
      if (m >= 2) {
        tau += 10 * Math.exp(-c * (m - 1) / m); // the k = m - 1 term
      }
      double scale = centralScale / Math.sqrt(m);
      double epsHat = Math.min(Math.sqrt(scale * scale + 2 * tau * dimension), scale + tau * rootDimension);
      best = Math.min(best, epsHat);
      // tau never decreases, so no later prefix can beat this floor once it is reached.
      if (Math.min(Math.sqrt(2 * tau * dimension), tau * rootDimension) >= best) {
        break;
      }
    }
    return best * best / 2;
  }

  /** The epsilon at the given delta achieved by {@code shares} shares of N_Z(0, sigma^2). */
  static double epsilon(double sigma, double delta, double l2Sensitivity, int dimension, int shares) {
    return ZeroConcentratedDp.epsilon(rho(sigma, l2Sensitivity, dimension, shares), delta);
  }

  /**
   * The smallest per-share sigma (to a relative 1e-13, rounded up, and at least {@link #MIN_SIGMA}) for
   * which {@code shares} shares meet (epsilon, delta) by {@link #epsilon}.
   *
   * @throws IllegalArgumentException if that sigma exceeds {@link #MAX_SIGMA}
   */
  static double calibrateSigma(
      double epsilon, double delta, double l2Sensitivity, int dimension, int shares) {
    double lo = MIN_SIGMA;
    if (epsilon(lo, delta, l2Sensitivity, dimension, shares) <= epsilon) {
      return lo;
    }
    double hi = 1;
    while (epsilon(hi, delta, l2Sensitivity, dimension, shares) > epsilon) {
      lo = hi;
      hi *= 2;
      if (hi > MAX_SIGMA) {
        throw new IllegalArgumentException("per-client sigma for epsilon " + epsilon + ", delta " + delta
            + " and l2Sensitivity " + l2Sensitivity + " must be <= 2^50; rescale the data");
      }
    }
    for (int i = 0; i < BISECTION_STEPS && hi - lo > RELATIVE_TOLERANCE * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (epsilon(mid, delta, l2Sensitivity, dimension, shares) <= epsilon) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }
}
