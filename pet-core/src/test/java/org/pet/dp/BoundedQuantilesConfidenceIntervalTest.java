package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BoundedQuantiles#computeConfidenceInterval(double, double)}: coverage of the rank's true quantile
 * over seeded trials, containment of the released quantile, width and lifecycle.
 */
class BoundedQuantilesConfidenceIntervalTest {

  private static final double[] RANKS = {0, 0.1, 0.5, 0.7, 0.9, 1};

  /** A data set, the tree and its noise, alpha and the number of trials. */
  record Setting(String name, double[] data, int height, int branching, double epsilon,
      Function<RandomGenerator, Noise> noise, double delta, double alpha, int trials) {

    BoundedQuantiles build(RandomGenerator random) {
      BoundedQuantiles.Builder builder = BoundedQuantiles.builder().epsilon(epsilon).lower(0).upper(100)
          .treeHeight(height).branchingFactor(branching).noise(noise.apply(random));
      if (delta > 0) {
        builder.delta(delta);
      }
      BoundedQuantiles quantiles = builder.build();
      for (double x : data) {
        quantiles.addEntry(x);
      }
      return quantiles;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The order statistic x_(max(1, ceil(rank n))) of the data clamped to [0, 100]. */
  static double trueQuantile(double[] data, double rank) {
    double[] sorted = Arrays.stream(data).map(x -> Math.max(0, Math.min(100, x))).sorted().toArray();
    int order = Math.max(1, new BigDecimal(rank).multiply(BigDecimal.valueOf(sorted.length))
        .setScale(0, RoundingMode.CEILING).intValueExact());
    return sorted[order - 1];
  }

  static Stream<Setting> settings() {
    SplittableRandom data = new SplittableRandom(60);
    // Values on leaf edges (multiples of 100 / 16) and clamped ones, with ties.
    double[] onEdges = data.ints(100, -2, 19).mapToDouble(k -> k * 6.25).toArray();
    return Stream.of(
        new Setting("Laplace, 2 levels of 4, data on leaf edges", onEdges, 2, 4, 1, LaplaceNoise::new, 0, 0.1,
            1000),
        new Setting("Laplace, one level of 2 (2 nodes), 5 entries", data.doubles(5, 0, 100).toArray(), 1, 2, 1,
            LaplaceNoise::new, 0, 0.5, 2000),
        new Setting("Laplace, default tree, 1000 entries", data.doubles(1000, 0, 100).map(x -> x * x / 100)
            .toArray(), 4, 16, 1, LaplaceNoise::new, 0, 0.05, 300),
        new Setting("Gaussian, 3 levels of 4, 200 entries", data.doubles(200, 20, 60).toArray(), 3, 4, 1,
            GaussianNoise::new, 1e-5, 0.1, 1000),
        new Setting("Discrete Laplace, 2 levels of 8, 50 entries", data.doubles(50, 0, 100).toArray(), 2, 8, 0.5,
            DiscreteLaplaceNoise::new, 0, 0.2, 1000));
  }

  /**
   * For each rank the miss rate must not exceed alpha (see MissRate; 30 checks, so the chance of any false
   * alarm is about 1e-4 even if every interval were exact - the union bound over the nodes makes them
   * conservative). Every interval holds the released quantile.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void computeConfidenceInterval_seededTrials_missRateAtMostAlphaAndHoldsTheRelease(Setting setting) {
    SplittableRandom random = new SplittableRandom(61);
    int[] misses = new int[RANKS.length];
    for (int trial = 0; trial < setting.trials(); trial++) {
      BoundedQuantiles quantiles = setting.build(random);
      for (int r = 0; r < RANKS.length; r++) {
        double released = quantiles.computeResult(RANKS[r]);
        ConfidenceInterval interval = quantiles.computeConfidenceInterval(RANKS[r], setting.alpha());
        assertThat(interval.contains(released)).isTrue();
        misses[r] += interval.contains(trueQuantile(setting.data(), RANKS[r])) ? 0 : 1;
      }
    }
    for (int r = 0; r < RANKS.length; r++) {
      new MissRate(misses[r], setting.trials()).assertAtMost(setting.alpha());
    }
  }

  @Test
  void computeConfidenceInterval_manyEntries_narrowAroundTheQuantile() {
    SplittableRandom random = new SplittableRandom(62);
    BoundedQuantiles quantiles = BoundedQuantiles.builder().epsilon(1).lower(0).upper(100)
        .noise(new LaplaceNoise(random)).build();
    double[] data = random.doubles(10_000, 0, 100).toArray();
    Arrays.stream(data).forEach(quantiles::addEntry);
    quantiles.computeResult(0.5);
    ConfidenceInterval interval = quantiles.computeConfidenceInterval(0.5, 0.05);
    assertThat(interval.contains(trueQuantile(data, 0.5))).isTrue();
    // About 9 (the release's own error is below 1): each of the 64 node intervals is taken at
    // alpha / 64, and the entries before and after a leaf sum up to 60 of them. A regression guard.
    assertThat(interval.width()).isLessThan(12);
  }

  @Test
  void computeConfidenceInterval_beforeResultOrBadArguments_throws() {
    BoundedQuantiles quantiles = BoundedQuantiles.builder().epsilon(1).lower(0).upper(100).build();
    assertThatThrownBy(() -> quantiles.computeConfidenceInterval(0.5, 0.05))
        .isInstanceOf(IllegalStateException.class);
    quantiles.computeResult(0.5);
    assertThatThrownBy(() -> quantiles.computeConfidenceInterval(1.5, 0.05)).hasMessageContaining("`rank`");
    assertThatThrownBy(() -> quantiles.computeConfidenceInterval(0.5, 1)).hasMessageContaining("`alpha`");
    BoundedQuantiles serialized = BoundedQuantiles.builder().epsilon(1).lower(0).upper(100).build();
    serialized.getSerializableSummary();
    assertThatThrownBy(() -> serialized.computeConfidenceInterval(0.5, 0.05))
        .isInstanceOf(IllegalStateException.class);
  }
}
