package org.pet.dp.accounting;

import static org.pet.dp.accounting.AccountingChecks.checkDelta;
import static org.pet.dp.accounting.AccountingChecks.checkNonNegative;
import static org.pet.dp.accounting.AccountingChecks.checkNotNull;

/**
 * An (epsilon, delta) differential-privacy guarantee or limit: a mechanism is (epsilon, delta)-DP when
 * for all neighbouring inputs x, x' and every set S of outputs, P[M(x) in S] &lt;= e^epsilon P[M(x') in S] +
 * delta (Dwork and Roth 2014, Definition 2.4). Used both for what an accountant has {@link
 * PrivacyAccountant#spent spent} and for the limit a query must stay within.
 *
 * @param epsilon finite and {@code >= 0}
 * @param delta in [0, 1); 0 means pure epsilon-DP
 */
public record PrivacyBudget(double epsilon, double delta) {

  /** (0, 0): nothing spent, or a limit that admits nothing but constant outputs. */
  public static final PrivacyBudget ZERO = new PrivacyBudget(0, 0);

  /**
   * @throws IllegalArgumentException if {@code epsilon} is NaN, infinite or negative, or {@code delta} is
   *     outside [0, 1)
   */
  public PrivacyBudget {
    checkNonNegative("epsilon", epsilon);
    checkDelta("delta", delta);
  }

  /**
   * Pure epsilon-DP: {@code (epsilon, 0)}.
   *
   * @throws IllegalArgumentException if {@code epsilon} is NaN, infinite or negative
   */
  public static PrivacyBudget pure(double epsilon) {
    return new PrivacyBudget(epsilon, 0);
  }

  /** Whether delta is 0. */
  public boolean isPure() {
    return delta == 0;
  }

  /**
   * Whether {@code other} stays within this budget: {@code other.epsilon() <= epsilon()} and {@code
   * other.delta() <= delta()}. An (epsilon, delta)-DP mechanism is (epsilon', delta')-DP for every
   * epsilon' >= epsilon and delta' >= delta, so a guarantee this budget covers also meets this budget.
   *
   * @throws IllegalArgumentException if {@code other} is null
   */
  public boolean covers(PrivacyBudget other) {
    checkNotNull("other", other);
    return other.epsilon <= epsilon && other.delta <= delta;
  }
}
