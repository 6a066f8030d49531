package org.pet.dp.accounting;

/**
 * Argument checks for the accounting package, with one message form:
 * {@code "`epsilon` must be finite and >= 0, was NaN"}.
 */
final class AccountingChecks {

  private AccountingChecks() {}

  /** Finite and {@code > 0}. */
  static double checkPositive(String name, double value) {
    if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
      throw invalid(name, "finite and > 0", value);
    }
    return value;
  }

  /** Finite and {@code >= 0}. */
  static double checkNonNegative(String name, double value) {
    if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
      throw invalid(name, "finite and >= 0", value);
    }
    return value;
  }

  /** In [0, 1): a delta that may be zero. */
  static double checkDelta(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw invalid(name, "in [0, 1)", value);
    }
    return value;
  }

  /** In (0, 1): a delta a conversion to (epsilon, delta)-DP can target. */
  static double checkPositiveDelta(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw invalid(name, "in (0, 1)", value);
    }
    return value;
  }

  /** A Renyi order: finite and {@code > 1}. */
  static double checkOrder(String name, double value) {
    if (!(value > 1 && value < Double.POSITIVE_INFINITY)) {
      throw invalid(name, "finite and > 1", value);
    }
    return value;
  }

  static int checkTimes(int times) {
    if (times < 1) {
      throw invalid("times", ">= 1", times);
    }
    return times;
  }

  static <T> T checkNotNull(String name, T value) {
    if (value == null) {
      throw invalid(name, "non-null", null);
    }
    return value;
  }

  static IllegalArgumentException invalid(String name, String requirement, Object value) {
    return new IllegalArgumentException("`" + name + "` must be " + requirement + ", was " + value);
  }
}
