package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscreteGaussianSamplerTest {

  private static final int N = 200_000;

  /** E[Y^2] of N_Z(0, sigma^2), summed directly over the integers (independent of the library code). */
  private static double exactVariance(double sigma) {
    double normaliser = 0;
    double second = 0;
    for (int y = -2000; y <= 2000; y++) {
      double w = Math.exp(-y * (double) y / (2 * sigma * sigma));
      normaliser += w;
      second += (double) y * y * w;
    }
    return second / normaliser;
  }

  @Test
  void variance_smallSigma_isBelowSigmaSquared() {
    // For sigma = 0.5 the lattice is coarse: Var = 0.2150..., clearly below sigma^2 = 0.25.
    double exact = exactVariance(0.5);
    assertThat(exact).isCloseTo(0.2150, within(1e-4));
    assertThat(DiscreteGaussianSampler.withSigma(0.5).variance()).isCloseTo(exact, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 1.5, 3.7306, 25.0})
  void sample_meanZeroAndExactVariance(double sigma) {
    DiscreteGaussianSampler sampler = DiscreteGaussianSampler.withSigma(sigma, new SplittableRandom(31));
    double variance = exactVariance(sigma);
    assertThat(sampler.variance()).isCloseTo(variance, within(1e-9 * variance));
    Samples samples = Samples.of(N, sampler::sample);
    // 4.5 standard errors: false alarm about once in 150,000 runs. The discrete Gaussian's kurtosis is
    // 3.0 for sigma >= 1.5 and 4.79 for sigma = 0.5; 5 bounds all four.
    samples.assertCentredWithVariance(variance, 5);
  }

  @Test
  void sample_frequenciesMatchProbabilityMassFunction() {
    double sigma = 1.7;
    DiscreteGaussianSampler sampler = DiscreteGaussianSampler.withSigma(sigma, new SplittableRandom(32));
    double normaliser = 0;
    for (int y = -100; y <= 100; y++) {
      normaliser += Math.exp(-y * y / (2 * sigma * sigma));
    }
    double z = normaliser;
    Samples.assertFrequenciesMatch(N, sampler::sample, y -> Math.exp(-y * y / (2 * sigma * sigma)) / z, 6);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -2, Double.NaN, Double.POSITIVE_INFINITY, 0x1p51})
  void withSigma_outOfRange_throwsNamingSigma(double sigma) {
    assertThatThrownBy(() -> DiscreteGaussianSampler.withSigma(sigma))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`sigma`");
  }

  @Test
  void confidenceHalfWidth_coversAtLeastOneMinusAlphaAndIsTight() {
    double sigma = 4.0;
    DiscreteGaussianDistribution distribution = DiscreteGaussianDistribution.of(sigma);
    long k = DiscreteGaussianSampler.withSigma(sigma).confidenceHalfWidth(0.05);
    assertThat(2 * distribution.tail(k)).isLessThanOrEqualTo(0.05);
    assertThat(2 * distribution.tail(k - 1)).isGreaterThan(0.05);
  }
}
