package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LaplaceNoiseTest {

  private static final int N = 100_000;

  @Test
  void addNoise_double_meanZeroAndVarianceTwoBSquared() {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(1));
    double b = 2 * 1.5 / 0.5; // l0 * lInf / epsilon
    double variance = 2 * b * b;
    Samples samples = Samples.of(N, () -> noise.addNoise(3.25, 2, 1.5, 0.5, null) - 3.25);
    // 4.5 standard errors: a false alarm about once in 150,000 runs; Laplace kurtosis is 6.
    samples.assertCentredWithVariance(variance, 6);
  }

  @Test
  void addNoise_long_meanZeroAndVarianceOfDiscreteLaplace() {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(2));
    double p = Math.exp(-1.0 / 4); // scale l0 * lInf / epsilon = 4
    double variance = 2 * p / ((1 - p) * (1 - p));
    Samples samples = Samples.of(N, () -> noise.addNoise(-7L, 1, 2L, 0.5, 0.0) + 7L);
    samples.assertCentredWithVariance(variance, 6);
  }

  @Test
  void addNoise_neighbouringInputs_outputsOnTheSameGrid() {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(3));
    double g = noise.granularity(1, 1.0, 1.0, null);
    assertThat(g).isEqualTo(Math.scalb(1.0, Math.getExponent(g))).isEqualTo(0x1p-20);
    assertThat(GridCheck.offGridOutputs(x -> noise.addNoise(x, 1, 1.0, 1.0, null), g)).isEmpty();
  }

  /** The check above must catch the textbook mechanism that Mironov (CCS 2012) broke. */
  @Test
  void offGridCheck_textbookFloatingPointLaplace_isCaught() {
    RandomGenerator random = new SplittableRandom(4);
    DoubleUnaryOperator textbook = x -> {
      double u = random.nextDouble() - 0.5;
      return x - Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
    };
    assertThat(GridCheck.offGridOutputs(textbook, 0x1p-20)).isNotEmpty();
  }

  @Test
  void addNoise_inputFarBeyondTwoToThe53Units_staysOnGridAndNearTheInput() {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(5));
    double g = noise.granularity(1, 1.0, 1.0, null);
    for (double x : new double[] {1e7, -3e15, 1e300}) {
      double out = noise.addNoise(x, 1, 1.0, 1.0, null);
      // 40 Laplace scales: exceeded with probability e^-40.
      assertThat(out).isCloseTo(x, within(Math.max(40.0, Math.ulp(x))));
      assertThat(out / g).isEqualTo(Math.rint(out / g));
    }
    assertThat(noise.addNoise(Long.MAX_VALUE, 1, 1L, 1.0, null)).isGreaterThan(Long.MAX_VALUE - 1000);
  }

  @Test
  void addNoise_nonZeroDelta_rejected() {
    assertThatThrownBy(() -> new LaplaceNoise().addNoise(1.0, 1, 1.0, 1.0, 1e-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
  }

  @Test
  void addNoise_nonFiniteInput_rejected() {
    assertThatThrownBy(() -> new LaplaceNoise().addNoise(Double.NaN, 1, 1.0, 1.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`x`");
    assertThatThrownBy(() -> new LaplaceNoise().addNoise(Double.NEGATIVE_INFINITY, 1, 1.0, 1.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`x`");
  }

  @Test
  void variance_isTwoBSquaredOnTheGridAndExactForIntegers() {
    LaplaceNoise noise = new LaplaceNoise();
    // The grid's one-unit sensitivity slack raises the scale by about 2^-20 relative: variance 2^-19.
    assertThat(noise.variance(2, 1.5, 0.5, null)).isCloseTo(2 * 36.0, within(72 * 0x1p-16));
    double p = Math.exp(-1.0 / 4);
    assertThat(new DiscreteLaplaceNoise().variance(1, 2.0, 0.5, null))
        .isCloseTo(2 * p / ((1 - p) * (1 - p)), within(1e-9));
    assertThat(noise.isPure()).isTrue();
    assertThat(new GaussianNoise().isPure()).isFalse();
  }

  @Test
  void getMechanismType_isLaplace() {
    assertThat(new LaplaceNoise().getMechanismType()).isEqualTo(MechanismType.LAPLACE);
  }
}
