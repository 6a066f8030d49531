package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ExactLedgerSumTest {

  /** Asserts that {@code reported} is the smallest double at or above {@code exact}. */
  static void assertSmallestDoubleNotBelow(double reported, BigDecimal exact) {
    assertThat(new BigDecimal(reported)).as("reported spend vs exact total").isGreaterThanOrEqualTo(exact);
    assertThat(new BigDecimal(Math.nextDown(reported))).as("the next double down").isLessThan(exact);
  }

  @Test
  void value_tenChargesOfOneTenth_roundsUpWhereNearestWouldUnderReport() {
    BigDecimal exact = new BigDecimal(0.1).multiply(BigDecimal.TEN); // 1.0000000000000000555...
    // Rounding to nearest gives 1.0, below what was spent.
    assertThat(new BigDecimal(exact.doubleValue())).isLessThan(exact);
    double reported = ExactLedgerSum.ZERO.plus(0.1, 10).value();
    assertThat(reported).isEqualTo(Math.nextUp(1.0));
    assertSmallestDoubleNotBelow(reported, exact);
  }

  @Test
  void value_oneTenthAddedThreeTimes_isNotBelowTheExactTotal() {
    ExactLedgerSum sum = ExactLedgerSum.ZERO;
    for (int i = 0; i < 3; i++) {
      sum = sum.plus(0.1, 1);
    }
    // 0.3000000000000000166...: halfway between two doubles; the upper one is reported.
    BigDecimal exact = new BigDecimal(0.1).multiply(BigDecimal.valueOf(3));
    assertThat(sum.value()).isEqualTo(0.30000000000000004);
    assertSmallestDoubleNotBelow(sum.value(), exact);
  }

  @Test
  void value_exactlyRepresentableTotal_isReportedAsItIs() {
    assertThat(ExactLedgerSum.ZERO.plus(0.25, 4).value()).isEqualTo(1.0);
    assertThat(ExactLedgerSum.ZERO.value()).isZero();
  }

  @Test
  void value_totalBeyondTheLargestDouble_isInfinite() {
    assertThat(ExactLedgerSum.ZERO.plus(Double.MAX_VALUE, 2).value()).isEqualTo(Double.POSITIVE_INFINITY);
    // Just above the largest double, but rounding to nearest would give it back: upward is infinity.
    assertThat(ExactLedgerSum.ZERO.plus(Double.MAX_VALUE, 1).plus(Double.MIN_VALUE, 1).value())
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Property(tries = 300)
  void value_anyCharges_isTheSmallestDoubleNotBelowTheExactTotal(
      @ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = -12, max = 1) Double> log10Terms,
      @ForAll @IntRange(min = 1, max = 1000) int times) {
    ExactLedgerSum sum = ExactLedgerSum.ZERO;
    BigDecimal exact = BigDecimal.ZERO;
    for (double log10Term : log10Terms) {
      double term = Math.pow(10, log10Term);
      sum = sum.plus(term, times);
      exact = exact.add(new BigDecimal(term).multiply(BigDecimal.valueOf(times)));
    }
    assertSmallestDoubleNotBelow(sum.value(), exact);
  }
}
