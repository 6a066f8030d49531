package org.pet.dp.accounting;

import org.pet.dp.accounting.Mechanism.ApproximateDp;
import org.pet.dp.accounting.Mechanism.Laplace;

/**
 * Advanced composition for mechanisms with different (epsilon_i, delta_i), by Kairouz, Oh and Viswanath,
 * "The Composition Theorem for Differential Privacy" (ICML 2015), Theorem 3.5: for every delta' in (0, 1],
 * the adaptive composition is (epsilon, 1 - (1 - delta') prod(1 - delta_i))-DP, hence (epsilon, delta' +
 * sum delta_i)-DP, with
 *
 * <pre>
 *   epsilon = min( sum eps_i,
 *                  sum eps_i tanh(eps_i / 2) + sqrt(2 sum eps_i^2 ln(e + sqrt(sum eps_i^2) / delta')),
 *                  sum eps_i tanh(eps_i / 2) + sqrt(2 sum eps_i^2 ln(1 / delta')) ),
 * </pre>
 *
 * <p>where epsilon tanh(epsilon / 2) = epsilon (e^epsilon - 1) / (e^epsilon + 1). For k mechanisms that
 * are each (epsilon0, delta0)-DP the last term is at most the Dwork-Rothblum-Vadhan bound (FOCS 2010;
 * Dwork and Roth 2014, Theorem 3.20) sqrt(2k ln(1/delta')) epsilon0 + k epsilon0 (e^epsilon0 - 1), with
 * total delta k delta0 + delta'; the first term is basic composition, so the result is never worse than
 * {@link BasicAccountant}'s epsilon.
 *
 * <p>{@link #spent(double) spent(delta)} takes the total delta: delta' = delta - sum delta_i. For delta
 * equal to the charged deltas only basic composition applies; below them no epsilon holds and {@code spent}
 * throws. Accepts {@link Laplace} and {@link Mechanism.PureDp} (as (epsilon, 0)) and {@link
 * ApproximateDp}; rejects {@link Mechanism.Gaussian} (charge {@code gaussian.approximateDp(delta)}
 * instead). Thread-safe.
 */
public final class AdvancedCompositionAccountant
    extends LedgerAccountant<AdvancedCompositionAccountant.Sums> {

  /** An accountant with nothing charged. */
  public AdvancedCompositionAccountant() {
    super(Family.APPROXIMATE_DP, Sums.EMPTY);
  }

  /**
   * The basic sums, sum epsilon_i tanh(epsilon_i / 2) and sum epsilon_i^2, each term rounded up and the
   * sums kept exactly; the composition's epsilon is rounded up ({@link Upward}), so it never under-reports.
   */
  record Sums(BasicAccountant.Sums basic, ExactLedgerSum tanhTerms, ExactLedgerSum squares)
      implements LedgerAccountant.Ledger<Sums> {

    static final Sums EMPTY = new Sums(BasicAccountant.Sums.EMPTY, ExactLedgerSum.ZERO, ExactLedgerSum.ZERO);

    @Override
    public Sums plus(Mechanism mechanism, int times) {
      double epsilon = BasicAccountant.budgetOf(mechanism).epsilon();
      return new Sums(basic.plus(mechanism, times),
          tanhTerms.plus(Upward.byUlps(epsilon * Math.tanh(epsilon / 2), Upward.TERM_ULPS), times),
          squares.plus(Upward.product(epsilon, epsilon), times));
    }

    @Override
    public PrivacyBudget spentOrNull(double delta) {
      PrivacyBudget sums = basic.spentOrNull(delta);
      if (sums == null || sums.delta() > delta) {
        return null;
      }
      double epsilon = sums.epsilon();
      double slack = Upward.differenceDown(delta, sums.delta());
      if (slack > 0) {
        double tanh = tanhTerms.value();
        double square = squares.value();
        double spread = 2 * square;
        double advanced = Math.min(
            tanh + Math.sqrt(spread * Math.log(Math.E + Math.sqrt(square) / slack)),
            tanh + Math.sqrt(spread * -Math.log(slack)));
        epsilon = Math.min(epsilon, Upward.byUlps(advanced, Upward.RESULT_ULPS));
      }
      return new PrivacyBudget(epsilon, delta);
    }
  }
}
