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

  /** The mean stays in [lower, upper] and the variance in [0, (upper - lower)^2 / 4]. */
  @Property(tries = 400)
  void boundedMeanAndVariance_alwaysWithinTheirRanges(
      @ForAll boolean variance,
      @ForAll @Size(max = 30) List<@DoubleRange(min = -1e6, max = 1e6) Double> data,
      @ForAll @DoubleRange(min = 0.01, max = 10) double epsilon,
      @ForAll long seed) {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(seed));
    if (variance) {
      BoundedVariance aggregation = BoundedVariance.builder().epsilon(epsilon).lower(-3).upper(8).noise(noise).build();
      aggregation.addEntries(data);
      assertThat(aggregation.computeResult()).isBetween(0.0, 11.0 * 11.0 / 4);
    } else {
      BoundedMean aggregation = BoundedMean.builder().epsilon(epsilon).lower(-3).upper(8).noise(noise).build();
      aggregation.addEntries(data);
      assertThat(aggregation.computeResult()).isBetween(-3.0, 8.0);
    }
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
