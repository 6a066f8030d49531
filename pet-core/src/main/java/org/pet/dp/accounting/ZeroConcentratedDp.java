package org.pet.dp.accounting;

import static org.pet.dp.accounting.AccountingChecks.checkNonNegative;
import static org.pet.dp.accounting.AccountingChecks.checkPositiveDelta;

/**
 * Conversion from rho-zero-concentrated DP (Bun and Steinke, TCC 2016) to (epsilon, delta)-DP, following
 * Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020,
 * arXiv:2004.00010), Proposition 12 / Corollary 13: a rho-zCDP mechanism is (a, a rho)-RDP for every
 * order a &gt; 1, so by {@link RenyiDp} it is (epsilon, delta)-DP for
 *
 * <pre>
 *   epsilon = inf over alpha &gt; 1 of
 *       alpha rho + (ln(1/delta) + (alpha - 1) ln(1 - 1/alpha) - ln(alpha)) / (alpha - 1),
 * </pre>
 *
 * <p>the same curve as their
 * delta = inf_alpha exp((alpha - 1)(alpha rho - epsilon)) / (alpha - 1) (1 - 1/alpha)^alpha. It is always
 * at least as tight as the classical epsilon = rho + 2 sqrt(rho ln(1/delta)) (Bun and Steinke 2016,
 * Proposition 1.3).
 *
 * <p>Every alpha &gt; 1 gives a valid epsilon, so an imprecise search for the best alpha can only make the
 * result larger, never invalid. Evaluated in double precision.
 */
public final class ZeroConcentratedDp {

  private static final int SEARCH_STEPS = 200;
  /** Upper end of the search for tiny rho, where 1 + sqrt(ln(1/delta)/rho) would overflow. */
  private static final double MAX_ALPHA = 0x1p500;

  private ZeroConcentratedDp() {}

  /**
   * The epsilon for which rho-zCDP implies (epsilon, delta)-DP; never negative, and 0 for rho = 0.
   *
   * @param rho finite and {@code >= 0}
   * @param delta in (0, 1)
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static double epsilon(double rho, double delta) {
    checkNonNegative("rho", rho);
    checkPositiveDelta("delta", delta);
    if (rho == 0) {
      return 0;
    }
    double logInverseDelta = -Math.log(delta);
    // d/d(alpha) of the objective is rho - ln(1/(alpha delta)) / (alpha - 1)^2, so the optimum solves
    // (alpha - 1)^2 rho = ln(1/(alpha delta)): the left side increases and the right side decreases in alpha,
    // and the right side is at most ln(1/delta), which brackets the root in (1, 1 + sqrt(ln(1/delta)/rho)].
    double lo = 1;
    double hi = Math.min(MAX_ALPHA, 1 + Math.sqrt(logInverseDelta / rho));
    for (int i = 0; i < SEARCH_STEPS; i++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      double gap = mid - 1;
      if (gap * gap * rho < logInverseDelta - Math.log(mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.max(0, epsilonAt(hi, rho, logInverseDelta));
  }

  /** The objective above at one order alpha &gt; 1: a valid epsilon on its own. */
  static double epsilonAt(double alpha, double rho, double logInverseDelta) {
    return alpha * rho + RenyiDp.conversionOffset(alpha, logInverseDelta);
  }
}
