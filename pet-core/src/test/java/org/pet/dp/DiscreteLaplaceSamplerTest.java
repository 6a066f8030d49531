package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscreteLaplaceSamplerTest {

  private static final int N = 200_000;

  /** Discrete Laplace kurtosis is below the continuous Laplace's 6. */
  private static final double KURTOSIS_BOUND = 6;

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 1.0, 2.5, 1000.0 / 3})
  void sample_meanZeroAndVarianceTwoPOverOneMinusPSquared(double scale) {
    DiscreteLaplaceSampler sampler = DiscreteLaplaceSampler.withScale(scale, new SplittableRandom(21));
    double p = Math.exp(-1 / scale);
    double variance = 2 * p / ((1 - p) * (1 - p));
    assertThat(sampler.variance()).isCloseTo(variance, within(1e-9 * variance));
    Samples samples = Samples.of(N, sampler::sample);
    // 4.5 standard errors per check: a false alarm about once in 150,000 runs.
    samples.assertCentredWithVariance(variance, KURTOSIS_BOUND);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.7, 1.0, 3.0})
  void sample_frequenciesMatchProbabilityMassFunction(double scale) {
    DiscreteLaplaceSampler sampler = DiscreteLaplaceSampler.withScale(scale, new SplittableRandom(22));
    double p = Math.exp(-1 / scale);
    Samples.assertFrequenciesMatch(N, sampler::sample, z -> (1 - p) / (1 + p) * Math.pow(p, Math.abs(z)), 5);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 0x1p53})
  void withScale_outOfRange_throwsNamingScale(double scale) {
    assertThatThrownBy(() -> DiscreteLaplaceSampler.withScale(scale))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`scale`");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.01, 1e-6})
  void confidenceHalfWidth_isSmallestKWithTailAtMostAlpha(double alpha) {
    DiscreteLaplaceSampler sampler = DiscreteLaplaceSampler.withScale(2.0);
    double p = Math.exp(-0.5);
    long k = sampler.confidenceHalfWidth(alpha);
    assertThat(2 * Math.pow(p, k + 1) / (1 + p)).isLessThanOrEqualTo(alpha);
    assertThat(2 * Math.pow(p, k) / (1 + p)).isGreaterThan(alpha);
  }
}
