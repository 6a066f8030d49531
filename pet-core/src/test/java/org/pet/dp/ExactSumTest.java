package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The release conversion of {@link ExactSum}: the exact sum rounded once. */
class ExactSumTest {

  /** Unit 2^-34 for magnitudes in [64, 128). */
  private static final double UNIT = 0x1p-34;

  @Test
  void value_smallNegativeSum_isExact() {
    ExactSum sum = new ExactSum(100);
    sum.merge(-1, -3);

    assertThat(sum.value()).isEqualTo(-3 * UNIT);
  }

  @Test
  void value_sumBeyondOneWord_isRoundedOnceToTheNearestDouble() {
    for (long[] words : new long[][] {{5, 12_345}, {-2, 1}, {-(1L << 40), -1}, {1L << 50, Long.MIN_VALUE + 1}}) {
      ExactSum sum = new ExactSum(100);
      sum.merge(words[0], words[1]);
      BigInteger units = BigInteger.valueOf(words[0]).shiftLeft(64)
          .add(BigInteger.valueOf(words[1]).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));

      assertThat(sum.value()).isEqualTo(new BigDecimal(units).multiply(new BigDecimal(UNIT)).doubleValue());
    }
  }
}
