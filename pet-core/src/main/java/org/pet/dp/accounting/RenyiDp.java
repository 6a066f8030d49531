package org.pet.dp.accounting;

import static org.pet.dp.accounting.AccountingChecks.checkNonNegative;
import static org.pet.dp.accounting.AccountingChecks.checkOrder;
import static org.pet.dp.accounting.AccountingChecks.checkPositiveDelta;

/**
 * Conversion from Renyi differential privacy (Mironov, "Renyi Differential Privacy", CSF 2017) to
 * (epsilon, delta)-DP. A mechanism that is (a, r)-RDP, i.e. whose Renyi divergence of order a &gt; 1
 * between neighbouring inputs is at most r, is (epsilon, delta)-DP for every delta in (0, 1) with
 *
 * <pre>
 *   epsilon = r + ln((a - 1)/a) - (ln(delta) + ln(a)) / (a - 1)
 * </pre>
 *
 * <p>(Canonne, Kamath and Steinke, NeurIPS 2020, Proposition 12; Balle, Barthe, Gaboardi, Hsu and Sato,
 * AISTATS 2020, Theorem 21). Both correction terms are negative, so this is always below Mironov's
 * classical {@code r + ln(1/delta)/(a - 1)} (Proposition 3); the smaller of the two is returned anyway.
 * Evaluated in double precision.
 */
public final class RenyiDp {

  private RenyiDp() {}

  /**
   * The epsilon for which (order, rdp)-RDP implies (epsilon, delta)-DP; never negative.
   *
   * @param order finite and {@code > 1}
   * @param rdp the Renyi divergence bound at {@code order}; finite and {@code >= 0}
   * @param delta in (0, 1)
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static double epsilon(double order, double rdp, double delta) {
    checkOrder("order", order);
    checkNonNegative("rdp", rdp);
    checkPositiveDelta("delta", delta);
    return epsilonAt(order, rdp, -Math.log(delta));
  }

  /** {@link #epsilon} for checked arguments, given ln(1/delta). */
  static double epsilonAt(double order, double rdp, double logInverseDelta) {
    double classical = rdp + logInverseDelta / (order - 1);
    return Math.max(0, Math.min(classical, rdp + conversionOffset(order, logInverseDelta)));
  }

  /**
   * The tight conversion's epsilon minus the divergence bound:
   * {@code (ln(1/delta) + (a - 1) ln(1 - 1/a) - ln(a)) / (a - 1)}.
   */
  static double conversionOffset(double order, double logInverseDelta) {
    return (logInverseDelta + (order - 1) * Math.log1p(-1 / order) - Math.log(order)) / (order - 1);
  }
}
