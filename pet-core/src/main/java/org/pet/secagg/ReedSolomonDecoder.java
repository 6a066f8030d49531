package org.pet.secagg;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unique decoding of Shamir shares with errors: Shamir shares of one secret are a Reed-Solomon codeword
 * (the values at distinct points x_1..x_r of a polynomial f of degree below t over Z_p, p = 2^521 - 1), so
 * up to e = floor((r - t) / 2) wrong values can be corrected and their positions found - Gao's algorithm
 * (S. Gao, "A New Algorithm for Decoding Reed-Solomon Codes", 2003):
 * <ol>
 *   <li>g0 = prod_i (x - x_i) and g1 = the polynomial of degree below r through all r points;</li>
 *   <li>run the extended Euclidean algorithm on (g0, g1) until the remainder g has degree below
 *       (r + t) / 2, giving g = u g0 + v g1;</li>
 *   <li>f = g / v if v divides g and the quotient has degree below t; otherwise more than e values are
 *       wrong and decoding fails.</li>
 * </ol>
 * The wrong positions are those where f disagrees with the given value. Quadratic in r (interpolation and
 * the Euclidean steps), so callers use it only after a cheap parity check has found an inconsistency.
 * Stateless.
 */
final class ReedSolomonDecoder {

  private static final BigInteger P = ShamirInterpolation.PRIME;

  /**
   * The decoded polynomial and where the given values were wrong.
   *
   * @param coefficients f's coefficients, constant first (length t)
   * @param errors positions (into the given arrays) whose values disagree with f, ascending
   */
  record Decoded(BigInteger[] coefficients, int[] errors) {
    BigInteger atZero() {
      return coefficients[0];
    }
  }

  private ReedSolomonDecoder() {}

  /** The most wrong values that {@code points} shares of a threshold-{@code threshold} sharing correct. */
  static int correctable(int points, int threshold) {
    return Math.max(0, (points - threshold) / 2);
  }

