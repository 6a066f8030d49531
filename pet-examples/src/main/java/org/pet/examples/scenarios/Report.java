package org.pet.examples.scenarios;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Number formatting shared by the scenarios' printed tables. */
final class Report {

  private Report() {}

  /** A whole number without decimals, anything else with two. */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%d", (long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  /** {@code ±bound}. */
  static String bound(double bound) {
    return "±" + number(bound);
  }

  /**
   * The line every scenario that releases noisy numbers ends with: {@code N of M <what> within the
   * predicted 95% bound of the truth}.
   */
  static void withinBound(PrintWriter out, List<Estimate> estimates, String what) {
    withinBound(out, estimates, what, "");
  }

  /** As {@link #withinBound(PrintWriter, List, String)}, with {@code note} after "of the truth". */
  static void withinBound(PrintWriter out, List<Estimate> estimates, String what, String note) {
    long within = estimates.stream().filter(Estimate::withinBound).count();
    out.printf("%d of %d %s within the predicted 95%% bound of the truth%s%n", within, estimates.size(), what, note);
  }
}
