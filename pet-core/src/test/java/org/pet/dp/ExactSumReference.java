package org.pet.dp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An independent reference for the exact aggregation state, in BigDecimal and BigInteger: each value is
 * clamped, rounded half to even to a multiple of u = 2^max(exponent(maxMagnitude) - 40, -1022), limited to
 * +-floor(maxMagnitude / u) units, and the units are summed without bound. It shares no code with
 * {@link UnitRounding}, {@link ExactSum} or {@link LaneAccumulator}.
 */
final class ExactSumReference {

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private ExactSumReference() {}

  /** The unit u for values of at most {@code maxMagnitude}. */
  static double unit(double maxMagnitude) {
    return Math.scalb(1.0, Math.max(Math.getExponent(maxMagnitude) - 40, Double.MIN_EXPONENT));
  }

  /** The units of a finite value, rounded half to even and limited to +-floor(maxMagnitude / u). */
  static BigInteger units(double value, double maxMagnitude) {
    return new Scale(maxMagnitude).units(value);
  }

  /** The unit of a magnitude and the limit of the units, computed once for many values. */
  record Scale(BigDecimal inverseUnit, BigInteger limit) {

    Scale(double maxMagnitude) {
      this(BigDecimal.ONE.divide(new BigDecimal(unit(maxMagnitude))),
          new BigDecimal(maxMagnitude).divide(new BigDecimal(unit(maxMagnitude))).setScale(0, RoundingMode.FLOOR)
              .toBigIntegerExact());
    }

    BigInteger units(double value) {
      BigInteger rounded = new BigDecimal(value).multiply(inverseUnit).setScale(0, RoundingMode.HALF_EVEN)
          .toBigIntegerExact();
      return rounded.max(limit.negate()).min(limit);
    }
  }

  /** The 128-bit two's complement state {high, low} of an exact sum, as a number. */
  static BigInteger number(long high, long low) {
    BigInteger unsignedLow = BigInteger.valueOf(low).and(TWO_TO_64.subtract(BigInteger.ONE));
    return BigInteger.valueOf(high).shiftLeft(64).add(unsignedLow);
  }

  /** The state words {high, low} of a number that fits 128-bit two's complement. */
  static long[] words(BigInteger number) {
    return new long[] {number.shiftRight(64).longValueExact(), number.longValue()};
  }

  /** The reference state of one aggregation over the values, in its longState() layout, as numbers. */
  static BigInteger[] state(Kind kind, double lower, double upper, double[] values) {
    double midpoint = lower + (upper - lower) / 2;
    double halfWidth = (upper - lower) / 2;
    double halfSquare = halfWidth * halfWidth / 2;
    Scale sumScale = new Scale(kind == Kind.SUM ? Math.max(Math.abs(lower), Math.abs(upper)) : halfWidth);
    Scale squareScale = kind == Kind.VARIANCE ? new Scale(halfSquare) : null;
    long count = 0;
    BigInteger sum = BigInteger.ZERO;
    BigInteger squares = BigInteger.ZERO;
    for (double x : values) {
      if (Double.isNaN(x)) {
        continue;
      }
      double clamped = x < lower ? lower : x > upper ? upper : x;
      count++;
      if (kind == Kind.SUM) {
        sum = sum.add(sumScale.units(clamped));
      } else {
        double y = clamped - midpoint;
        sum = sum.add(sumScale.units(y));
        if (kind == Kind.VARIANCE) {
          squares = squares.add(squareScale.units(y * y - halfSquare));
        }
      }
    }
    return kind == Kind.SUM
        ? new BigInteger[] {sum}
        : new BigInteger[] {BigInteger.valueOf(count), sum, squares};
  }

  /** An aggregation's longState() as numbers: {sum} for a BoundedSum, {count, sum, squares} otherwise. */
  static BigInteger[] state(Aggregation aggregation) {
    return numbers(aggregation.longState());
  }

  /** A state in longState() layout ({high, low} or {count, high, low, high, low}) as numbers. */
  static BigInteger[] numbers(long[] longs) {
    return longs.length == 2
        ? new BigInteger[] {number(longs[0], longs[1])}
        : new BigInteger[] {BigInteger.valueOf(longs[0]), number(longs[1], longs[2]), number(longs[3], longs[4])};
  }

  /** The three aggregations that sum exactly. */
  enum Kind {
    SUM, MEAN, VARIANCE;

    SummingAggregation build(double lower, double upper, Noise noise) {
      return switch (this) {
        case SUM -> BoundedSum.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
        case MEAN -> BoundedMean.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
        case VARIANCE -> BoundedVariance.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
      };
    }

    /** Releases the result (recorded by a {@link RecordingNoise}). */
    double release(SummingAggregation aggregation) {
      return switch (this) {
        case SUM -> ((BoundedSum) aggregation).computeResult();
        case MEAN -> ((BoundedMean) aggregation).computeResult();
        case VARIANCE -> ((BoundedVariance) aggregation).computeResult();
      };
    }
  }
}
