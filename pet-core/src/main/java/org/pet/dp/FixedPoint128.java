package org.pet.dp;

import java.math.BigInteger;

/**
 * A fixed-point number {@code whole + high 2^-64 + low 2^-128}: a signed integer part and 128 fractional
 * bits in two unsigned words. Sums, differences and products by non-negative longs are exact (192-bit
 * two's complement), provided the integer part does not overflow, which callers rule out by bounding
 * their operands. This is the long-word arithmetic of {@link GaussianAcceptance}'s fast path.
 *
 * @param whole the integer part (floor of the value)
 * @param high fractional bits 1..64, unsigned
 * @param low fractional bits 65..128, unsigned
 */
record FixedPoint128(long whole, long high, long low) {

  private static final BigInteger WORD_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * floor(num / den * 2^128) / 2^128: the value truncated to 128 fractional bits.
   *
   * @throws ArithmeticException if the integer part does not fit a long
   */
  static FixedPoint128 floorOf(BigInteger num, BigInteger den) {
    BigInteger scaled = num.shiftLeft(128).divide(den);
    return new FixedPoint128(scaled.shiftRight(128).longValueExact(),
        scaled.shiftRight(64).and(WORD_MASK).longValue(), scaled.and(WORD_MASK).longValue());
  }

  /** The exact value times 2^128, for tests and checks. */
  BigInteger scaled() {
    return BigInteger.valueOf(whole).shiftLeft(128)
        .add(unsigned(high).shiftLeft(64)).add(unsigned(low));
  }

  /** This times {@code factor >= 0}, exactly (the integer part must not overflow). */
  FixedPoint128 times(long factor) {
    long lowProduct = factor * low;
    long highProduct = factor * high;
    long highSum = highProduct + UnsignedWords.multiplyHigh(factor, low);
    long carry = Long.compareUnsigned(highSum, highProduct) < 0 ? 1 : 0;
    return new FixedPoint128(factor * whole + UnsignedWords.multiplyHigh(factor, high) + carry, highSum, lowProduct);
  }

  FixedPoint128 plus(FixedPoint128 other) {
    long lowSum = low + other.low;
    long carryIntoHigh = Long.compareUnsigned(lowSum, low) < 0 ? 1 : 0;
    long highSum = high + other.high;
    long carryIntoWhole = Long.compareUnsigned(highSum, high) < 0 ? 1 : 0;
    long highTotal = highSum + carryIntoHigh;
    carryIntoWhole += Long.compareUnsigned(highTotal, highSum) < 0 ? 1 : 0;
    return new FixedPoint128(whole + other.whole + carryIntoWhole, highTotal, lowSum);
  }

  FixedPoint128 minus(FixedPoint128 other) {
    long lowDifference = low - other.low;
    long borrowFromHigh = Long.compareUnsigned(low, other.low) < 0 ? 1 : 0;
    long highDifference = high - other.high;
    long borrowFromWhole = Long.compareUnsigned(high, other.high) < 0 ? 1 : 0;
    long highTotal = highDifference - borrowFromHigh;
    borrowFromWhole += Long.compareUnsigned(highDifference, borrowFromHigh) < 0 ? 1 : 0;
    return new FixedPoint128(whole - other.whole - borrowFromWhole, highTotal, lowDifference);
  }

  private static BigInteger unsigned(long word) {
    return BigInteger.valueOf(word).and(WORD_MASK);
  }
}
