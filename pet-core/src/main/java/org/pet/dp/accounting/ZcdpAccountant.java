package org.pet.dp.accounting;

import org.pet.dp.accounting.Mechanism.Gaussian;
import org.pet.dp.accounting.Mechanism.Laplace;

/**
 * Zero-concentrated DP accounting (Bun and Steinke, "Concentrated Differential Privacy: Simplifications,
 * Extensions, and Lower Bounds", TCC 2016). rho-zCDP composes by adding rho (Lemma 2.3); a {@link Gaussian}
 * is ((l2Sensitivity / sigma)^2 / 2)-zCDP (Proposition 1.6) and a {@link Laplace} or {@link
 * Mechanism.PureDp}, being pure epsilon-DP, is (epsilon^2 / 2)-zCDP (Proposition 1.4). {@link
 * #spent(double) spent(delta)} converts the total rho by {@link ZeroConcentratedDp#epsilon} (Canonne,
 * Kamath and Steinke 2020), which is at least as tight as rho + 2 sqrt(rho ln(1/delta)) (Proposition
 * 1.3).
 *
 * <p>Pure-DP charges are also kept exactly as a sum: the composition is then (sum of pure epsilons + the
 * Gaussians' zCDP epsilon at delta, delta)-DP by basic composition, and {@code spent} returns the smaller
 * of the two epsilons. So k pure epsilon-DP charges never cost more than basic composition's k epsilon,
 * and a composition of only pure charges answers {@code spent(0)} with (sum epsilon_i, 0). With delta &gt; 0
 * the returned delta is the requested one.
 *
 * <p>Accepts {@link Laplace}, {@link Mechanism.PureDp} and {@link Gaussian}; rejects {@link
 * Mechanism.ApproximateDp}, whose bare (epsilon, delta) implies no zCDP bound. Thread-safe.
 */
public final class ZcdpAccountant extends LedgerAccountant<ZcdpAccountant.Totals> {

  /** An accountant with nothing charged. */
  public ZcdpAccountant() {
    super(Family.RENYI, Totals.EMPTY);
  }

  /** The total rho of everything charged: the composition is rho-zCDP. */
  public double rho() {
    return ledger().rho();
  }

  /**
   * The exact sum of the pure epsilons, the total rho, the Gaussians' part of it and whether any Gaussian
   * was charged. Each rho term is rounded up and the sums kept exactly; the conversion to epsilon is
   * rounded up ({@link Upward}), so the reported spend is never below the true one.
   */
  record Totals(ExactLedgerSum pureEpsilon, ExactLedgerSum totalRho, ExactLedgerSum gaussianTotal,
      boolean gaussianCharged) implements LedgerAccountant.Ledger<Totals> {

    static final Totals EMPTY = new Totals(ExactLedgerSum.ZERO, ExactLedgerSum.ZERO, ExactLedgerSum.ZERO, false);

    double rho() {
      return totalRho.value();
    }

    @Override
    public Totals plus(Mechanism mechanism, int times) {
      if (mechanism instanceof Mechanism.Pure pure) {
        return new Totals(pureEpsilon.plus(pure.epsilon(), times),
            totalRho.plus(Upward.byUlps(pure.rho(), Upward.TERM_ULPS), times), gaussianTotal, gaussianCharged);
      }
      double added = Upward.byUlps(((Gaussian) mechanism).rho(), Upward.TERM_ULPS);
      return new Totals(pureEpsilon, totalRho.plus(added, times), gaussianTotal.plus(added, times), true);
    }

    @Override
    public PrivacyBudget spentOrNull(double delta) {
      double epsilon = epsilonAt(delta);
      return epsilon < Double.POSITIVE_INFINITY ? new PrivacyBudget(epsilon, delta) : null;
    }

    /** The epsilon at delta, infinite where none holds. */
    double epsilonAt(double delta) {
      double pure = pureEpsilon.value();
      if (delta == 0) {
        return gaussianCharged ? Double.POSITIVE_INFINITY : pure;
      }
      double rho = totalRho.value();
      if (!(rho < Double.POSITIVE_INFINITY)) {
        return Double.POSITIVE_INFINITY;
      }
      return Math.min(Upward.byUlps(ZeroConcentratedDp.epsilon(rho, delta), Upward.RESULT_ULPS),
          Upward.sum(pure, Upward.byUlps(ZeroConcentratedDp.epsilon(gaussianTotal.value(), delta),
              Upward.RESULT_ULPS)));
    }
  }
}
