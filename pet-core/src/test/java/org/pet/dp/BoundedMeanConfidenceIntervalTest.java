package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link BoundedMean#computeConfidenceInterval(double)}: coverage over seeded trials, width and lifecycle. */
class BoundedMeanConfidenceIntervalTest {

  private static final int TRIALS = 4000;

  /** A data set, the mean's parameters and alpha. */
  record Setting(String name, double[] data, double lower, double upper, int maxPartitions, int maxContributions,
      double epsilon, boolean gaussian, double alpha) {

    BoundedMean build(SplittableRandom random) {
      BoundedMean.Builder builder = BoundedMean.builder().epsilon(epsilon).lower(lower).upper(upper)
          .maxPartitionsContributed(maxPartitions).maxContributionsPerPartition(maxContributions);
      if (gaussian) {
        builder.delta(1e-5).noise(new GaussianNoise(random));
      } else {
        builder.noise(new LaplaceNoise(random));
      }
      BoundedMean mean = builder.build();
      for (double x : data) {
        mean.addEntry(x);
      }
      return mean;
    }

    double trueMean() {
      return DoubleStream.of(data).map(x -> Math.max(lower, Math.min(upper, x))).average().orElseThrow();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Setting> settings() {
    SplittableRandom data = new SplittableRandom(40);
    return Stream.of(
        new Setting("Laplace, 50 entries, some clamped at both ends", data.doubles(50, -2, 12).toArray(),
            0, 10, 1, 1, 1, false, 0.1),
        new Setting("Laplace, 2 entries: the count interval cut at 1", new double[] {0.2, 0.9}, 0, 1, 1, 1, 0.5,
            false, 0.5),
        new Setting("Laplace, 1 entry at the upper bound", new double[] {1}, 0, 1, 1, 1, 2, false, 0.3),
        new Setting("Gaussian, 20 entries", data.doubles(20, -5, 5).toArray(), -5, 5, 1, 1, 1, true, 0.05),
        new Setting("Laplace, L0 = 2, Linf = 3, midpoint far from 0, skewed data",
            data.doubles(200, 0, 1).map(u -> 100 + 100 * Math.sqrt(u)).toArray(), 100, 200, 2, 3, 1, false, 0.2));
  }

  /**
   * The union bound makes the interval conservative: the miss rate must not exceed alpha (see MissRate;
   * five checks, so a false alarm is about 2e-5 even for an exact interval). Every interval holds the
   * released mean.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void computeConfidenceInterval_seededTrials_missRateAtMostAlphaAndHoldsTheRelease(Setting setting) {
    SplittableRandom random = new SplittableRandom(41);
    double truth = setting.trueMean();
    int misses = 0;
    for (int i = 0; i < TRIALS; i++) {
      BoundedMean mean = setting.build(random);
      double released = mean.computeResult();
      ConfidenceInterval interval = mean.computeConfidenceInterval(setting.alpha());
      assertThat(interval.contains(released)).isTrue();
      misses += interval.contains(truth) ? 0 : 1;
    }
    new MissRate(misses, TRIALS).assertAtMost(setting.alpha());
  }

  @Test
  void computeConfidenceInterval_manyEntries_narrowAndWithinTheBounds() {
    SplittableRandom random = new SplittableRandom(42);
    BoundedMean mean = BoundedMean.builder().epsilon(1).lower(0).upper(10).noise(new LaplaceNoise(random)).build();
    random.doubles(10_000, 0, 10).forEach(mean::addEntry);
    mean.computeResult();
    ConfidenceInterval interval = mean.computeConfidenceInterval(0.05);
    // Half-widths: sum 10 ln(40) / 10^4 = 0.0037, count 2 ln(40) / 10^4 relative: about 0.008 wide in all.
    assertThat(interval.width()).isLessThan(0.02);
    assertThat(interval.lowerBound()).isGreaterThanOrEqualTo(0);
    assertThat(interval.upperBound()).isLessThanOrEqualTo(10);
  }

  @Test
  void computeConfidenceInterval_fewEntries_cutToTheBounds() {
    BoundedMean mean = BoundedMean.builder().epsilon(0.1).lower(0).upper(10)
        .noise(new LaplaceNoise(new SplittableRandom(43))).build();
    mean.addEntry(3);
    mean.computeResult();
    assertThat(mean.computeConfidenceInterval(0.05)).isEqualTo(new ConfidenceInterval(0, 10));
  }

  @Test
  void computeConfidenceInterval_beforeResultOrAfterSummary_throwsAndBadAlphaRejected() {
    BoundedMean mean = BoundedMean.builder().epsilon(1).lower(0).upper(10).build();
    assertThatThrownBy(() -> mean.computeConfidenceInterval(0.05)).isInstanceOf(IllegalStateException.class);
    mean.computeResult();
    assertThatThrownBy(() -> mean.computeConfidenceInterval(0)).hasMessageContaining("`alpha`");
    BoundedMean serialized = BoundedMean.builder().epsilon(1).lower(0).upper(10).build();
    serialized.getSerializableSummary();
    assertThatThrownBy(() -> serialized.computeConfidenceInterval(0.05)).isInstanceOf(IllegalStateException.class);
  }
}
