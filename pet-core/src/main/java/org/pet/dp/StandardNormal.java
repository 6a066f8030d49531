package org.pet.dp;

/**
 * The standard normal distribution function, accurate to a few ulps in relative terms far into both tails
 * (the JDK has no {@code erf}). Used for calibration and confidence intervals only, never for sampling.
 */
public final class StandardNormal {

  private static final double SQRT_PI = Math.sqrt(Math.PI);
  private static final double SQRT_2 = Math.sqrt(2);
  /** Below this argument erfc is computed as 1 - erf by series; above by continued fraction. */
  private static final double SERIES_LIMIT = 2.0;
  private static final int CONTINUED_FRACTION_TERMS = 400;

  private StandardNormal() {}

  /** Phi(x) = P(X <= x) for X ~ N(0, 1). */
  public static double cdf(double x) {
    return 0.5 * erfc(-x / SQRT_2);
  }

  /** log Phi(x), finite far into the lower tail where Phi(x) underflows. */
  static double logCdf(double x) {
    double z = -x / SQRT_2;
    if (z >= SERIES_LIMIT) {
      return Math.log(0.5 * scaledErfc(z)) - z * z;
    }
    return Math.log(cdf(x));
  }

  /**
   * The x with Phi(x) = p, by bisection.
   *
   * @throws IllegalArgumentException if p is not in (0, 1)
   */
  public static double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw DpChecks.invalid("p", "in (0, 1)", p);
    }
    double lo = -40;
    double hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(hi)); i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /** erfc(z) = 1 - erf(z). */
  static double erfc(double z) {
    if (z < 0) {
      return 2 - erfc(-z);
    }
    if (z < SERIES_LIMIT) {
      return 1 - erfSeries(z);
    }
    return Math.exp(-z * z) * scaledErfc(z);
  }

  /**
   * erf(z) = 2/sqrt(pi) exp(-z^2) sum_n 2^n z^(2n+1) / (1*3*...*(2n+1)): all terms positive, so there is
   * no cancellation.
   */
  private static double erfSeries(double z) {
    double term = z;
    double sum = z;
    for (int n = 1; term > 1e-17 * sum; n++) {
      term *= 2 * z * z / (2 * n + 1);
      sum += term;
    }
    return 2 / SQRT_PI * Math.exp(-z * z) * sum;
  }

  /**
   * exp(z^2) erfc(z) for z >= 2 from the continued fraction
   * erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))), evaluated bottom-up.
   */
  private static double scaledErfc(double z) {
    double f = z;
    for (int n = CONTINUED_FRACTION_TERMS; n >= 1; n--) {
      f = z + 0.5 * n / f;
    }
    return 1 / (f * SQRT_PI);
  }
}
