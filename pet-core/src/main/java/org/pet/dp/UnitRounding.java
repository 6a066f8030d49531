package org.pet.dp;

/**
 * The one rounding of values to whole units that every path into an {@link ExactSum} uses, per entry and
 * in bulk. The unit is a power of two u = 2^(exponent(maxMagnitude) - 40) (at least 2^-1022, so that 1/u
 * is a double), chosen from the bounds only; {@code maxUnits = floor(maxMagnitude / u) < 2^41}. For every
 * double v, {@link #units(double)} is
 *
 * <pre>  clamp(roundHalfEven(clamp(v, lower, upper) / u), -maxUnits, maxUnits)</pre>
 *
 * computed exactly (NaN stays NaN): multiplying by 1/u is exact (a power of two; a result too small to be
 * normal rounds to 0 either way, one too large is clamped), and clamping commutes with the monotone
 * scaling and rounding, so both clamps fold into one clamp of v/u to the precomputed integers
 * {@link #lowest()} and {@link #highest()}. No rounded value exceeds maxMagnitude in magnitude.
 *
 * @param unit u
 * @param inverse 1/u, exactly
 * @param lowest the units of {@code lower}: clamp(roundHalfEven(lower / u), -maxUnits, maxUnits)
 * @param highest the units of {@code upper}, likewise; {@code lowest <= highest}
 */
record UnitRounding(double unit, double inverse, double lowest, double highest) {

  /** Bits of precision below the largest magnitude: |units| < 2^41. */
  private static final int PRECISION_BITS = 40;

  /**
   * The rounding of values clamped to [lower, upper] on the scale of {@code maxMagnitude}.
   *
   * @param maxMagnitude positive and finite; values beyond it in magnitude are never summed
   */
  static UnitRounding clamping(double lower, double upper, double maxMagnitude) {
    int exponent = Math.max(Math.getExponent(maxMagnitude) - PRECISION_BITS, Double.MIN_EXPONENT);
    double unit = Math.scalb(1.0, exponent);
    double inverse = Math.scalb(1.0, -exponent);
    double maxUnits = Math.floor(maxMagnitude * inverse);
    return new UnitRounding(unit, inverse, limit(Math.rint(lower * inverse), maxUnits),
        limit(Math.rint(upper * inverse), maxUnits));
  }

  private static double limit(double units, double maxUnits) {
    return Math.max(-maxUnits, Math.min(maxUnits, units));
  }

  /** The value's whole number of units, as a double (exact: |units| < 2^41); NaN for NaN. */
  double units(double value) {
    return Math.rint(Math.max(lowest, Math.min(highest, value * inverse)));
  }
}
