package org.pet.dp.accounting;

import java.math.BigDecimal;

/**
 * An immutable ledger sum of epsilons or deltas, kept exactly and read with a single rounding toward
 * positive infinity: it does not depend on the order of the charges, does not drift over many of them,
 * and the reported spend is the smallest double not below the exact total, so an accountant never
 * under-reports what was spent (rounding to nearest could, by up to half an ulp). Ten charges of 0.1
 * report 1.0000000000000002: the exact total of the ten doubles is 1.0000000000000000555..., which
 * rounding to nearest would report as 1.0. A total that a double holds exactly, such as four charges of
 * 0.25, is reported as it is.
 */
final class ExactLedgerSum {

  static final ExactLedgerSum ZERO = new ExactLedgerSum(BigDecimal.ZERO);

  private final BigDecimal sum;

  private ExactLedgerSum(BigDecimal sum) {
    this.sum = sum;
  }

  /** This sum plus {@code times} copies of {@code term}, exactly. */
  ExactLedgerSum plus(double term, int times) {
    return new ExactLedgerSum(sum.add(new BigDecimal(term).multiply(BigDecimal.valueOf(times))));
  }

  /** The smallest double at or above the exact sum (infinite if the sum exceeds every finite double). */
  double value() {
    double nearest = sum.doubleValue();
    return Double.isFinite(nearest) && new BigDecimal(nearest).compareTo(sum) < 0 ? Math.nextUp(nearest) : nearest;
  }
}
