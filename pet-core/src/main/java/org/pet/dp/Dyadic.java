package org.pet.dp;

/**
 * The exact value of a positive normal double as {@code mantissa * 2^exponent} with an odd mantissa.
 *
 * @param mantissa odd, at most 53 bits
 * @param exponent power of two
 */
record Dyadic(long mantissa, int exponent) {

  static Dyadic of(double value) {
    int exponent = Math.getExponent(value) - 52;
    long mantissa = (long) Math.scalb(value, -exponent);
    int trailingZeros = Long.numberOfTrailingZeros(mantissa);
    return new Dyadic(mantissa >> trailingZeros, exponent + trailingZeros);
  }
}
