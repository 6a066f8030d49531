package org.pet.dp;

import java.math.BigInteger;

/**
 * An exact running sum of clamped values, immune to floating-point accumulation error (which can make a
 * naive double sum exceed its assumed sensitivity; Casacuberta et al., "Widespread Underestimation of
 * Sensitivity in Differentially Private Libraries", CCS 2022). Each value is rounded once to a multiple
 * of a fixed power of two u (2^-40 of the largest magnitude the clamp allows, chosen from the bounds
 * only; see {@link UnitRounding}), and the integer multiples are added exactly in 128-bit two's
 * complement. The sum is converted to a double once, at release. Bulk callers round values themselves with
 * {@link #units(double)}, add them up exactly in a narrower form ({@link LaneAccumulator}) and add the
 * total with {@link #addUnits(long)}: the state is the same integer whatever the path and the order.
 */
final class ExactSum {

  private static final BigInteger LOW_WORD = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final UnitRounding rounding;
  private long high;
  private long low;

  /** @param maxMagnitude the largest |value| the clamp allows; positive and finite */
  ExactSum(double maxMagnitude) {
    this(UnitRounding.clamping(-maxMagnitude, maxMagnitude, maxMagnitude));
  }

  ExactSum(UnitRounding rounding) {
    this.rounding = rounding;
  }

  /** The rounding unit u. */
  double unit() {
    return rounding.unit();
  }

  /** The value's units, as {@link UnitRounding#units(double)}. */
  double units(double value) {
    return rounding.units(value);
  }

  /** Adds the value's units; NaN adds nothing. */
  void add(double value) {
    addUnits((long) units(value));
  }

  /** Adds a whole number of units. */
  void addUnits(long units) {
    merge(units >> 63, units);
  }

  /** Adds another exact sum's state (same unit). */
  void merge(long otherHigh, long otherLow) {
    long sum = low + otherLow;
    long carry = ((low & otherLow) | ((low | otherLow) & ~sum)) >>> 63;
    high += otherHigh + carry;
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
    return units * unit();
  }
}
