package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExactBernoulliTest {

  private static final int N = 400_000;

  /** The fraction of N trials that succeed. */
  private static double hitRate(BooleanSupplier trial) {
    int hits = 0;
    for (int i = 0; i < N; i++) {
      hits += trial.getAsBoolean() ? 1 : 0;
    }
    return (double) hits / N;
  }

  /** Five binomial standard deviations: a false alarm below 6e-7 per check. */
  private static double tolerance(double p) {
    return 5 * Math.sqrt(p * (1 - p) / N);
  }

  /** Known answers: e^-v in hex, from 120-digit decimal arithmetic (Python decimal). */
  @ParameterizedTest
  @CsvSource({
      "1, 5e2d58d8b3bcdf1a, badec7829054f90d, da9805aab56c7733",
      "2, 22a555477f03973f, b6edd5c25a052ae3, f0dd961da28ac995",
      "30, 00000000001a56e0, c2ac7f74d50fd4e3, d400f81e6b7e3875"})
  void expansion_matchesKnownAnswers(int v, String high, String low, String third) {
    assertThat(ExpMinusExpansion.high(v)).isEqualTo(Long.parseUnsignedLong(high, 16));
    assertThat(ExpMinusExpansion.low(v)).isEqualTo(Long.parseUnsignedLong(low, 16));
    assertThat(ExpMinusExpansion.floorScaled(v, 192)).isEqualTo(new BigInteger(high + low + third, 16));
  }

  @ParameterizedTest
  @CsvSource({"0, 7", "1, 3", "5, 7", "999, 1000", "1, 1000000007"})
  void expMinusBelowOne_frequencyIsExpOfMinusGamma(long num, long den) {
    RandomGenerator random = new SplittableRandom(num * 31 + den);
    double p = Math.exp(-(double) num / den);
    assertThat(hitRate(() -> ExactBernoulli.expMinusBelowOne(random, num, den)))
        .isCloseTo(p, within(tolerance(p) + 1e-12));
  }

  @ParameterizedTest
  @CsvSource({"3, 2", "7, 3", "1, 1", "0, 5"})
  void expMinus_bigIntegers_frequencyIsExpOfMinusGamma(long num, long den) {
    RandomGenerator random = new SplittableRandom(num * 17 + den);
    double p = Math.exp(-(double) num / den);
    assertThat(hitRate(() -> ExactBernoulli.expMinus(random, BigInteger.valueOf(num), BigInteger.valueOf(den))))
        .isCloseTo(p, within(tolerance(p)));
  }

  @Test
  void geometricExpMinusOne_tailIsExpOfMinusV() {
    RandomGenerator random = new SplittableRandom(5);
    int[] atLeast = new int[6];
    for (int i = 0; i < N; i++) {
      long v = ExactBernoulli.geometricExpMinusOne(random);
      for (int j = 0; j <= Math.min(v, 5); j++) {
        atLeast[j]++;
      }
    }
    for (int v = 0; v <= 5; v++) {
      double p = Math.exp(-v);
      assertThat((double) atLeast[v] / N).as("P(V >= %d)", v).isCloseTo(p, within(tolerance(p) + 1e-12));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 10, 1L << 40, (1L << 62) + 1, Long.MAX_VALUE})
  void uniformBelow_staysInRangeAndIsUnbiasedOnItsLowBit(long bound) {
    RandomGenerator random = new SplittableRandom(bound);
    int odd = 0;
    for (int i = 0; i < N; i++) {
      long u = ExactBernoulli.uniformBelow(random, bound);
      assertThat(u).isBetween(0L, bound - 1);
      odd += (int) (u & 1);
    }
    double p = (double) (bound / 2) / bound;
    assertThat((double) odd / N).isCloseTo(p, within(tolerance(p) + 1e-12));
  }

  /** A generator replaying fixed words, to drive the comparison into its rare tie branches. */
  private static RandomGenerator replay(long... words) {
    return new RandomGenerator() {
      private int next;

      @Override
      public long nextLong() {
        return words[next++];
      }
    };
  }

  @Test
  void uniformBelowExpMinus_tieOnFirst128Bits_isDecidedByFurtherBits() {
    long high = ExpMinusExpansion.high(1);
    long low = ExpMinusExpansion.low(1);
    long third = ExpMinusExpansion.floorScaled(1, 192).longValue(); // bits 129..192
    assertThat(ExactBernoulli.uniformBelowExpMinus(replay(high, low, third - 1), 1)).isTrue();
    assertThat(ExactBernoulli.uniformBelowExpMinus(replay(high, low, third + 1), 1)).isFalse();
    assertThat(ExactBernoulli.uniformBelowExpMinus(replay(high - 1), 1)).isTrue();
    assertThat(ExactBernoulli.uniformBelowExpMinus(replay(high, low + 1), 1)).isFalse();
  }

  @Test
  void geometricExpMinusOne_tieWithATableEntry_countsOnExactly() {
    // U ties e^-1 on 64 bits and lies below it: V >= 1, then a fresh count of 0 (word above e^-1).
    long high = ExpMinusExpansion.high(1);
    long low = ExpMinusExpansion.low(1);
    assertThat(ExactBernoulli.geometricExpMinusOne(replay(high, low - 1, -1L))).isEqualTo(1);
    assertThat(ExactBernoulli.geometricExpMinusOne(replay(high, low + 1))).isZero();
    // e^-45 = 2.9e-20 < 2^-64: its first 64 bits are zero, so U = 0.(64 zeros)(...) ties there.
    assertThat(ExpMinusExpansion.high(45)).isZero();
    assertThat(ExpMinusExpansion.high(44)).isNotZero();
    // U = 2^-64 - 2^-128 > e^-45 but below e^-44: V = 44.
    assertThat(ExactBernoulli.geometricExpMinusOne(replay(0L, -1L))).isEqualTo(44);
    // U < 2^-128 < e^-45: V >= 45, then a fresh count of 0.
    assertThat(ExactBernoulli.geometricExpMinusOne(replay(0L, 0L, -1L))).isEqualTo(45);
  }

  @Test
  void belowFraction_comparesWordsOfTheExpansion() {
    BigInteger one = BigInteger.ONE;
    BigInteger three = BigInteger.valueOf(3);
    long third = 0x5555555555555555L; // 1/3 = 0.0101...
    assertThat(ExactBernoulli.belowFraction(replay(third - 1), one, three)).isTrue();
    assertThat(ExactBernoulli.belowFraction(replay(third + 1), one, three)).isFalse();
    // A tie on the first word is decided by the second.
    assertThat(ExactBernoulli.belowFraction(replay(third, third - 1), one, three)).isTrue();
    assertThat(ExactBernoulli.belowFraction(replay(third, third + 1), one, three)).isFalse();
    assertThat(ExactBernoulli.belowFractionAfterFirstWordTie(replay(third - 1), one, three)).isTrue();
  }

  @Test
  void belowFraction_dyadicOrZero_endsWithTheExpansion() {
    // 1/2 = 0.1 exactly: U with first word 2^63 is at least 1/2 whatever follows, so one draw decides.
    assertThat(ExactBernoulli.belowFraction(replay(Long.MIN_VALUE), BigInteger.ONE, BigInteger.TWO)).isFalse();
    assertThat(ExactBernoulli.belowFraction(replay(Long.MIN_VALUE - 1), BigInteger.ONE, BigInteger.TWO)).isTrue();
    // Probability 0 draws nothing (the replay has no words).
    assertThat(ExactBernoulli.belowFraction(replay(), BigInteger.ZERO, BigInteger.TEN)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"1, 3", "2, 7", "999999999999, 1000000000000", "1, 1000000000000"})
  void belowFraction_frequencyIsTheFraction(long num, long den) {
    RandomGenerator random = new SplittableRandom(num * 13 + den);
    double p = (double) num / den;
    assertThat(hitRate(() -> ExactBernoulli.belowFraction(random, BigInteger.valueOf(num), BigInteger.valueOf(den))))
        .isCloseTo(p, within(tolerance(p) + 1e-12));
  }

  @Test
  void uniformBelowExpMinus_hugeExponent_decidedByTheFirstNonZeroWord() {
    // e^-(2^31 - 1) has billions of leading zero bits: any non-zero word decides at once, exactly.
    assertThat(ExactBernoulli.uniformBelowExpMinus(replay(1L), Integer.MAX_VALUE)).isFalse();
    assertThat(ExactBernoulli.uniformBelowExpMinus(replay(0L, 0L, 0L, 1L), Integer.MAX_VALUE)).isFalse();
    assertThat(ExpMinusExpansion.floorScaled(1000, 1440)).isZero();
    assertThat(ExpMinusExpansion.floorScaled(1000, 1443)).isEqualTo(1); // 2^(1443 - 1442.695...)
  }
}
