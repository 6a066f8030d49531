package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.pet.dp.ExactSumReference.Kind;

/**
 * Every entry path of {@link BoundedSum}, {@link BoundedMean} and {@link BoundedVariance} (one entry at a
 * time, the bulk array, a mix of both, a stream, a parallel stream, a collection) ends in the same exact
 * state and releases the same pre-noise values, bit for bit, and that state is the independent
 * BigDecimal reference ({@link ExactSumReference}): NaN, infinities, values beyond the bounds, subnormals,
 * rounding ties and huge merged states included.
 */
class ExactAccumulationProperties {

  /** Bounds [lower, upper]. */
  record Bounds(double lower, double upper) {

    double maxMagnitude() {
      return Math.max(Math.abs(lower), Math.abs(upper));
    }

    /** Whether h^2 / 2 is a normal double, as the variance needs (its sensitivity). */
    boolean suitsVariance() {
      double halfWidth = (upper - lower) / 2;
      double halfSquare = halfWidth * halfWidth / 2;
      // The builders accept only sums whose 2^63 entries stay finite (AggregationParameters).
      return halfSquare >= Double.MIN_NORMAL && Double.isFinite(halfSquare * 0x1p63);
    }
  }

  enum Path { ENTRY, ARRAY, MIXED, STREAM, PARALLEL_STREAM, COLLECTION }

