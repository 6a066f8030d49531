package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The 128-bit word operations agree with BigInteger. */
class UnsignedWordsProperties {

  private static final BigInteger MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static BigInteger unsigned(long word) {
    return BigInteger.valueOf(word).and(MASK);
  }

  /** Divisors of every size, powers of two and the extremes included. */
  @Provide
  Arbitrary<Long> divisors() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, Long.MAX_VALUE),
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 63))
            .as((value, bits) -> (value >>> bits) | 1),
        Arbitraries.integers().between(0, 63).map(bits -> 1L << bits),
        Arbitraries.of(1L, 2L, 3L, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0xFFFF_FFFFL, 0x1_0000_0001L));
  }

  @Property(tries = 2000)
  void divide_isTheFloorQuotientAndLeavesTheRemainder(
      @ForAll("divisors") long divisor, @ForAll long highSeed, @ForAll long low) {
    BigInteger d = unsigned(divisor);
    long high = unsigned(highSeed).mod(d).longValue(); // high < divisor
    BigInteger dividend = unsigned(high).shiftLeft(64).or(unsigned(low));
    long quotient = UnsignedWords.divide(high, low, divisor);
    assertThat(unsigned(quotient)).isEqualTo(dividend.divide(d));
    assertThat(unsigned(low - quotient * divisor)).isEqualTo(dividend.mod(d));
  }

  @Property(tries = 500)
  void divide_largestHighWord_stillFits(@ForAll("divisors") long divisor, @ForAll long low) {
    long high = divisor - 1;
    BigInteger dividend = unsigned(high).shiftLeft(64).or(unsigned(low));
    assertThat(unsigned(UnsignedWords.divide(high, low, divisor))).isEqualTo(dividend.divide(unsigned(divisor)));
  }

  @Property(tries = 300)
  void multiplyHigh_isTheHighWordOfTheUnsignedProduct(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a, @ForAll long b) {
    BigInteger product = BigInteger.valueOf(a).multiply(unsigned(b));
    assertThat(UnsignedWords.multiplyHigh(a, b)).isEqualTo(product.shiftRight(64).longValue());
  }
}
