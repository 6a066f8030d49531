package org.pet.dp.accounting;

import static org.pet.dp.accounting.AccountingChecks.checkDelta;
import static org.pet.dp.accounting.AccountingChecks.checkNotNull;
import static org.pet.dp.accounting.AccountingChecks.checkTimes;

/**
 * The shared machinery of the accountants: an immutable ledger of what has been charged, replaced
 * atomically under a private lock, so that {@code canCharge} evaluates a copy and {@code tryCharge} checks
 * and charges in one step.
 *
 * @param <L> the ledger type
 */
abstract class LedgerAccountant<L extends LedgerAccountant.Ledger<L>> implements PrivacyAccountant {

  /** An immutable record of the charges so far. */
  interface Ledger<L> {

    /** This ledger plus {@code times} runs of {@code mechanism}, which the accountant supports. */
    L plus(Mechanism mechanism, int times);

    /**
     * The guarantee at {@code delta} (already checked to be in [0, 1)), or null if no finite epsilon
     * holds there.
     */
    PrivacyBudget spentOrNull(double delta);
  }

  /** The two families of composition theorems, and the mechanisms each can compose. */
  enum Family {
    /** Composition of (epsilon, delta) guarantees: Laplace, PureDp and ApproximateDp. */
    APPROXIMATE_DP("Laplace, PureDp or ApproximateDp; describe a Gaussian by"
        + " gaussian.approximateDp(delta)"),
    /** Composition of Renyi divergence curves (zCDP, RDP): Laplace, PureDp and Gaussian. */
    RENYI("Laplace, PureDp or Gaussian; an ApproximateDp has no zCDP or Renyi bound, use"
        + " BasicAccountant or AdvancedCompositionAccountant");

    private final String accepted;

    Family(String accepted) {
      this.accepted = accepted;
    }

    boolean supports(Mechanism mechanism) {
      return mechanism instanceof Mechanism.Pure
          || (this == APPROXIMATE_DP ? mechanism instanceof Mechanism.ApproximateDp
              : mechanism instanceof Mechanism.Gaussian);
    }
  }

  private final Family family;
  private final Object lock = new Object();
  private L ledger;

  LedgerAccountant(Family family, L empty) {
    this.family = family;
    this.ledger = empty;
  }

  @Override
  public final boolean supports(Mechanism mechanism) {
    return family.supports(mechanism);
  }

  @Override
  public final void charge(Mechanism mechanism, int times) {
    checkMechanism(mechanism, times);
    synchronized (lock) {
      ledger = ledger.plus(mechanism, times);
    }
  }

  @Override
  public final PrivacyBudget spent(double delta) {
    checkDelta("delta", delta);
    PrivacyBudget spent = ledger().spentOrNull(delta);
    if (spent == null) {
      throw new IllegalArgumentException("`delta` must be large enough for a finite epsilon after the"
          + " charges so far (> 0 once a mechanism without pure DP is charged, >= the sum of the charged"
          + " deltas), was " + delta);
    }
    return spent;
  }

  @Override
  public final boolean canCharge(Mechanism mechanism, int times, PrivacyBudget limit) {
    checkMechanism(mechanism, times);
    checkNotNull("limit", limit);
    return fits(ledger().plus(mechanism, times), limit);
  }

  @Override
  public final boolean tryCharge(Mechanism mechanism, int times, PrivacyBudget limit) {
    checkMechanism(mechanism, times);
    checkNotNull("limit", limit);
    synchronized (lock) {
      L next = ledger.plus(mechanism, times);
      if (!fits(next, limit)) {
        return false;
      }
      ledger = next;
      return true;
    }
  }

  /** The current ledger. */
  final L ledger() {
    synchronized (lock) {
      return ledger;
    }
  }

  private static boolean fits(Ledger<?> ledger, PrivacyBudget limit) {
    PrivacyBudget spent = ledger.spentOrNull(limit.delta());
    return spent != null && limit.covers(spent);
  }

  private void checkMechanism(Mechanism mechanism, int times) {
    checkNotNull("mechanism", mechanism);
    if (!supports(mechanism)) {
      throw new IllegalArgumentException("`mechanism` must be one " + getClass().getSimpleName()
          + " can compose (" + family.accepted + "), was " + mechanism);
    }
    checkTimes(times);
  }
}