  private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, -Double.MIN_NORMAL,
      Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, -1e-300};

  @Provide
  Arbitrary<Bounds> bounds() {
    Arbitrary<Bounds> fixed = Arbitraries.of(new Bounds(0, 100), new Bounds(-20, 120), new Bounds(-3, 8),
        new Bounds(-5, -1), new Bounds(1, 1 + 0x1p-40), new Bounds(-7.25, 0.1), new Bounds(0x1p20 - 1, 0x1p20),
        new Bounds(0, 0x1p-30), new Bounds(-0x1p950, 0x1p950), new Bounds(1e-300, 3e-300), new Bounds(-0.3, 0.7));
    Arbitrary<Bounds> random = Arbitraries.longs().map(ExactAccumulationProperties::randomBounds);
    return Arbitraries.frequencyOf(Tuple.of(1, fixed), Tuple.of(2, random));
  }

  /** lower = +-m1 2^e1 and upper = lower + m2 2^e2, mantissas with random bits, exponents in [-60, 60]. */
  static Bounds randomBounds(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double lower = (random.nextBoolean() ? 1 : -1) * Math.scalb(random.nextDouble(), random.nextInt(-60, 61));
    double upper;
    do {
      upper = lower + Math.scalb(random.nextDouble(), random.nextInt(-60, 61));
    } while (!(upper > lower));
    return new Bounds(lower, upper);
  }

  /**
   * {@code size} entries from the seed: values inside and beyond the bounds, rounding ties of the unit,
   * special values, subnormals and random bit patterns; NaN at the given rate only.
   */
  static double[] entries(Bounds bounds, int size, long seed, double nanRate) {
    SplittableRandom random = new SplittableRandom(seed);
    double width = bounds.upper() - bounds.lower();
    double midpoint = bounds.lower() + width / 2;
    double sumUnit = ExactSumReference.unit(bounds.maxMagnitude());
    double momentUnit = ExactSumReference.unit(width / 2);
    double[] entries = new double[size];
    for (int i = 0; i < size; i++) {
      double x = switch (random.nextInt(10)) {
        case 0, 1, 2, 3 -> bounds.lower() + width * random.nextDouble();
        case 4 -> random.nextBoolean() ? bounds.upper() + 4 * width * random.nextDouble()
            : bounds.lower() - 4 * width * random.nextDouble();
        case 5 -> SPECIALS[random.nextInt(SPECIALS.length)];
        case 6 -> (random.nextLong(-(1L << 41), 1L << 41) + 0.5) * sumUnit;
        case 7 -> midpoint + (random.nextLong(-(1L << 41), 1L << 41) + 0.5) * momentUnit;
        case 8 -> Double.longBitsToDouble(random.nextLong());
        default -> Double.longBitsToDouble(random.nextLong() & 0x800F_FFFF_FFFF_FFFFL);
      };
      entries[i] = random.nextDouble() < nanRate ? Double.NaN : Double.isNaN(x) ? 0.0 : x;
    }
    return entries;
  }

  @Property(tries = 300)
  void everyPath_givesTheReferenceStateAndTheSameRelease(@ForAll Kind kind, @ForAll("bounds") Bounds bounds,
      @ForAll @IntRange(max = 1500) int size, @ForAll @IntRange(max = 3) int nanLevel, @ForAll boolean mergeHuge,
      @ForAll long seed) {
    Assume.that(kind != Kind.VARIANCE || bounds.suitsVariance());
    double[] entries = entries(bounds, size, seed, new double[] {0, 1e-3, 0.03, 0.4}[nanLevel]);
    checkEveryPath(kind, bounds, entries, mergeHuge ? hugeState(kind, seed) : null, seed);
  }

  /** Many bulk segments, some with a rare NaN (added again entry by entry) and some without. */
  @Property(tries = 25)
  void everyPath_manySegments_givesTheReferenceState(@ForAll Kind kind, @ForAll("bounds") Bounds bounds,
      @ForAll @IntRange(min = 4096, max = 40_000) int size, @ForAll boolean rareNaN, @ForAll long seed) {
    Assume.that(kind != Kind.VARIANCE || bounds.suitsVariance());
    double[] entries = entries(bounds, size, seed, rareNaN ? 5e-5 : 0);
    checkEveryPath(kind, bounds, entries, null, seed);
  }

  /** The 128-bit state wraps exactly like integers modulo 2^128, whatever the carries. */
  @Property(tries = 500)
  void exactSum_addsLikeIntegersModulo2To128(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ExactSum sum = new ExactSum(100);
    BigInteger expected = BigInteger.ZERO;
    for (int i = 0; i < 50; i++) {
      long high = random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(-3, 3);
      long low = random.nextInt(3) == 0 ? random.nextLong(-5, 5) : random.nextLong();
      if (random.nextBoolean()) {
        sum.merge(high, low);
        expected = expected.add(ExactSumReference.number(high, low));
      } else {
        sum.addUnits(low);
        expected = expected.add(BigInteger.valueOf(low));
      }
    }
    BigInteger modulus = BigInteger.ONE.shiftLeft(128);
    assertThat(ExactSumReference.number(sum.high(), sum.low()).mod(modulus)).isEqualTo(expected.mod(modulus));
  }

  /** The rounding alone, for any double: the reference's units of the clamped value; NaN stays NaN. */
  @Property(tries = 2000)
  void unitRounding_isTheRoundedClampedValueInUnits(@ForAll("bounds") Bounds bounds, @ForAll long seed) {
    double value = entries(bounds, 1, seed, 0.02)[0];
    UnitRounding rounding = UnitRounding.clamping(bounds.lower(), bounds.upper(), bounds.maxMagnitude());
    double units = rounding.units(value);
    if (Double.isNaN(value)) {
      assertThat(units).isNaN();
    } else {
      double clamped = value < bounds.lower() ? bounds.lower() : value > bounds.upper() ? bounds.upper() : value;
      assertThat(new BigDecimal(units).toBigIntegerExact())
          .isEqualTo(ExactSumReference.units(clamped, bounds.maxMagnitude()));
      assertThat(rounding.unit()).isEqualTo(ExactSumReference.unit(bounds.maxMagnitude()));
    }
  }

  /**
   * Adds the entries by every path (after merging {@code merged}, a state in longState() layout, if not
   * null) and checks that all states equal the reference and all releases are identical.
   */
  static void checkEveryPath(Kind kind, Bounds bounds, double[] entries, long[] merged, long seed) {
    BigInteger[] expected = ExactSumReference.state(kind, bounds.lower(), bounds.upper(), entries);
    if (merged != null) {
      expected = plus(expected, ExactSumReference.numbers(merged));
    }
    List<Double> firstRelease = null;
    for (Path path : Path.values()) {
      RecordingNoise noise = new RecordingNoise();
      SummingAggregation aggregation = kind.build(bounds.lower(), bounds.upper(), noise);
      if (merged != null) {
        aggregation.mergeWith(summary(aggregation, merged));
      }
      add(aggregation, entries, path, new SplittableRandom(seed));
      kind.release(aggregation);
      assertThat(ExactSumReference.state(aggregation)).as("state by %s", path).containsExactly(expected);
      if (firstRelease == null) {
        firstRelease = noise.values();
        checkReleaseOfTheExactSums(kind, bounds, expected, firstRelease);
      } else {
        assertThat(noise.values()).as("released pre-noise values by %s", path).isEqualTo(firstRelease);
      }
    }
  }

  /** The pre-noise values are the count and the exact sums times their units, rounded to nearest. */
  private static void checkReleaseOfTheExactSums(Kind kind, Bounds bounds, BigInteger[] state,
      List<Double> released) {
    if (kind == Kind.SUM) {
      checkValue(released.get(0), state[0], ExactSumReference.unit(bounds.maxMagnitude()));
      return;
    }
    double halfWidth = (bounds.upper() - bounds.lower()) / 2;
    assertThat(released.get(0)).isEqualTo(state[0].doubleValue());
    checkValue(released.get(1), state[1], ExactSumReference.unit(halfWidth));
    if (kind == Kind.VARIANCE) {
      checkValue(released.get(2), state[2], ExactSumReference.unit(halfWidth * halfWidth / 2));
    }
  }

  private static void checkValue(double released, BigInteger units, double unit) {
    assertThat(released).isEqualTo(new BigDecimal(units).multiply(new BigDecimal(unit)).doubleValue());
  }

  static void add(SummingAggregation aggregation, double[] entries, Path path, SplittableRandom random) {
    switch (path) {
      case ENTRY -> Arrays.stream(entries).forEach(aggregation::addEntry);
      case ARRAY -> aggregation.addEntries(entries);
      case STREAM -> aggregation.addEntries(DoubleStream.of(entries));
      case PARALLEL_STREAM -> aggregation.addEntries(DoubleStream.of(entries).parallel());
      case COLLECTION -> aggregation.addEntries(Arrays.stream(entries).boxed().toList());
      case MIXED -> {
        for (int from = 0; from < entries.length; ) {
          int to = Math.min(entries.length, from + random.nextInt(1, 1200));
          double[] piece = Arrays.copyOfRange(entries, from, to);
          switch (random.nextInt(3)) {
            case 0 -> aggregation.addEntries(piece);
            case 1 -> Arrays.stream(piece).forEach(aggregation::addEntry);
            default -> aggregation.addEntries(DoubleStream.of(piece));
          }
          from = to;
        }
      }
    }
  }

  /** A state in longState() layout with huge counts and sums whose low words carry. */
  static long[] hugeState(Kind kind, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] sum = {random.nextLong(-(1L << 40), 1L << 40), random.nextLong()};
    if (kind == Kind.SUM) {
      return sum;
    }
    long[] squares = {random.nextLong(-(1L << 40), 1L << 40), random.nextLong()};
    return new long[] {random.nextLong(1L << 50), sum[0], sum[1], squares[0], squares[1]};
  }

  private static byte[] summary(Aggregation aggregation, long[] longs) {
    return new AggregationSummary(aggregation.type(), aggregation.parameters(), aggregation.extraParameters(),
        longs, new double[0]).toBytes();
  }

  private static BigInteger[] plus(BigInteger[] a, BigInteger[] b) {
    List<BigInteger> sum = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      sum.add(a[i].add(b[i]));
    }
    return sum.toArray(BigInteger[]::new);
  }
}
