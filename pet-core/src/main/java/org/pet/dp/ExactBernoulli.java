package org.pet.dp;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * Exact Bernoulli and geometric samplers on rational probabilities, following Canonne, Kamath and
 * Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020), Algorithm 1, plus exact
 * comparisons of a uniform random number with the binary expansion of e^-v and of a rational (drawn 64
 * bits at a time, so a Bernoulli costs one word however large the denominator). Only uniform integers are
 * drawn and there is no floating-point arithmetic, so every output distribution is exactly the stated one.
 *
 * <p>Callers pass a generator bound to the calling thread ({@code Randomness.threadBound}).
 */
final class ExactBernoulli {

  private ExactBernoulli() {}

  /** Bernoulli(num / den) for {@code 0 <= num}, {@code den >= 1}; probabilities above 1 are 1. */
  static boolean bernoulli(RandomGenerator random, long num, long den) {
    if (num >= den) {
      return true;
    }
    return num > 0 && uniformBelow(random, den) < num;
  }

  /**
   * A uniform integer in [0, bound) for {@code bound >= 1}, by Lemire's multiply-and-reject method
   * ("Fast random integer generation in an interval", 2019): the high word of a 64x64-bit product, with
   * a rejection step that removes the bias exactly; a division only in the rare rejection branch.
   */
  static long uniformBelow(RandomGenerator random, long bound) {
    long x = random.nextLong();
    long low = x * bound;
    if (Long.compareUnsigned(low, bound) < 0) {
      long threshold = Long.remainderUnsigned(-bound, bound);
      while (Long.compareUnsigned(low, threshold) < 0) {
        x = random.nextLong();
        low = x * bound;
      }
    }
    // High word of the unsigned product (bound is positive).
    return Math.multiplyHigh(x, bound) + ((x >> 63) & bound);
  }

  /**
   * Bernoulli(exp(-num / den)) for {@code 0 <= num < den} (CKS Algorithm 1): K counts the successes of
   * Bernoulli(g) * Bernoulli(1/k), k = 1, 2, ..., with g = num / den; P(K >= k) = g^k / k!, so the
   * probability that K is even is exp(-g).
   */
  static boolean expMinusBelowOne(RandomGenerator random, long num, long den) {
    long k = 0;
    while (bernoulli(random, num, den) && bernoulli(random, 1, k + 1)) {
      k++;
    }
    return (k & 1) == 0;
  }

  /**
   * Bernoulli(exp(-num / den)) for non-negative big integers, {@code den >= 1}: exp(-(w + f)) =
   * exp(-w) exp(-f) with w = floor(num / den), the first factor by comparing one uniform with e^-w, the
   * second by CKS Algorithm 1 on f with {@link #belowFraction} as its Bernoulli(f).
   */
  static boolean expMinus(RandomGenerator random, BigInteger num, BigInteger den) {
    BigInteger[] parts = num.divideAndRemainder(den);
    if (parts[0].signum() > 0) {
      long whole = parts[0].bitLength() < Long.SIZE ? parts[0].longValue() : Long.MAX_VALUE;
      if (!uniformBelowExpMinus(random, saturatedInt(whole))) {
        return false;
      }
    }
    long k = 0;
    while (belowFraction(random, parts[1], den) && bernoulli(random, 1, k + 1)) {
      k++;
    }
    return (k & 1) == 0;
  }

  /**
   * Whether U < num / den for a fresh uniform U in [0, 1), {@code 0 <= num < den}: U's bits are drawn 64
   * at a time, most significant first, and compared with the binary expansion of num / den word by word.
   * This is Bernoulli(num / den) exactly, with one draw unless a word ties (probability 2^-64 per word);
   * for num = 0 it draws nothing.
   */
  static boolean belowFraction(RandomGenerator random, BigInteger num, BigInteger den) {
    BigInteger remainder = num;
    while (remainder.signum() > 0) {
      BigInteger[] word = remainder.shiftLeft(Long.SIZE).divideAndRemainder(den);
      int order = Long.compareUnsigned(random.nextLong(), word[0].longValue());
      if (order != 0) {
        return order < 0;
      }
      remainder = word[1];
    }
    // U's bits drawn so far equal the whole (finite) expansion, so U >= num / den.
    return false;
  }

