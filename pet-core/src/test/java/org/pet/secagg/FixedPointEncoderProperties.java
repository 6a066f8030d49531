package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/** Round trip, summation and overflow-budget properties of the fixed-point encoding. */
class FixedPointEncoderProperties {

  private static final BigDecimal TWO_63 = new BigDecimal(0x1p63);

  /** A number of fractional bits and a value whose scaled magnitude is below 2^63. */
  record Encodable(int fractionalBits, double value) {}

  @Provide
  Arbitrary<Encodable> encodables() {
    return Arbitraries.integers().between(0, 52).flatMap(f -> Combinators.combine(
            Arbitraries.doubles().between(1, true, 2, false).ofScale(15),
            Arbitraries.integers().between(-70, 62 - f),
            Arbitraries.of(1.0, -1.0))
        .as((significand, exponent, sign) -> new Encodable(f, sign * Math.scalb(significand, exponent))));
  }

  @Property
  void encodeDecode_anyEncodableValue_roundTripsWithinHalfTheResolution(@ForAll("encodables") Encodable x) {
    FixedPointEncoder encoder = new FixedPointEncoder(x.fractionalBits());
    double decoded = encoder.decode(encoder.encode(x.value()));
    BigDecimal error = new BigDecimal(decoded).subtract(new BigDecimal(x.value())).abs();
    assertThat(error).isLessThanOrEqualTo(new BigDecimal(encoder.resolution() / 2));
    assertThat(encoder.encode(new double[] {x.value()})).containsExactly(encoder.encode(x.value()));
  }

  /** The edge {@code 2^63 / (parties * 2^f)} as a double, possibly rounded either way. */
  private static double edge(int parties, int fractionalBits) {
    return Math.scalb(0x1p63 / parties, -fractionalBits);
  }

  /**
   * For any parties and values within an accepted bound, the wrapped 64-bit sum of the encodings decodes
   * to the exact real sum within parties * 2^-(f+1), plus half an ulp of the decoded double.
   */
  @Property
  void decodedWrappedSum_valuesWithinForSumBound_equalsRealSumWithinTolerance(
      @ForAll @IntRange(min = 0, max = 52) int fractionalBits,
      @ForAll @DoubleRange(min = -45, max = 0) @Scale(12) double log2Fraction,
      @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1, max = 1) @Scale(17) Double> units) {
    int parties = units.size();
    double maxAbs = edge(parties, fractionalBits) * Math.min(Math.pow(2, log2Fraction), 1 - 0x1p-30);
    FixedPointEncoder encoder = FixedPointEncoder.forSum(parties, maxAbs, fractionalBits);
    long sum = 0;
    BigDecimal exact = BigDecimal.ZERO;
    for (double unit : units) {
      double value = unit * maxAbs;
      sum += encoder.encode(value);
      exact = exact.add(new BigDecimal(value));
    }
    double decoded = encoder.decode(sum);
    BigDecimal tolerance = new BigDecimal(parties * encoder.resolution() / 2)
        .add(new BigDecimal(Math.ulp(decoded) / 2));
    assertThat(new BigDecimal(decoded).subtract(exact).abs()).isLessThanOrEqualTo(tolerance);
  }

  /** The worst case: every party at +maxAbsValue or every party at -maxAbsValue, just below the edge. */
  @Property
  void forSum_justBelowTheEdge_acceptsAndExtremeSumsDoNotWrap(
      @ForAll @IntRange(min = 1, max = 1 << 20) int parties,
      @ForAll @IntRange(min = 0, max = 52) int fractionalBits) {
    double maxAbs = edge(parties, fractionalBits) * (1 - 0x1p-30);
    FixedPointEncoder encoder = FixedPointEncoder.forSum(parties, maxAbs, fractionalBits);
    long top = encoder.encode(maxAbs);
    long bottom = encoder.encode(-maxAbs);
    // Wrapping multiplication is repeated wrapping addition in Z_{2^64}.
    long topSum = top * parties;
    long bottomSum = bottom * parties;
    assertThat(topSum).isPositive();
    assertThat(bottomSum).isNegative();
    assertThat(encoder.decode(topSum) / parties)
        .isCloseTo(maxAbs, within(maxAbs * 1e-12 + encoder.resolution()));
    assertThat(encoder.decode(bottomSum) / parties)
        .isCloseTo(-maxAbs, within(maxAbs * 1e-12 + encoder.resolution()));
  }

  /** The smallest double maxAbsValue with parties * maxAbsValue * 2^f >= 2^63 exactly, and above. */
  @Property
  void forSum_atAndBeyondTheEdge_refuses(
      @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int parties,
      @ForAll @IntRange(min = 0, max = 52) int fractionalBits,
      @ForAll @DoubleRange(min = 1, max = 1e6) double beyond) {
    double atEdge = edge(parties, fractionalBits);
    while (scaledSum(parties, atEdge, fractionalBits).compareTo(TWO_63) < 0) {
      atEdge = Math.nextUp(atEdge);
    }
    for (double maxAbs : new double[] {atEdge, Math.nextUp(atEdge), atEdge * beyond}) {
      assertThatThrownBy(() -> FixedPointEncoder.forSum(parties, maxAbs, fractionalBits))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`maxAbsValue`")
          .hasMessageContaining("parties = " + parties);
    }
  }

  /**
   * For a power-of-two number of parties the edge is exact, and when encodings near it are integers the
   * largest double below it is accepted: the bound is sharp.
   */
  @Property
  void forSum_powerOfTwoParties_sharpEdge(
      @ForAll @IntRange(min = 0, max = 9) int log2Parties,
      @ForAll @IntRange(min = 0, max = 52) int fractionalBits) {
    int parties = 1 << log2Parties;
    double atEdge = Math.scalb(1.0, 63 - log2Parties - fractionalBits);
    FixedPointEncoder encoder = FixedPointEncoder.forSum(parties, Math.nextDown(atEdge), fractionalBits);
    // 2^(63-k) - 2^(10-k); for k = 0 the wrapped 1L << 63 still gives 2^63 - 2^10.
    assertThat(encoder.encode(Math.nextDown(atEdge)))
        .isEqualTo((1L << (63 - log2Parties)) - (1L << (10 - log2Parties)));
    assertThatThrownBy(() -> FixedPointEncoder.forSum(parties, atEdge, fractionalBits))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static BigDecimal scaledSum(int parties, double maxAbs, int fractionalBits) {
    return new BigDecimal(Math.scalb(maxAbs, fractionalBits)).multiply(BigDecimal.valueOf(parties));
  }
}
