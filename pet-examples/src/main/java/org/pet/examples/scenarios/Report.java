package org.pet.examples.scenarios;

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
}
