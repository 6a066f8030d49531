package org.pet.server.query;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Privacy budget amounts in exact integer units: nano-epsilon (10^-9) and atto-delta (10^-18). Values
 * arrive as doubles and are read by their shortest decimal form (so 0.1 is exactly 10^8 nano-epsilon);
 * charges round up and limits round down, so rounding never lets a ledger overspend.
 *
 * @param epsilonNano epsilon in units of 10^-9
 * @param deltaAtto delta in units of 10^-18
 */
public record Budget(long epsilonNano, long deltaAtto) {

  /**
   * The largest epsilon a budget or a charge may state: far beyond any meaningful guarantee, and small
   * enough that every sum of charges within a budget fits the integer units.
   */
  public static final double MAX_EPSILON = 1e6;

  /** Nothing spent. */
  public static final Budget ZERO = new Budget(0, 0);

  private static final BigDecimal NANO = BigDecimal.TEN.pow(9);
  private static final BigDecimal ATTO = BigDecimal.TEN.pow(18);

  /**
   * Checks an epsilon and delta a caller stated.
   *
   * @throws org.pet.server.http.HttpProblem 400 naming {@code epsilonField} or {@code deltaField}
   */
  public static void check(String epsilonField, double epsilon, String deltaField, double delta) {
    if (!(epsilon > 0 && epsilon <= MAX_EPSILON)) {
      throw org.pet.server.http.HttpProblem.badRequest("`" + epsilonField + "` must be a number in (0, 1e6], was "
          + epsilon);
    }
    if (!(delta >= 0 && delta < 1)) {
      throw org.pet.server.http.HttpProblem.badRequest("`" + deltaField + "` must be in [0, 1), was " + delta);
    }
  }

  /** A charge, rounded up to whole units; epsilon and delta as {@link #check} accepts them. */
  public static Budget charge(double epsilon, double delta) {
    return new Budget(units(epsilon, NANO, RoundingMode.CEILING), units(delta, ATTO, RoundingMode.CEILING));
  }

  /** A limit, rounded down to whole units; epsilon and delta as {@link #check} accepts them. */
  public static Budget limit(double epsilon, double delta) {
    return new Budget(units(epsilon, NANO, RoundingMode.FLOOR), units(delta, ATTO, RoundingMode.FLOOR));
  }

  private static long units(double value, BigDecimal scale, RoundingMode rounding) {
    return new BigDecimal(Double.toString(value)).multiply(scale).setScale(0, rounding).longValueExact();
  }

  public double epsilon() {
    return epsilonNano / 1e9;
  }

  public double delta() {
    return deltaAtto / 1e18;
  }

  public Budget plus(Budget other) {
    return new Budget(Math.addExact(epsilonNano, other.epsilonNano), Math.addExact(deltaAtto, other.deltaAtto));
  }

  public boolean covers(Budget other) {
    return epsilonNano >= other.epsilonNano && deltaAtto >= other.deltaAtto;
  }

  public Budget minus(Budget other) {
    return new Budget(epsilonNano - other.epsilonNano, deltaAtto - other.deltaAtto);
  }
}
