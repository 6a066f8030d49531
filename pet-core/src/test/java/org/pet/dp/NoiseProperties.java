package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Algebraic and support properties of the noise mechanisms, over generated parameters. */
class NoiseProperties {

  @Provide
  Arbitrary<Double> invalidEpsilons() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().lessOrEqual(0),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0));
  }

  /** Log-uniform positive doubles in [10^minExp, 10^maxExp]. */
  private static Arbitrary<Double> logUniform(double minExp, double maxExp) {
    return Arbitraries.doubles().between(minExp, maxExp).ofScale(6).map(e -> Math.pow(10, e));
  }

  @Provide
  Arbitrary<Double> inputs() {
    return logUniform(-6, 12).flatMap(m -> Arbitraries.of(m, -m));
  }

  @Provide
  Arbitrary<Double> sensitivities() {
    return logUniform(-6, 6);
  }

  @Provide
  Arbitrary<Double> epsilons() {
    return logUniform(-2, 1.3);
  }

  @Provide
  Arbitrary<Double> alphas() {
    return logUniform(-9, -0.31);
  }

  @Provide
  Arbitrary<Double> anyPositiveNormal() {
    return logUniform(-300, 300);
  }

  @Property
  void anyMechanism_rejectsEveryInvalidEpsilon(@ForAll("invalidEpsilons") double epsilon) {
    for (Noise noise : new Noise[] {new LaplaceNoise(), new DiscreteLaplaceNoise()}) {
      assertThatThrownBy(() -> noise.addNoise(0.0, 1, 1.0, epsilon, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
    }
    for (Noise noise : new Noise[] {new GaussianNoise(), new DiscreteGaussianNoise()}) {
      assertThatThrownBy(() -> noise.addNoise(0L, 1, 1L, epsilon, 1e-6))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
    }
  }

  @Property
  void gaussian_rejectsDeltaOutsideOpenUnitInterval(
      @ForAll @DoubleRange(min = 1.0, max = 1e9) double above,
      @ForAll @DoubleRange(min = -1e9, max = 0) double below) {
    for (double delta : new double[] {above, below}) {
      assertThatThrownBy(() -> new GaussianNoise().addNoise(0.0, 1, 1.0, 1.0, delta))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
    }
  }

  /** Snapping: for any input and parameters, the output is an integer multiple of the grid spacing. */
  @Property
  void snappedMechanisms_outputAlwaysOnThePowerOfTwoGrid(
      @ForAll boolean gaussian,
      @ForAll("inputs") double x,
      @ForAll @IntRange(min = 1, max = 50) int l0,
      @ForAll("sensitivities") double lInf,
      @ForAll("epsilons") double epsilon,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LatticeNoise noise = gaussian ? new GaussianNoise(random) : new LaplaceNoise(random);
    Double delta = gaussian ? 1e-6 : null;
    double g = noise.granularity(l0, lInf, epsilon, delta);
    double out = noise.addNoise(x, l0, lInf, epsilon, delta);
    assertThat(out / g).isEqualTo(Math.rint(out / g));
    assertThat(g).isEqualTo(Math.scalb(1.0, Math.getExponent(g)));
  }

  /** The Laplace scale is never below L1 / epsilon, however the division rounds. */
  @Property
  void discreteLaplace_scaleIsAnUpperBoundOfL1OverEpsilon(
      @ForAll @LongRange(min = 1, max = 1L << 40) long l1,
      @ForAll("epsilons") double epsilon) {
    double scale = DiscreteLaplaceSampler.forEpsilon(l1, epsilon, new SplittableRandom(1)).scale();
    assertThat(new BigDecimal(scale).multiply(new BigDecimal(epsilon)))
        .isGreaterThanOrEqualTo(new BigDecimal(l1));
  }

  @Property
  void dyadic_reconstructsTheDoubleExactly(@ForAll("anyPositiveNormal") double value) {
    Dyadic dyadic = Dyadic.of(value);
    assertThat(dyadic.mantissa() & 1).isEqualTo(1);
    assertThat(Math.scalb((double) dyadic.mantissa(), dyadic.exponent())).isEqualTo(value);
  }

  @Property
  void saturatedAdd_equalsTheClampedExactSum(@ForAll long a, @ForAll long b) {
    BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
    BigInteger clamped = exact.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE));
    assertThat(LatticeNoise.saturatedAdd(a, b)).isEqualTo(clamped.longValueExact());
  }

  /** Integer mechanisms keep integer inputs on the integers and never overflow. */
  @Property
  void discreteMechanisms_longPathSaturatesInsteadOfWrapping(@ForAll long x, @ForAll long seed) {
    long laplace = new DiscreteLaplaceNoise(new SplittableRandom(seed)).addNoise(x, 1, 1L, 1.0, null);
    long gaussian = new DiscreteGaussianNoise(new SplittableRandom(seed)).addNoise(x, 1, 1L, 1.0, 1e-5);
    for (long out : new long[] {laplace, gaussian}) {
      assertThat(BigInteger.valueOf(out).subtract(BigInteger.valueOf(x)).abs())
          .isLessThan(BigInteger.valueOf(1000));
    }
  }

  @Property
  void confidenceHalfWidth_shrinksAsAlphaGrows(
      @ForAll("alphas") double alpha,
      @ForAll("sensitivities") double scale) {
    IntegerNoiseSampler laplace = DiscreteLaplaceSampler.withScale(scale);
    assertThat(laplace.confidenceHalfWidth(alpha)).isGreaterThanOrEqualTo(laplace.confidenceHalfWidth(2 * alpha));
    IntegerNoiseSampler gaussian = DiscreteGaussianSampler.withSigma(Math.min(scale, 500) + 0.25);
    assertThat(gaussian.confidenceHalfWidth(alpha)).isGreaterThanOrEqualTo(gaussian.confidenceHalfWidth(2 * alpha));
  }
}
