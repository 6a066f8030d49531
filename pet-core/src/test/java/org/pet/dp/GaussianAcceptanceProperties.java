package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The discrete Gaussian's long-arithmetic acceptance test against its exact BigInteger reference: the
 * words it derives are the exact ones, and it draws the same words with the same outcome.
 */
class GaussianAcceptanceProperties {

  private static final double GRID_SIGMA = GaussianSigmas.GRID_SIGMA;

  @Provide
  Arbitrary<Double> sigmas() {
    return GaussianSigmas.sigmas(-15, 25, 0.5, 1.0, 3.0, 1000.0, 1e6, GRID_SIGMA,
        GaussianAcceptance.MAX_FIXED_POINT_SIGMA);
  }

  private static long t(double sigma) {
    return (long) Math.floor(sigma) + 1;
  }

  /** A proposal magnitude: mostly where the Laplace proposal puts it (up to 40 t), sometimes the centre. */
  private static long magnitude(double sigma, SplittableRandom random) {
    long t = t(sigma);
    return random.nextInt(4) == 0 ? (long) Math.floor(sigma * sigma / t) : random.nextLong(40 * t + 40);
  }

  @Property(tries = 400)
  void approximateExponent_whenCertified_hasTheExactWholeAndFirstWord(
      @ForAll("sigmas") double sigma, @ForAll long seed) {
    GaussianAcceptance acceptance = new GaussianAcceptance(sigma, t(sigma), true);
    Assume.that(acceptance.hasFixedPointPath()); // short dyadic sigmas take the exact long path instead
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20; i++) {
      long u = magnitude(sigma, random);
      FixedPoint128 x = acceptance.approximateExponent(u);
      if (acceptance.isExact(x, u)) {
        BigInteger scaled = BigInteger.valueOf(x.whole()).shiftLeft(64).add(unsigned(x.high()));
        assertThat(scaled).as("sigma %s, u %d", sigma, u).isEqualTo(acceptance.exactScaledFloor(u));
      }
    }
  }

  @Test
  void approximateExponent_gridSigma_isCertifiedForEveryLikelyMagnitude() {
    // Deterministic: for GaussianNoise's sigma the fixed-point path must decide all of u = 0..30 sigma.
    GaussianAcceptance acceptance = new GaussianAcceptance(GRID_SIGMA, t(GRID_SIGMA), true);
    assertThat(acceptance.hasFixedPointPath()).isTrue();
    long certified = 0;
    long limit = (long) (30 * GRID_SIGMA);
    for (long u = 0; u <= limit; u++) {
      certified += acceptance.isExact(acceptance.approximateExponent(u), u) ? 1 : 0;
    }
    assertThat(certified).isEqualTo(limit + 1);
  }

  /**
   * Drives both paths through the fractional comparison with a first word just below, equal to (a tie,
   * which needs the exact rational) and just above the exact first word of frac(x): an error of one unit
   * in a long path's word would change the outcome or the number of words drawn.
   */
  @Property(tries = 400)
  void accept_wordsAroundTheExactFirstWord_sameOutcomeAndDraws(
      @ForAll("sigmas") double sigma, @ForAll long seed, @ForAll @IntRange(min = -1, max = 1) int offset) {
    GaussianAcceptance acceptance = new GaussianAcceptance(sigma, t(sigma), true);
    SplittableRandom random = new SplittableRandom(seed);
    long u = magnitude(sigma, random);
    BigInteger scaled = acceptance.exactScaledFloor(u);
    if (scaled.shiftRight(64).compareTo(BigInteger.valueOf(40)) > 0) {
      return; // e^-floor(x) below 2^-57: the zero word below would not settle the integer part at once
    }
    long firstWord = scaled.longValue();
    // Word 0 is below e^-w for w <= 40, so a positive integer part lets the fractional test run.
    long[] script = scaled.shiftRight(64).signum() > 0
        ? new long[] {0, firstWord + offset} : new long[] {firstWord + offset};
    ScriptedRandom fast = new ScriptedRandom(seed, script);
    ScriptedRandom reference = new ScriptedRandom(seed, script);
    boolean fastResult = acceptance.accept(fast, u);
    assertThat(fastResult).isEqualTo(acceptance.acceptWithBigIntegers(reference, u));
    assertThat(fast.draws()).isEqualTo(reference.draws());
  }

  @Property(tries = 200)
  void accept_randomWords_sameOutcomesAndDrawsAsReference(@ForAll("sigmas") double sigma, @ForAll long seed) {
    GaussianAcceptance acceptance = new GaussianAcceptance(sigma, t(sigma), true);
    ScriptedRandom fast = new ScriptedRandom(seed);
    ScriptedRandom reference = new ScriptedRandom(seed);
    SplittableRandom magnitudes = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < 50; i++) {
      long u = magnitude(sigma, magnitudes);
      assertThat(acceptance.accept(fast, u)).isEqualTo(acceptance.acceptWithBigIntegers(reference, u));
      assertThat(fast.draws()).isEqualTo(reference.draws());
    }
  }

  private static BigInteger unsigned(long word) {
    return BigInteger.valueOf(word).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
  }
}
