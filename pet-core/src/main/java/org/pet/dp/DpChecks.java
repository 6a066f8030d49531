package org.pet.dp;

/**
 * Parameter checks for the DP package, with one message form:
 * {@code "`epsilon` must be finite and > 0, was NaN"}.
 */
final class DpChecks {

  /** Largest magnitude at which every integer is exactly representable as a double. */
  static final double MAX_EXACT_INTEGER = 0x1p53;

  private DpChecks() {}

  static double checkEpsilon(double epsilon) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw invalid("epsilon", "finite and > 0", epsilon);
    }
    return epsilon;
  }

  /** For mechanisms with pure DP: delta must be absent or zero. */
  static void checkNoDelta(Double delta, String mechanism) {
    if (delta != null && delta != 0.0) {
      throw new IllegalArgumentException(
          "`delta` must be null or 0 for " + mechanism + " (pure epsilon-DP), was " + delta);
    }
  }

  /** For approximate-DP mechanisms: delta is required and in (0, 1). */
  static double checkDelta(Double delta) {
    if (delta == null) {
      throw new IllegalArgumentException("`delta` must be in (0, 1), was null");
    }
    if (!(delta > 0 && delta < 1)) {
      throw invalid("delta", "in (0, 1)", delta);
    }
    return delta;
  }

  static int checkL0(int l0Sensitivity) {
    return (int) checkAtLeastOne("l0Sensitivity", l0Sensitivity);
  }

  static long checkLInf(long lInfSensitivity) {
    return checkAtLeastOne("lInfSensitivity", lInfSensitivity);
  }

  static double checkLInf(double lInfSensitivity) {
    return checkPositive("lInfSensitivity", lInfSensitivity);
  }

  static long checkAtLeastOne(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("`" + name + "` must be >= 1, was " + value);
    }
    return value;
  }

  static double checkPositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(name, "finite and > 0", value);
    }
    return value;
  }

  static double checkAlpha(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw invalid("alpha", "in (0, 1)", alpha);
    }
    return alpha;
  }

  static double checkFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw invalid(name, "finite", value);
    }
    return value;
  }

  /** An integer-valued double within the exactly representable range. */
  static long checkInteger(String name, double value) {
    if (!(Math.abs(value) <= MAX_EXACT_INTEGER) || value != Math.rint(value)) {
      throw invalid(name, "an integer with magnitude <= 2^53", value);
    }
    return (long) value;
  }

  static IllegalArgumentException invalid(String name, String requirement, double value) {
    return new IllegalArgumentException("`" + name + "` must be " + requirement + ", was " + value);
  }
}
