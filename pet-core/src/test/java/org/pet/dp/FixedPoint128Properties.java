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

/** The fixed-point words agree with exact BigInteger arithmetic on every operation. */
class FixedPoint128Properties {

  /** Values with a small signed integer part and arbitrary fractional words (edge words included). */
  @Provide
  Arbitrary<FixedPoint128> values() {
    Arbitrary<Long> words = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE));
    return Combinators.combine(Arbitraries.longs().between(-(1L << 40), 1L << 40), words, words)
        .as(FixedPoint128::new);
  }

  @Property(tries = 500)
  void plusAndMinus_matchExactSums(@ForAll("values") FixedPoint128 a, @ForAll("values") FixedPoint128 b) {
    assertThat(a.plus(b).scaled()).isEqualTo(a.scaled().add(b.scaled()));
    assertThat(a.minus(b).scaled()).isEqualTo(a.scaled().subtract(b.scaled()));
  }

  @Property(tries = 500)
  void times_matchesExactProduct(
      @ForAll("values") FixedPoint128 a, @ForAll @LongRange(min = 0, max = 1L << 22) long factor) {
    assertThat(a.times(factor).scaled()).isEqualTo(a.scaled().multiply(BigInteger.valueOf(factor)));
  }

  @Property(tries = 300)
  void times_largeFactorWithSmallIntegerPart_matchesExactProduct(
      @ForAll @LongRange(min = 0, max = 3) long whole, @ForAll long high, @ForAll long low,
      @ForAll @LongRange(min = 0, max = 1L << 60) long factor) {
    FixedPoint128 a = new FixedPoint128(whole, high, low);
    assertThat(a.times(factor).scaled()).isEqualTo(a.scaled().multiply(BigInteger.valueOf(factor)));
  }

  @Property(tries = 300)
  void floorOf_isTheTruncatedQuotient(
      @ForAll @LongRange(min = 0, max = 1L << 40) long num, @ForAll @LongRange(min = 1) long den) {
    BigInteger n = BigInteger.valueOf(num).multiply(BigInteger.valueOf(1L << 20));
    BigInteger d = BigInteger.valueOf(den);
    FixedPoint128 value = FixedPoint128.floorOf(n, d);
    assertThat(value.scaled()).isEqualTo(n.shiftLeft(128).divide(d));
  }
}
