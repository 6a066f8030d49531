package org.pet.dp;

import java.math.BigInteger;

/**
 * An exact running sum of clamped values, immune to floating-point accumulation error (which can make a
 * naive double sum exceed its assumed sensitivity; Casacuberta et al., "Widespread Underestimation of
 * Sensitivity in Differentially Private Libraries", CCS 2022). Each value is rounded once to a multiple
 * of a fixed power of two u (2^-40 of the largest magnitude the clamp allows, chosen from the bounds
 * only), and the integer multiples are added exactly in 128-bit two's complement. The sum is converted
 * to a double once, at release.
 */
final class ExactSum {

  private static final BigInteger LOW_WORD = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final double unit;
  /** Rounded values are clamped to +-maxUnits, so no rounding can exceed the clamp's magnitude. */
  private final long maxUnits;
  private long high;
  private long low;

  /** @param maxMagnitude the largest |value| the clamp allows; positive and finite */
  ExactSum(double maxMagnitude) {
    this.unit = Math.scalb(1.0, Math.getExponent(maxMagnitude) - 40);
    this.maxUnits = (long) Math.floor(maxMagnitude / unit);
  }

  /** The rounding unit u. */
  double unit() {
    return unit;
  }

  void add(double clampedValue) {
    addUnits(Math.max(-maxUnits, Math.min(maxUnits, Math.round(clampedValue / unit))));
  }

  private void addUnits(long units) {
    long sum = low + units;
    high += (units >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
  }

  /** Adds another exact sum's state (same unit). */
  void merge(long otherHigh, long otherLow) {
    long sum = low + otherLow;
    high += otherHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
  }

  long high() {
    return high;
  }

  long low() {
    return low;
  }

  /**
   * The sum as a double: the exact number of units rounded once to the nearest double, times u (exact:
   * a power of two). A fixed function of the exact sum.
   */
  double value() {
    double units = high == low >> 63
        ? (double) low
        : BigInteger.valueOf(high).shiftLeft(64).add(BigInteger.valueOf(low).and(LOW_WORD)).doubleValue();
    return units * unit;
  }
}
