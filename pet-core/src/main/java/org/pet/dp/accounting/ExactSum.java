package org.pet.dp.accounting;

import java.math.BigDecimal;

/**
 * An immutable sum of doubles kept exactly and read with a single rounding to nearest: it does not depend
 * on the order of the terms, does not drift over many charges, and ten charges of 0.1 spend 1.0 (a double
 * loop gives 0.9999999999999999). The reported value is within half an ulp of the true sum.
 */
final class ExactSum {

  static final ExactSum ZERO = new ExactSum(BigDecimal.ZERO);

  private final BigDecimal sum;

  private ExactSum(BigDecimal sum) {
    this.sum = sum;
  }

  /** This sum plus {@code times} copies of {@code term}, exactly. */
  ExactSum plus(double term, int times) {
    return new ExactSum(sum.add(new BigDecimal(term).multiply(BigDecimal.valueOf(times))));
  }

  /** The double nearest to the exact sum. */
  double value() {
    return sum.doubleValue();
  }
}
