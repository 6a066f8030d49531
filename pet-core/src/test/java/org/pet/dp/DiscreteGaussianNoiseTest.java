package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscreteGaussianNoiseTest {

  @ParameterizedTest
  @CsvSource({"1, 1.0, 1e-5", "1, 0.1, 1e-6", "3, 2.0, 1e-8", "1, 8.0, 1e-3"})
  void sampler_meetsDeltaOnTheDiscreteGaussiansOwnPrivacyCurve(long l2, double epsilon, double delta) {
    DiscreteGaussianSampler sampler = new DiscreteGaussianNoise().sampler(l2, epsilon, delta);
    double achieved = DiscreteGaussianDistribution.of(sampler.sigma()).delta(l2, epsilon);
    assertThat(achieved).isLessThanOrEqualTo(delta);
    // ... and is not much larger than needed: the continuous calibration is the starting point.
    assertThat(sampler.sigma()).isLessThan(1.05 * GaussianNoise.sigma(l2, epsilon, delta));
  }

  @Test
  void addNoise_long_meanZeroAndExactVariance() {
    DiscreteGaussianNoise noise = new DiscreteGaussianNoise(new SplittableRandom(41));
    double variance = noise.sampler(1, 0.5, 1e-6).variance();
    Samples samples = Samples.of(100_000, () -> noise.addNoise(5L, 1, 1L, 0.5, 1e-6) - 5L);
    // 4.5 standard errors: false alarm about once in 150,000 runs; kurtosis 3.
    samples.assertCentredWithVariance(variance, 3);
  }

  @Test
  void addNoise_double_requiresIntegers() {
    assertThatThrownBy(() -> new DiscreteGaussianNoise().addNoise(0.25, 1, 1.0, 1.0, 1e-5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`x`");
  }

  @Test
  void getMechanismType_isDiscreteGaussian() {
    assertThat(new DiscreteGaussianNoise().getMechanismType()).isEqualTo(MechanismType.DISCRETE_GAUSSIAN);
  }
}
