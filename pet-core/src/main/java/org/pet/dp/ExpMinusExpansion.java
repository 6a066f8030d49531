package org.pet.dp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Exact binary expansions of e^-v for positive integers v, for comparing a uniform random number with
 * e^-v bit by bit: {@code floor(e^-v * 2^bits)} is computed in high-precision decimal arithmetic with a
 * certified error bound, so every bit returned is exact (e^-v is irrational, so an expansion never ends
 * and the comparison terminates with probability 1).
 *
 * <p>The first 128 bits for v = 1..{@link #TABLE_SIZE} are tabulated at class initialisation as two
 * unsigned 64-bit words; longer expansions are computed on demand (needed with probability 2^-128).
 */
final class ExpMinusExpansion {

  static final int TABLE_SIZE = 64;
  /** HIGH[v] = bits 1..64 of e^-v after the binary point; LOW[v] = bits 65..128 (unsigned). */
  private static final long[] HIGH = new long[TABLE_SIZE + 1];
  private static final long[] LOW = new long[TABLE_SIZE + 1];
  private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  static {
    for (int v = 1; v <= TABLE_SIZE; v++) {
      BigInteger bits = floorScaled(v, 128);
      HIGH[v] = bits.shiftRight(64).longValue();
      LOW[v] = bits.and(MASK_64).longValue();
    }
  }

  private ExpMinusExpansion() {}

  static long high(int v) {
    return HIGH[v];
  }

  static long low(int v) {
    return LOW[v];
  }

  /** floor(e^-v * 2^bits), exactly. */
  static BigInteger floorScaled(int v, int bits) {
    if (100L * bits <= 144L * v) {
      // e^-v 2^bits = 2^(bits - v log2(e)) < 1 as log2(e) > 1.44: no Taylor series of e^v needed (for a
      // large v it would not finish).
      return BigInteger.ZERO;
    }
    for (int digits = bits * 31 / 100 + 40; ; digits *= 2) {
      MathContext context = new MathContext(digits, RoundingMode.HALF_EVEN);
      BigDecimal scaled = new BigDecimal(BigInteger.ONE.shiftLeft(bits))
          .divide(exp(v, context), context);
      // The relative error of exp and of the division is below v * 10^(4 - digits); take both ends.
      BigDecimal error = scaled.abs().multiply(BigDecimal.ONE.movePointLeft(digits - 4 - digitsOf(v)));
      BigInteger low = scaled.subtract(error).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      BigInteger high = scaled.add(error).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      if (low.equals(high)) {
        return low;
      }
    }
  }

  private static int digitsOf(int v) {
    return Integer.toString(v).length();
  }

  /** e^v by its Taylor series, with relative error below 10^(2 - precision) for v <= 2^20. */
  private static BigDecimal exp(int v, MathContext context) {
    BigDecimal x = BigDecimal.valueOf(v);
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal negligible = BigDecimal.ONE.movePointLeft(context.getPrecision() + 5);
    for (int k = 1; term.compareTo(negligible) > 0 || k <= v; k++) {
      term = term.multiply(x, context).divide(BigDecimal.valueOf(k), context);
      sum = sum.add(term, context);
    }
    return sum;
  }
}