  /**
   * Decodes the polynomial of degree below {@code threshold} that agrees with all but at most
   * {@link #correctable} of the points.
   *
   * @param xs distinct non-zero points, below p
   * @param ys the values at them, reduced mod p
   * @throws IllegalArgumentException if no such polynomial exists (too many values are wrong), or the
   *     arguments are malformed
   */
  static Decoded decode(int[] xs, BigInteger[] ys, int threshold) {
    int r = xs.length;
    if (ys.length != r || threshold < 1 || threshold > r) {
      throw new IllegalArgumentException("need at least threshold = " + threshold + " points with one value each, got "
          + r + " points and " + ys.length + " values");
    }
    BigInteger[] g0 = {BigInteger.ONE};
    for (int x : xs) {
      g0 = multiplyByLinear(g0, BigInteger.valueOf(x));
    }
    BigInteger[] g1 = interpolate(xs, ys);

    // Extended Euclid, tracking only the coefficient v of g1: r_{i+1} = r_{i-1} - q r_i, v likewise.
    BigInteger[] previous = g0;
    BigInteger[] current = g1;
    BigInteger[] vPrevious = {BigInteger.ZERO};
    BigInteger[] vCurrent = {BigInteger.ONE};
    int stop = (r + threshold + 1) / 2; // degree of the remainder must fall below (r + t) / 2
    while (degree(current) >= stop) {
      BigInteger[][] division = divide(previous, current);
      BigInteger[] next = division[1];
      BigInteger[] vNext = subtract(vPrevious, multiply(division[0], vCurrent));
      previous = current;
      current = next;
      vPrevious = vCurrent;
      vCurrent = vNext;
    }
    if (degree(vCurrent) < 0) {
      throw new IllegalArgumentException("the values cannot be decoded");
    }
    BigInteger[][] division = divide(current, vCurrent);
    if (degree(division[1]) >= 0 || degree(division[0]) >= threshold) {
      throw new IllegalArgumentException("more than " + correctable(r, threshold) + " of " + r
          + " values are wrong: they cannot be corrected");
    }
    BigInteger[] f = Arrays.copyOf(division[0], threshold);
    for (int i = 0; i < threshold; i++) {
      if (f[i] == null) {
        f[i] = BigInteger.ZERO;
      }
    }
    List<Integer> errors = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      if (!evaluate(f, BigInteger.valueOf(xs[i])).equals(ys[i].mod(P))) {
        errors.add(i);
      }
    }
    if (errors.size() > correctable(r, threshold)) {
      throw new IllegalArgumentException("more than " + correctable(r, threshold) + " of " + r
          + " values are wrong: they cannot be corrected");
    }
    return new Decoded(f, errors.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The polynomial of degree below r through the r points (Newton's divided differences). */
  static BigInteger[] interpolate(int[] xs, BigInteger[] ys) {
    int r = xs.length;
    BigInteger[] differences = new BigInteger[r];
    for (int i = 0; i < r; i++) {
      differences[i] = ys[i].mod(P);
    }
    // Share indices are small, so the point differences repeat: invert each once.
    Map<Long, BigInteger> inverses = new HashMap<>();
    for (int level = 1; level < r; level++) {
      for (int i = r - 1; i >= level; i--) {
        BigInteger inverse = inverses.computeIfAbsent((long) xs[i] - xs[i - level],
            d -> BigInteger.valueOf(d).mod(P).modInverse(P));
        differences[i] = differences[i].subtract(differences[i - 1]).multiply(inverse).mod(P);
      }
    }
    // Horner on the Newton form: f = d0 + (x - x0)(d1 + (x - x1)(d2 + ...)).
    BigInteger[] polynomial = {differences[r - 1]};
    for (int i = r - 2; i >= 0; i--) {
      polynomial = multiplyByLinear(polynomial, BigInteger.valueOf(xs[i]));
      polynomial[0] = polynomial[0].add(differences[i]).mod(P);
    }
    return polynomial;
  }

  static BigInteger evaluate(BigInteger[] polynomial, BigInteger x) {
    BigInteger value = BigInteger.ZERO;
    for (int i = polynomial.length - 1; i >= 0; i--) {
      value = value.multiply(x).add(polynomial[i]).mod(P);
    }
    return value;
  }

  /** a * (x - root). */
  private static BigInteger[] multiplyByLinear(BigInteger[] a, BigInteger root) {
    BigInteger[] result = new BigInteger[a.length + 1];
    result[a.length] = a[a.length - 1];
    for (int i = a.length - 1; i >= 1; i--) {
      result[i] = a[i - 1].subtract(root.multiply(a[i])).mod(P);
    }
    result[0] = root.multiply(a[0]).negate().mod(P);
    return result;
  }

  /** The degree, or -1 for the zero polynomial. */
  private static int degree(BigInteger[] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      if (a[i].signum() != 0) {
        return i;
      }
    }
    return -1;
  }

  /** {quotient, remainder} of a / b; b non-zero. */
  private static BigInteger[][] divide(BigInteger[] a, BigInteger[] b) {
    int db = degree(b);
    BigInteger[] remainder = Arrays.copyOf(a, Math.max(a.length, 1));
    int dr = degree(remainder);
    if (dr < db) {
      return new BigInteger[][] {{BigInteger.ZERO}, remainder};
    }
    BigInteger[] quotient = new BigInteger[dr - db + 1];
    Arrays.fill(quotient, BigInteger.ZERO);
    BigInteger leadInverse = b[db].modInverse(P);
    for (int d = dr; d >= db; d--) {
      if (remainder[d].signum() == 0) {
        continue;
      }
      BigInteger factor = remainder[d].multiply(leadInverse).mod(P);
      quotient[d - db] = factor;
      for (int i = 0; i <= db; i++) {
        remainder[d - db + i] = remainder[d - db + i].subtract(factor.multiply(b[i])).mod(P);
      }
    }
    return new BigInteger[][] {quotient, remainder};
  }

  private static BigInteger[] multiply(BigInteger[] a, BigInteger[] b) {
    BigInteger[] result = new BigInteger[a.length + b.length - 1];
    Arrays.fill(result, BigInteger.ZERO);
    for (int i = 0; i < a.length; i++) {
      if (a[i].signum() == 0) {
        continue;
      }
      for (int j = 0; j < b.length; j++) {
        result[i + j] = result[i + j].add(a[i].multiply(b[j]));
      }
    }
    for (int i = 0; i < result.length; i++) {
      result[i] = result[i].mod(P);
    }
    return result;
  }

  private static BigInteger[] subtract(BigInteger[] a, BigInteger[] b) {
    BigInteger[] result = new BigInteger[Math.max(a.length, b.length)];
    for (int i = 0; i < result.length; i++) {
      BigInteger x = i < a.length ? a[i] : BigInteger.ZERO;
      BigInteger y = i < b.length ? b[i] : BigInteger.ZERO;
      result[i] = x.subtract(y).mod(P);
    }
    return result;
  }
}
