package org.pet.dp;

import java.math.BigInteger;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Exact Bernoulli samplers on rational probabilities, following Canonne, Kamath and Steinke, "The Discrete
 * Gaussian for Differential Privacy" (NeurIPS 2020), Algorithm 1. Only uniform integers are drawn; there is
 * no floating-point arithmetic, so the output distribution is exactly the stated one.
 */
final class ExactBernoulli {

  private final RandomGenerator random;

  ExactBernoulli(RandomGenerator random) {
    this.random = random;
  }

  /** Bernoulli(num / den) for {@code 0 <= num}, {@code den >= 1}; probabilities above 1 are 1. */
  boolean bernoulli(long num, long den) {
    if (num >= den) {
      return true;
    }
    return num > 0 && random.nextLong(den) < num;
  }

  /** Bernoulli(num / den) for non-negative big integers, {@code den >= 1}. */
  boolean bernoulli(BigInteger num, BigInteger den) {
    if (num.compareTo(den) >= 0) {
      return true;
    }
    return num.signum() > 0 && uniformBelow(den).compareTo(num) < 0;
  }

  /** Bernoulli(exp(-1)). */
  boolean expMinusOne() {
    return expMinusFraction(() -> true);
  }

  /** Bernoulli(exp(-num / den)) for {@code num >= 0}, {@code den >= 1}. */
  boolean expMinus(long num, long den) {
    long remainder = num % den;
    return expMinus(num / den, () -> bernoulli(remainder, den));
  }

  /** Bernoulli(exp(-num / den)) for non-negative big integers, {@code den >= 1}. */
  boolean expMinus(BigInteger num, BigInteger den) {
    BigInteger[] parts = num.divideAndRemainder(den);
    long whole = parts[0].bitLength() < Long.SIZE - 1 ? parts[0].longValue() : Long.MAX_VALUE;
    return expMinus(whole, () -> bernoulli(parts[1], den));
  }

  /** exp(-(whole + f)) = exp(-1)^whole * exp(-f), with {@code fractionCoin} a Bernoulli(f) coin. */
  private boolean expMinus(long whole, BooleanSupplier fractionCoin) {
    for (long i = 0; i < whole; i++) {
      if (!expMinusOne()) {
        return false;
      }
    }
    return expMinusFraction(fractionCoin);
  }

  /**
   * Bernoulli(exp(-g)) for g in [0, 1] given a Bernoulli(g) coin: count K, the first k with a failed
   * Bernoulli(g / k) draw; P(K > k) = g^k / k!, so P(K odd) = exp(-g).
   */
  private boolean expMinusFraction(BooleanSupplier coin) {
    long k = 1;
    while (coin.getAsBoolean() && bernoulli(1, k)) {
      k++;
    }
    return (k & 1) == 1;
  }

  /** A uniform integer in [0, bound) by rejection on bitLength(bound) random bits. */
  BigInteger uniformBelow(BigInteger bound) {
    int bits = bound.bitLength();
    byte[] bytes = new byte[(bits + 7) / 8];
    int excessBits = bytes.length * 8 - bits;
    BigInteger candidate;
    do {
      random.nextBytes(bytes);
      bytes[0] &= (byte) (0xFF >>> excessBits);
      candidate = new BigInteger(1, bytes);
    } while (candidate.compareTo(bound) >= 0);
    return candidate;
  }
}
