package org.pet.dp.accounting;

import org.pet.dp.accounting.Mechanism.ApproximateDp;
import org.pet.dp.accounting.Mechanism.Laplace;

/**
 * Basic composition: mechanisms that are (epsilon_i, delta_i)-DP compose, even adaptively, to
 * (sum epsilon_i, sum delta_i)-DP (Dwork and Roth 2014, Theorem 3.16; Dwork, Kenthapadi, McSherry, Mironov
 * and Naor, EUROCRYPT 2006).
 *
 * <p>Accepts {@link Laplace} and {@link Mechanism.PureDp} (as (epsilon, 0)) and {@link ApproximateDp};
 * rejects {@link
 * Mechanism.Gaussian}, which has no single (epsilon, delta) - charge {@code gaussian.approximateDp(delta)}
 * instead. {@link #spent(double)} checks its argument but ignores it: it returns the two sums, each kept
 * exactly and rounded once, upward, so the reported spend is never below the true one. Thread-safe.
 */
public final class BasicAccountant extends LedgerAccountant<BasicAccountant.Sums> {

  /** An accountant with nothing charged. */
  public BasicAccountant() {
    super(Family.APPROXIMATE_DP, Sums.EMPTY);
  }

  /** The (epsilon, delta) of a mechanism an (epsilon, delta) accountant supports. */
  static PrivacyBudget budgetOf(Mechanism mechanism) {
    return mechanism instanceof Mechanism.Pure pure
        ? pure.budget()
        : ((ApproximateDp) mechanism).budget();
  }

  /** The exact sums of the charged epsilons and deltas. */
  record Sums(ExactLedgerSum epsilon, ExactLedgerSum delta) implements LedgerAccountant.Ledger<Sums> {

    static final Sums EMPTY = new Sums(ExactLedgerSum.ZERO, ExactLedgerSum.ZERO);

    @Override
    public Sums plus(Mechanism mechanism, int times) {
      PrivacyBudget budget = budgetOf(mechanism);
      return new Sums(epsilon.plus(budget.epsilon(), times), delta.plus(budget.delta(), times));
    }

    @Override
    public PrivacyBudget spentOrNull(double ignoredDelta) {
      double totalEpsilon = epsilon.value();
      double totalDelta = delta.value();
      return totalEpsilon < Double.POSITIVE_INFINITY && totalDelta < 1
          ? new PrivacyBudget(totalEpsilon, totalDelta)
          : null;
    }
  }
}
