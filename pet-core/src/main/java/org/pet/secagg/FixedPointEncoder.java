package org.pet.secagg;

import java.math.BigDecimal;

/**
 * Fixed-point encoding of real numbers into the ring Z_{2^64} of Java {@code long}s, so that secure
 * aggregation can add encodings with plain wrapping {@code long} arithmetic and decode the sum.
 *
 * <p><b>Encoding.</b> With {@code f} fractional bits, a finite {@code x} encodes to
 * {@code k = round(x * 2^f)} (round half to even, {@link Math#rint}) held as a two's-complement
 * {@code long}; decoding reads a {@code long} as signed and returns {@code k * 2^-f}. Multiplying and
 * dividing by {@code 2^f} is exact ({@link Math#scalb}), so the only errors are the rounding to the grid
 * of {@link #resolution()} (at most {@code 2^-(f+1)} per value) and, for decoded magnitudes above
 * {@code 2^(53-f)}, the rounding of the 64-bit integer to the nearest {@code double} (at most half an ulp of
 * the result). In particular {@code |decode(encode(x)) - x| <= 2^-(f+1)} for every accepted {@code x}.
 *
 * <p><b>Overflow budget.</b> Sums of encodings wrap modulo 2^64. The sum of {@code n} encodings decodes to
 * the sum of the {@code n} values only if the true integer sum lies in {@code [-2^63, 2^63)}. An encoder
 * from {@link #forSum(int, double, int)} guarantees this for up to {@code parties} values each of
 * magnitude at most {@code maxAbsValue}: the decoded wrapped sum is then within
 * {@code parties * 2^-(f+1)} of the exact real sum (plus half an ulp of the result when it exceeds
 * {@code 2^(53-f)} in magnitude). An encoder from the plain constructor only guarantees that each single
 * value fits ({@code |x| * 2^f < 2^63}); the caller is responsible for the budget of sums.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FixedPointEncoder {

  /** Largest supported number of fractional bits: the precision of a {@code double}'s significand. */
  public static final int MAX_FRACTIONAL_BITS = 52;

  private static final double TWO_63 = 0x1p63;
  private static final BigDecimal TWO_63_EXACT = new BigDecimal(TWO_63);

  private final int fractionalBits;
  /** Inclusive bound on |x| for encoders made by {@link #forSum}; infinity for the plain constructor. */
  private final double maxAbsValue;
  /** Number of summands covered by the overflow budget; 1 for the plain constructor. */
  private final int parties;

  /**
   * Creates an encoder that accepts any finite value whose scaled magnitude {@code |x| * 2^f} is below
   * 2^63, without an overflow budget for sums (see {@link #forSum(int, double, int)} for that).
   *
   * @param fractionalBits {@code f}, the number of bits after the binary point, in {@code [0, 52]}
   * @throws IllegalArgumentException if {@code fractionalBits} is outside {@code [0, 52]}
   */
  public FixedPointEncoder(int fractionalBits) {
    this(checkFractionalBits(fractionalBits), Double.POSITIVE_INFINITY, 1);
  }

  private FixedPointEncoder(int fractionalBits, double maxAbsValue, int parties) {
    this.fractionalBits = fractionalBits;
    this.maxAbsValue = maxAbsValue;
    this.parties = parties;
  }

  /**
   * Creates an encoder whose encodings of {@code parties} values, each in
   * {@code [-maxAbsValue, maxAbsValue]}, can be summed in Z_{2^64} and still decode to their real sum.
   *
   * <p>Let {@code m = round(maxAbsValue * 2^f)}, the largest magnitude of an encoding. The parameters are
   * accepted if and only if both {@code parties * maxAbsValue * 2^f < 2^63} and {@code parties * m < 2^63}
   * hold, evaluated exactly (no floating-point rounding), so no sum of {@code parties} encodings, nor the
   * real sum it stands for, reaches 2^63 in magnitude. The returned encoder's {@code encode} methods
   * reject values with {@code |x| > maxAbsValue}.
   *
   * @param parties the largest number of encodings that will be summed, at least 1
   * @param maxAbsValue the bound on each value's magnitude, finite and {@code > 0}
   * @param fractionalBits {@code f}, in {@code [0, 52]}
   * @return an encoder with the overflow budget for {@code parties} summands
   * @throws IllegalArgumentException naming the offending parameter if {@code parties < 1},
   *     {@code maxAbsValue} is not finite and positive, {@code fractionalBits} is outside {@code [0, 52]},
   *     or the sum could reach 2^63 (the message then gives all three numbers)
   */
  public static FixedPointEncoder forSum(int parties, double maxAbsValue, int fractionalBits) {
    if (parties < 1) {
      throw new IllegalArgumentException("`parties` must be >= 1, was " + parties);
    }
    if (!(maxAbsValue > 0) || Double.isInfinite(maxAbsValue)) {
      throw new IllegalArgumentException("`maxAbsValue` must be finite and > 0, was " + maxAbsValue);
    }
    checkFractionalBits(fractionalBits);
    double scaled = Math.scalb(maxAbsValue, fractionalBits);
    boolean fits = scaled < TWO_63;
    if (fits) {
      BigDecimal worstCase = new BigDecimal(scaled).max(new BigDecimal(Math.rint(scaled)));
      fits = worstCase.multiply(BigDecimal.valueOf(parties)).compareTo(TWO_63_EXACT) < 0;
    }
    if (!fits) {
      throw new IllegalArgumentException(
          "`maxAbsValue` must satisfy parties * round(maxAbsValue * 2^fractionalBits) < 2^63 so that a sum"
              + " cannot overflow, was " + maxAbsValue + " with parties = " + parties
              + " and fractionalBits = " + fractionalBits + " (largest bound is about "
              + Math.scalb(TWO_63 / parties, -fractionalBits) + ")");
    }
    return new FixedPointEncoder(fractionalBits, maxAbsValue, parties);
  }

  /**
   * Encodes each value; see the class description for the encoding and its error.
   *
   * @param values the values, each finite and within this encoder's range
   * @return a new array with {@code round(values[i] * 2^f)} as two's-complement {@code long}s
   * @throws IllegalArgumentException naming the index ({@code `values[i]`}) of the first value that is NaN,
   *     infinite, of scaled magnitude {@code >= 2^63}, or above {@code maxAbsValue} for an encoder made by
   *     {@link #forSum(int, double, int)}
   */
  public long[] encode(double[] values) {
    long[] encoded = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      encoded[i] = encode(values[i], i);
    }
    return encoded;
  }

  /**
   * Encodes one value; see {@link #encode(double[])}.
   *
   * @param value a finite value within this encoder's range
   * @return {@code round(value * 2^f)} as a two's-complement {@code long}
   * @throws IllegalArgumentException naming {@code value} if it is NaN, infinite or out of range
   */
  public long encode(double value) {
    return encode(value, -1);
  }

  /** Encodes one value; {@code index} names it in errors (-1 for a single value), built only on failure. */
  private long encode(double value, int index) {
    double scaled = Math.scalb(value, fractionalBits);
    if (Double.isFinite(value) && Math.abs(value) <= maxAbsValue && Math.abs(scaled) < TWO_63) {
      // Doubles of magnitude >= 2^52 are integers, so rounding never carries the value up to 2^63.
      return (long) Math.rint(scaled);
    }
    String name = index < 0 ? "value" : "values[" + index + "]";
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("`" + name + "` must be finite, was " + value);
    }
    if (Math.abs(value) > maxAbsValue) {
      throw new IllegalArgumentException("`" + name + "` must be in [-maxAbsValue, maxAbsValue] = ["
          + -maxAbsValue + ", " + maxAbsValue + "], was " + value);
    }
    throw new IllegalArgumentException("`" + name + "` must have |" + name + "| * 2^" + fractionalBits
        + " < 2^63, was " + value);
  }

  /**
   * Decodes each element, read as a signed 64-bit integer, to {@code encoded[i] * 2^-f}.
   *
   * @param encoded encodings or wrapped sums of encodings
   * @return a new array of the decoded values
   */
  public double[] decode(long[] encoded) {
    double[] decoded = new double[encoded.length];
    for (int i = 0; i < encoded.length; i++) {
      decoded[i] = decode(encoded[i]);
    }
    return decoded;
  }

  /**
   * Decodes one element, read as a signed 64-bit integer, to {@code encoded * 2^-f}; exact when
   * {@code |encoded| <= 2^53}, otherwise rounded to the nearest {@code double}.
   *
   * @param encoded an encoding or a wrapped sum of encodings
   * @return the decoded value
   */
  public double decode(long encoded) {
    return Math.scalb((double) encoded, -fractionalBits);
  }

  /** Returns {@code f}, the number of fractional bits. */
  public int fractionalBits() {
    return fractionalBits;
  }

  /** Returns the grid spacing {@code 2^-f}: encodings are exact for multiples of it. */
  public double resolution() {
    return Math.scalb(1.0, -fractionalBits);
  }

  @Override
  public String toString() {
    String budget = maxAbsValue == Double.POSITIVE_INFINITY
        ? ""
        : ", parties=" + parties + ", maxAbsValue=" + maxAbsValue;
    return "FixedPointEncoder{fractionalBits=" + fractionalBits + budget + "}";
  }

  private static int checkFractionalBits(int fractionalBits) {
    if (fractionalBits < 0 || fractionalBits > MAX_FRACTIONAL_BITS) {
      throw new IllegalArgumentException(
          "`fractionalBits` must be in [0, " + MAX_FRACTIONAL_BITS + "], was " + fractionalBits);
    }
    return fractionalBits;
  }
}
