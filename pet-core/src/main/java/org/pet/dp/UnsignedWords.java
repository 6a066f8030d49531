package org.pet.dp;

/**
 * Unsigned 128-bit products and quotients of 64-bit words, for the discrete Gaussian's long-arithmetic
 * paths (Java 17 has neither {@code Math.unsignedMultiplyHigh} nor a 128-by-64-bit division).
 */
final class UnsignedWords {

  private static final long HALF_MASK = 0xFFFF_FFFFL;
  private static final long HALF_BASE = 1L << 32;

  private UnsignedWords() {}

  /** The high word of the unsigned 128-bit product of {@code a >= 0} and the unsigned word {@code b}. */
  static long multiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((b >> 63) & a);
  }

  /**
   * floor((high 2^64 + low) / divisor) for unsigned {@code high} and {@code low} and
   * {@code 0 <= high < divisor} (so the quotient fits 64 bits, unsigned). Long division in base 2^32 on
   * the normalised divisor: each quotient digit is estimated from the leading digits and corrected at most
   * twice (Knuth, TAOCP vol. 2, 4.3.1, Algorithm D). The remainder is {@code low - quotient * divisor}
   * in wrapping arithmetic.
   */
  static long divide(long high, long low, long divisor) {
    int shift = Long.numberOfLeadingZeros(divisor);
    long d = divisor << shift;
    long top = shift == 0 ? high : (high << shift) | (low >>> (64 - shift));
    long rest = low << shift;
    long dHigh = d >>> 32;
    long dLow = d & HALF_MASK;
    long q1 = quotientDigit(top, rest >>> 32, dHigh, dLow);
    long middle = (top << 32) + (rest >>> 32) - q1 * d;
    long q0 = quotientDigit(middle, rest & HALF_MASK, dHigh, dLow);
    return (q1 << 32) + q0;
  }

  /**
   * The base-2^32 digit floor((top 2^32 + next) / d) for d = dHigh 2^32 + dLow normalised (top bit set)
   * and top < d, estimated as top / dHigh and corrected down while too large.
   */
  private static long quotientDigit(long top, long next, long dHigh, long dLow) {
    long q = Long.divideUnsigned(top, dHigh);
    long r = top - q * dHigh;
    while (Long.compareUnsigned(q, HALF_BASE) >= 0
        || Long.compareUnsigned(q * dLow, (r << 32) + next) > 0) {
      q--;
      r += dHigh;
      if (Long.compareUnsigned(r, HALF_BASE) >= 0) {
        break;
      }
    }
    return q;
  }
}