  /**
   * Finishes {@link #belowFraction} when U's first 64 bits have been drawn and equal the first word of
   * the expansion of num / den: compares the following words.
   */
  static boolean belowFractionAfterFirstWordTie(RandomGenerator random, BigInteger num, BigInteger den) {
    return belowFraction(random, num.shiftLeft(Long.SIZE).mod(den), den);
  }

  /** {@code value} capped at {@link Integer#MAX_VALUE}, for a non-negative exponent. */
  static int saturatedInt(long value) {
    return (int) Math.min(value, Integer.MAX_VALUE);
  }

  /** Bernoulli(exp(-1)), with one draw (almost always). */
  static boolean expMinusOne(RandomGenerator random) {
    return uniformBelowExpMinus(random, 1);
  }

  /**
   * V with P(V >= v) = e^-v for v = 0, 1, 2, ... (geometric with ratio e^-1): V = floor(-ln U) is the
   * number of v >= 1 with U < e^-v, found by comparing one uniform U with the tabulated expansions.
   */
  static long geometricExpMinusOne(RandomGenerator random) {
    long first = random.nextLong();
    long v = 0;
    while (v < ExpMinusExpansion.TABLE_SIZE) {
      int next = (int) v + 1;
      int order = Long.compareUnsigned(first, ExpMinusExpansion.high(next));
      if (order > 0) {
        return v;
      }
      if (order == 0) {
        // The first 64 bits tie with e^-next: decide with more bits, then count the rest exactly.
        return uniformBelowExpMinus(random, next, first) ? countBelow(random, next + 1) : v;
      }
      v = next;
    }
    return countBelow(random, ExpMinusExpansion.TABLE_SIZE + 1);
  }

  /**
   * Continues the count of {@link #geometricExpMinusOne} beyond {@code from - 1}, given that U < e^-(from-1)
   * (reached with probability at most e^-64): by memorylessness, this is from - 1 plus a fresh count.
   */
  private static long countBelow(RandomGenerator random, int from) {
    return from - 1 + geometricExpMinusOne(random);
  }

  /** P(U < e^-v) = e^-v for a fresh uniform U; v >= 1. */
  static boolean uniformBelowExpMinus(RandomGenerator random, int v) {
    return uniformBelowExpMinus(random, v, random.nextLong());
  }

  /** Whether U < e^-v, where {@code first} holds the first 64 bits of U and more are drawn as needed. */
  private static boolean uniformBelowExpMinus(RandomGenerator random, int v, long first) {
    if (v <= ExpMinusExpansion.TABLE_SIZE) {
      int order = Long.compareUnsigned(first, ExpMinusExpansion.high(v));
      if (order != 0) {
        return order < 0;
      }
      long second = random.nextLong();
      order = Long.compareUnsigned(second, ExpMinusExpansion.low(v));
      if (order != 0) {
        return order < 0;
      }
      return uniformBelowExpMinusSlow(random, v, toUnsigned(first).shiftLeft(64).or(toUnsigned(second)), 128);
    }
    return uniformBelowExpMinusSlow(random, v, toUnsigned(first), 64);
  }

  /**
   * U lies in [prefix / 2^bits, (prefix + 1) / 2^bits) and e^-v in [T / 2^bits, (T + 1) / 2^bits) with
   * T = floor(e^-v 2^bits): prefix < T means U < e^-v, prefix > T the opposite, and a tie needs more bits.
   */
  private static boolean uniformBelowExpMinusSlow(RandomGenerator random, int v, BigInteger prefix, int bits) {
    while (true) {
      int order = prefix.compareTo(ExpMinusExpansion.floorScaled(v, bits));
      if (order != 0) {
        return order < 0;
      }
      prefix = prefix.shiftLeft(64).or(toUnsigned(random.nextLong()));
      bits += 64;
    }
  }

  private static BigInteger toUnsigned(long word) {
    BigInteger value = BigInteger.valueOf(word);
    return word >= 0 ? value : value.add(BigInteger.ONE.shiftLeft(64));
  }
}
