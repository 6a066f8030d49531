package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Aggregate share noise: calibrated for one honest aggregator with the task's sensitivity. Seeded
 * statistical checks: 20,000 draws, empirical variance within 5% of the exact variance (about 10 standard
 * errors of a variance estimate at this size would be 10%; 5% is 5 of them) and mean within 5 standard
 * errors of zero.
 */
class AggregateShareNoiseTest {

  @Test
  void gaussianNoiseHasTheCalibratedVarianceAndScalesWithSensitivity() {
    AggregateShareNoise count = AggregateShareNoise.discreteGaussian(Prio3Config.count(), 1, 1e-6);
    AggregateShareNoise sum = AggregateShareNoise.discreteGaussian(Prio3Config.sum(100), 1, 1e-6);
    assertThat(sum.variance() / count.variance()).isCloseTo(100 * 100, within(100.0));
    assertThat(count.guarantee().epsilon()).isEqualTo(1);
    checkMoments(count.withRandom(new SplittableRandom(3)), count.variance());
  }

  @Test
  void laplaceNoiseUsesTheL1Sensitivity() {
    AggregateShareNoise histogram = AggregateShareNoise.discreteLaplace(Prio3Config.histogram(10, 3), 0.5);
    AggregateShareNoise multihot = AggregateShareNoise.discreteLaplace(Prio3Config.multihotCountVec(10, 3, 3), 0.5);
    assertThat(histogram.sample()).hasSize(10);
    assertThat(multihot.variance()).isGreaterThan(histogram.variance() * 8);
    checkMoments(histogram.withRandom(new SplittableRandom(4)), histogram.variance());
  }

  private static void checkMoments(AggregateShareNoise noise, double variance) {
    int draws = 20_000;
    double sum = 0;
    double squares = 0;
    int n = 0;
    while (n < draws) {
      for (long value : noise.sample()) {
        sum += value;
        squares += (double) value * value;
        n++;
      }
    }
    double mean = sum / n;
    assertThat(Math.abs(mean)).isLessThan(5 * Math.sqrt(variance / n));
    assertThat(squares / n - mean * mean).isCloseTo(variance, within(0.05 * variance));
  }
}
