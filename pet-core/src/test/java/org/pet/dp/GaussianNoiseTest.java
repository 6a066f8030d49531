package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianNoiseTest {

  private static final int N = 100_000;

  @Test
  void sigma_referenceParameters_matchesBalleWang() {
    assertThat(GaussianNoise.sigma(1, 1, 1e-5)).isCloseTo(3.7306, within(5e-4));
  }

  @Test
  void sigma_isTheSmallestSigmaMeetingDelta() {
    double sigma = GaussianNoise.sigma(1, 1, 1e-5);
    assertThat(GaussianCalibration.continuousDelta(sigma, 1, 1)).isLessThanOrEqualTo(1e-5);
    assertThat(GaussianCalibration.continuousDelta(sigma * (1 - 1e-9), 1, 1)).isGreaterThan(1e-5);
  }

  @Test
  void sigma_isLinearInSensitivityAndBelowClassicalBound() {
    double sigma = GaussianNoise.sigma(1, 0.5, 1e-6);
    assertThat(GaussianNoise.sigma(7, 0.5, 1e-6)).isCloseTo(7 * sigma, within(1e-9 * sigma));
    double classical = Math.sqrt(2 * Math.log(1.25 / 1e-6)) / 0.5;
    assertThat(sigma).isLessThan(classical);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void sigma_badEpsilon_throwsNamingEpsilon(double epsilon) {
    assertThatThrownBy(() -> GaussianNoise.sigma(1, epsilon, 1e-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
  }

  @Test
  void sigma_badSensitivityOrDelta_throwsNamingIt() {
    assertThatThrownBy(() -> GaussianNoise.sigma(0, 1, 1e-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`l2Sensitivity`");
    assertThatThrownBy(() -> GaussianNoise.sigma(1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
  }

  @Test
  void addNoise_double_meanZeroAndVarianceSigmaSquared() {
    GaussianNoise noise = new GaussianNoise(new SplittableRandom(11));
    double sigma = GaussianNoise.sigma(2.0, 1.0, 1e-6);
    Samples samples = Samples.of(N, () -> noise.addNoise(10.0, 1, 2.0, 1.0, 1e-6) - 10.0);
    double variance = sigma * sigma;
    // 4.5 standard errors: a false alarm about once in 150,000 runs. The grid recalibration adds about
    // 2^-11 relative to sigma, far inside the tolerance. Gaussian kurtosis is 3.
    samples.assertCentredWithVariance(variance, 3, 2e-3);
  }

  @Test
  void addNoise_long_meanZeroAndVarianceOfDiscreteGaussian() {
    GaussianNoise noise = new GaussianNoise(new SplittableRandom(12));
    DiscreteGaussianSampler reference = new DiscreteGaussianNoise().sampler(3, 1.0, 1e-5);
    double variance = reference.variance();
    Samples samples = Samples.of(N, () -> noise.addNoise(100L, 1, 3L, 1.0, 1e-5) - 100L);
    samples.assertCentredWithVariance(variance, 3);
  }

  @Test
  void addNoise_neighbouringInputs_outputsOnTheSameGrid() {
    GaussianNoise noise = new GaussianNoise(new SplittableRandom(13));
    double g = noise.granularity(1, 1.0, 1.0, 1e-5);
    assertThat(Math.getExponent(g)).isEqualTo(Math.getExponent(g * 1.5)); // a power of two
    assertThat(g).isEqualTo(Math.scalb(1.0, Math.getExponent(g)));
    assertThat(GridCheck.offGridOutputs(x -> noise.addNoise(x, 1, 1.0, 1.0, 1e-5), g)).isEmpty();
  }

  @Test
  void addNoise_laplaceDeltaGiven_rejected() {
    assertThatThrownBy(() -> new GaussianNoise().addNoise(1.0, 1, 1.0, 1.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
    assertThatThrownBy(() -> new GaussianNoise().addNoise(1L, 1, 1L, 1.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
  }

  @Test
  void getMechanismType_isGaussian() {
    assertThat(new GaussianNoise().getMechanismType()).isEqualTo(MechanismType.GAUSSIAN);
  }
}
