package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Range and monotonicity guarantees of the aggregations, whatever the data and the noise. */
class AggregationProperties {

  @Property(tries = 300)
  void boundedMean_alwaysWithinTheBounds(
      @ForAll @Size(max = 30) List<@DoubleRange(min = -1e6, max = 1e6) Double> data,
      @ForAll @DoubleRange(min = 0.01, max = 10) double epsilon,
      @ForAll long seed) {
    BoundedMean mean = BoundedMean.builder().epsilon(epsilon).lower(-3).upper(8)
        .noise(new LaplaceNoise(new SplittableRandom(seed))).build();
    mean.addEntries(data);
    assertThat(mean.computeResult()).isBetween(-3.0, 8.0);
  }

  @Property(tries = 300)
  void boundedVariance_alwaysWithinZeroAndQuarterRangeSquared(
      @ForAll @Size(max = 30) List<@DoubleRange(min = -1e6, max = 1e6) Double> data,
      @ForAll @DoubleRange(min = 0.01, max = 10) double epsilon,
      @ForAll long seed) {
    BoundedVariance variance = BoundedVariance.builder().epsilon(epsilon).lower(-3).upper(8)
        .noise(new LaplaceNoise(new SplittableRandom(seed))).build();
    variance.addEntries(data);
    assertThat(variance.computeResult()).isBetween(0.0, 11.0 * 11.0 / 4);
  }

  @Property(tries = 200)
  void boundedQuantiles_monotoneInTheRankAndWithinTheBounds(
      @ForAll @Size(max = 50) List<@DoubleRange(min = -50, max = 150) Double> data,
      @ForAll @DoubleRange(min = 0.01, max = 10) double epsilon,
      @ForAll @IntRange(min = 1, max = 4) int height,
      @ForAll @IntRange(min = 2, max = 8) int branching,
      @ForAll long seed) {
    BoundedQuantiles quantiles = BoundedQuantiles.builder().epsilon(epsilon).lower(0).upper(100)
        .treeHeight(height).branchingFactor(branching).noise(new LaplaceNoise(new SplittableRandom(seed))).build();
    quantiles.addEntries(data);
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= 40; i++) {
      double value = quantiles.computeResult(i / 40.0);
      assertThat(value).isBetween(0.0, 100.0).isGreaterThanOrEqualTo(previous);
      previous = value;
    }
  }
}
