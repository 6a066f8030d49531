package org.pet.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * The textbook baselines draw from the distributions they claim, so that comparing their speed with the
 * secure samplers is fair. With 200,000 draws the sample variance's relative standard error is
 * sqrt((kurtosis - 1) / 200,000): 0.5% for the Laplace (kurtosis 6), 0.3% for the Gaussian; 3% is at
 * least 6 standard errors, a false alarm rate below 1e-8 (seeded, so deterministic).
 */
class InsecureTextbookNoiseTest {

  private static final int DRAWS = 200_000;

  @Test
  void laplace_scale2_hasVariance8() {
    SplittableRandom random = new SplittableRandom(7);
    assertThat(variance(() -> InsecureTextbookNoise.laplace(random, 2))).isCloseTo(8, Percentage.withPercentage(3));
  }

  @Test
  void gaussian_sigma3_hasVariance9() {
    SplittableRandom random = new SplittableRandom(7);
    assertThat(variance(() -> InsecureTextbookNoise.gaussian(random, 3))).isCloseTo(9, Percentage.withPercentage(3));
  }

  private static double variance(DoubleSupplier draw) {
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < DRAWS; i++) {
      double x = draw.getAsDouble();
      sum += x;
      squares += x * x;
    }
    double mean = sum / DRAWS;
    return squares / DRAWS - mean * mean;
  }
}
