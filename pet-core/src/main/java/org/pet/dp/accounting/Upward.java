package org.pet.dp.accounting;

/**
 * Rounding toward positive infinity for privacy figures, so an accountant never under-reports: sums of
 * charges are kept exactly ({@link ExactLedgerSum}); a term or a result computed with floating-point
 * functions is raised by a margin of ulps that covers those functions' documented errors (Java's
 * {@code Math.log}, {@code exp}, {@code tanh} and {@code pow} are within 1 to 2.5 ulps of the exact value,
 * {@code sqrt} and the basic operations within half an ulp, per operation).
 */
final class Upward {

  /** Covers one product of correctly rounded operations and one library function (at most 2.5 ulps). */
  static final int TERM_ULPS = 4;
  /** Covers a closed-form conversion of a handful of operations and library functions. */
  static final int RESULT_ULPS = 16;

  private Upward() {}

  /**
   * {@code value} raised by {@code ulps} units in the last place; zero (an exact result: nothing charged),
   * infinities and NaN unchanged.
   */
  static double byUlps(double value, int ulps) {
    if (!Double.isFinite(value) || value == 0) {
      return value;
    }
    double raised = value;
    for (int i = 0; i < ulps; i++) {
      raised = Math.nextUp(raised);
    }
    return raised;
  }

  /** The exact product a b rounded up (a and b finite). */
  static double product(double a, double b) {
    double nearest = a * b;
    return Double.isFinite(nearest) && Math.fma(a, b, -nearest) > 0 ? Math.nextUp(nearest) : nearest;
  }

  /** The exact sum a + b rounded up (a and b finite). */
  static double sum(double a, double b) {
    double nearest = a + b;
    double bPart = nearest - a;
    double error = (a - (nearest - bPart)) + (b - bPart);
    return error > 0 ? Math.nextUp(nearest) : nearest;
  }

  /** The exact difference a - b rounded down (a and b finite): a lower bound, for a slack. */
  static double differenceDown(double a, double b) {
    double nearest = a - b;
    double bPart = a - nearest;
    double error = (a - (nearest + bPart)) + (bPart - b);
    return error < 0 ? Math.nextDown(nearest) : nearest;
  }
}
