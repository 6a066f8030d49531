package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the command line prints numbers for a reader: {@link #rounded()} by default, {@link #full()} under
 * {@code --full-precision} ({@link PrecisionOption}). Files a command writes (CSV) always keep every digit.
 *
 * <p>Rounded, an <em>estimate</em> (a noisy answer, a released value) prints as a whole number when it is
 * one by type (a count, a sum of whole numbers: {@code 412}); otherwise with two decimals when its magnitude
 * is at least 1 ({@code 301.84}) and with three significant digits below 1 ({@code 0.0457}). An interval
 * around an estimate prints with the estimate's decimals ({@code [290.12, 313.57]}, a count's as whole
 * numbers). A <em>parameter</em> (epsilon, delta, a budget spent or left) prints with at most six
 * significant digits, so sums of charges read as they were meant ({@code 0.3}, not
 * {@code 0.30000000000000004}). Full precision prints Java's shortest round-trip form of each double.
 * Immutable and thread-safe.
 */
public final class PrintedNumbers {

  private static final PrintedNumbers ROUNDED = new PrintedNumbers(false);
  private static final PrintedNumbers FULL = new PrintedNumbers(true);
  private static final MathContext PARAMETER_DIGITS = new MathContext(6);

  private final boolean full;

  private PrintedNumbers(boolean full) {
    this.full = full;
  }

  /** Numbers rounded for reading (the default). */
  public static PrintedNumbers rounded() {
    return ROUNDED;
  }

  /** Every digit. */
  public static PrintedNumbers full() {
    return FULL;
  }

  /** Whether this prints every digit. */
  public boolean isFull() {
    return full;
  }

  /** A non-integer estimate: {@code 301.84}, {@code 0.0457} (full: {@code 301.8412345678}). */
  public String estimate(double value) {
    return full || !Double.isFinite(value) ? Double.toString(value) : fixed(value, decimals(value));
  }

  /**
   * An estimate as a server sent it in JSON: an integer as it is, a floating-point number as {@link
   * #estimate(double)}.
   */
  public String estimate(JsonNode value) {
    return value.isIntegralNumber() ? value.asText() : estimate(value.asDouble());
  }

  /**
   * The interval {@code [lower, upper]} around {@code estimate}, with the estimate's decimals (a whole
   * number's: none): {@code [290.12, 313.57]}.
   */
  public String interval(JsonNode estimate, double lower, double upper) {
    if (full) {
      return "[" + lower + ", " + upper + "]";
    }
    int decimals = estimate.isIntegralNumber() ? 0 : decimals(estimate.asDouble());
    return "[" + fixed(lower, decimals) + ", " + fixed(upper, decimals) + "]";
  }

  /** A privacy parameter or budget: at most six significant digits ({@code 0.3}, {@code 1.0E-6}). */
  public String parameter(double value) {
    if (full || !Double.isFinite(value) || value == 0) {
      return Double.toString(value);
    }
    return Double.toString(new BigDecimal(value).round(PARAMETER_DIGITS).doubleValue());
  }

  /** Two decimals from 1 up, three significant digits below 1. */
  private static int decimals(double value) {
    double magnitude = Math.abs(value);
    if (!Double.isFinite(value) || magnitude >= 1 || magnitude == 0) {
      return 2;
    }
    return Math.min(2 - (int) Math.floor(Math.log10(magnitude)), 20);
  }

  private static String fixed(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0(\\.0*)?") ? text.substring(1) : text; // no "-0.00"
  }
}
