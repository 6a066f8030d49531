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

  /** A probability as a percentage, e.g. {@code 95} or {@code 99.99}. */
  static String percent(double probability) {
    return number(Math.round(probability * 10_000) / 100.0);
  }

  /** {@code ±bound}. */
  static String bound(double bound) {
    return "±" + number(bound);
  }
}
