package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AggregationsTest {

  /** Noise so small (epsilon = 1e6) that results show the un-noised computation. */
  private static final double NEGLIGIBLE_NOISE_EPSILON = 1e6;

  @Test
  void builders_missingEpsilon_rejected() {
    assertThatThrownBy(() -> Count.builder().build()).hasMessage("`epsilon` must be set");
    assertThatThrownBy(() -> BoundedSum.builder().lower(0).upper(1).build()).hasMessage("`epsilon` must be set");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void builders_badEpsilon_rejectedBySetter(double epsilon) {
    assertThatThrownBy(() -> Count.builder().epsilon(epsilon)).hasMessageContaining("`epsilon`");
  }

  @Test
  void builders_badBounds_rejected() {
    assertThatThrownBy(() -> BoundedSum.builder().epsilon(1).lower(2).upper(2).build())
        .hasMessageContaining("`lower` must be < `upper`");
    assertThatThrownBy(() -> BoundedMean.builder().epsilon(1).lower(5).upper(1).build())
        .hasMessageContaining("`lower` must be < `upper`");
    assertThatThrownBy(() -> BoundedVariance.builder().lower(Double.NEGATIVE_INFINITY))
        .hasMessageContaining("`lower`");
    assertThatThrownBy(() -> BoundedQuantiles.builder().upper(Double.NaN)).hasMessageContaining("`upper`");
    assertThatThrownBy(() -> BoundedSum.builder().epsilon(1).lower(0).build())
        .hasMessageContaining("`lower` and `upper` must be set");
  }

  @Test
  void builders_badContributionLimitsOrTree_rejected() {
    assertThatThrownBy(() -> Count.builder().maxPartitionsContributed(0)).hasMessageContaining("`l0Sensitivity`");
    assertThatThrownBy(() -> Count.builder().maxContributionsPerPartition(0))
        .hasMessageContaining("`maxContributionsPerPartition`");
    assertThatThrownBy(() -> BoundedQuantiles.builder().treeHeight(0)).hasMessageContaining("`treeHeight`");
    assertThatThrownBy(() -> BoundedQuantiles.builder().branchingFactor(1)).hasMessageContaining("`branchingFactor`");
    assertThatThrownBy(() -> BoundedQuantiles.builder().epsilon(1).lower(0).upper(1).treeHeight(8).build())
        .hasMessageContaining("`treeHeight`");
  }

  @Test
  void builders_deltaMustSuitTheNoise() {
    assertThatThrownBy(() -> Count.builder().epsilon(1).delta(1e-5).build())
        .hasMessageContaining("`delta` must be 0 with LAPLACE noise");
    assertThatThrownBy(() -> Count.builder().epsilon(1).noise(new GaussianNoise()).build())
        .hasMessageContaining("`delta` must be in (0, 1) with GAUSSIAN noise");
    assertThatThrownBy(() -> Count.builder().delta(1.0)).hasMessageContaining("`delta`");
    assertThat(Count.builder().epsilon(1).delta(1e-6).noise(new GaussianNoise()).build()).isNotNull();
  }

  @Test
  void builders_integerNoiseForNonIntegerValues_rejected() {
    assertThatThrownBy(() -> BoundedMean.builder().epsilon(1).lower(0).upper(10).noise(new DiscreteLaplaceNoise()).build())
        .hasMessageContaining("`noise` DISCRETE_LAPLACE adds integer noise");
    assertThatThrownBy(() -> BoundedSum.builder().epsilon(1).lower(0).upper(2.5).noise(new DiscreteLaplaceNoise()).build())
        .hasMessageContaining("non-integer bounds");
    BoundedSum integral = BoundedSum.builder().epsilon(1).lower(0).upper(3).noise(new DiscreteLaplaceNoise()).build();
    integral.addEntry(2);
    assertThat(integral.computeResult() % 1.0).isZero();
  }

  @Test
  void computeResult_secondCallOrAddAfterResult_throws() {
    Count count = Count.builder().epsilon(1).build();
    count.increment();
    count.computeResult();
    assertThatThrownBy(count::computeResult).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released once");
    assertThatThrownBy(count::increment).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> count.mergeWith(new byte[0])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void computeConfidenceInterval_beforeResult_throws() {
    Count count = Count.builder().epsilon(1).build();
    assertThatThrownBy(() -> count.computeConfidenceInterval(0.05)).isInstanceOf(IllegalStateException.class);
    count.computeResult();
    assertThatThrownBy(() -> count.computeConfidenceInterval(1.5)).hasMessageContaining("`alpha`");
  }

  @Test
  void serializableSummary_afterwardsNothingIsReleased() {
    BoundedSum sum = BoundedSum.builder().epsilon(1).lower(0).upper(10).build();
    sum.addEntry(3);
    sum.getSerializableSummary();
    assertThatThrownBy(sum::computeResult).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("serialized");
  }

  /** Two workers' partial states merged equal one aggregation over all the data (same seeded noise). */
  @Test
  void mergeWith_partialAggregates_equalsTheWholeAggregate() {
    double[] data = new SplittableRandom(3).doubles(500, -5, 15).toArray();
    BoundedSum whole = sum(new SplittableRandom(9));
    BoundedSum first = sum(new SplittableRandom(9));
    BoundedSum second = sum(new SplittableRandom(10));
    for (int i = 0; i < data.length; i++) {
      whole.addEntry(data[i]);
      (i % 2 == 0 ? first : second).addEntry(data[i]);
    }
    first.mergeWith(second.getSerializableSummary());
    assertThat(first.computeResult()).isEqualTo(whole.computeResult());
  }

  private static BoundedSum sum(SplittableRandom random) {
    return BoundedSum.builder().epsilon(1).lower(0).upper(10).noise(new LaplaceNoise(random)).build();
  }

  @Test
  void mergeWith_differentParametersOrGarbage_rejected() {
    BoundedSum sum = BoundedSum.builder().epsilon(1).lower(0).upper(10).build();
    byte[] otherBounds = BoundedSum.builder().epsilon(1).lower(0).upper(11).build().getSerializableSummary();
    assertThatThrownBy(() -> sum.mergeWith(otherBounds)).hasMessageContaining("identical parameters");
    byte[] count = Count.builder().epsilon(1).build().getSerializableSummary();
    assertThatThrownBy(() -> sum.mergeWith(count)).hasMessageContaining("identical parameters");
    assertThatThrownBy(() -> sum.mergeWith(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void boundedSum_clampsAndIgnoresNaN() {
    BoundedSum sum = BoundedSum.builder().epsilon(NEGLIGIBLE_NOISE_EPSILON).lower(-1).upper(2).build();
    sum.addEntries(List.of(5.0, -7.0, 0.5, Double.NaN));
    assertThat(sum.computeResult()).isCloseTo(2 - 1 + 0.5, within(1e-3));
  }

  @Test
  void boundedMeanAndVariance_matchTheClampedDataWithNegligibleNoise() {
    double[] data = new SplittableRandom(4).doubles(2000, 0, 12).toArray();
    BoundedMean mean = BoundedMean.builder().epsilon(NEGLIGIBLE_NOISE_EPSILON).lower(0).upper(10).build();
    BoundedVariance variance = BoundedVariance.builder().epsilon(NEGLIGIBLE_NOISE_EPSILON).lower(0).upper(10).build();
    for (double x : data) {
      mean.addEntry(x);
      variance.addEntry(x);
    }
    double[] clamped = DoubleStream.of(data).map(x -> Math.min(10, x)).toArray();
    double m = DoubleStream.of(clamped).average().orElseThrow();
    double v = DoubleStream.of(clamped).map(x -> (x - m) * (x - m)).average().orElseThrow();
    assertThat(mean.computeResult()).isCloseTo(m, within(1e-3));
    assertThat(variance.computeResult()).isCloseTo(v, within(1e-2));
  }

  @Test
  void boundedQuantiles_matchTheDataWithNegligibleNoiseAndRejectBadRanks() {
    BoundedQuantiles quantiles = BoundedQuantiles.builder().epsilon(NEGLIGIBLE_NOISE_EPSILON).lower(0).upper(100).build();
    for (int i = 0; i < 10_000; i++) {
      quantiles.addEntry(i % 100 + 0.5);
    }
    assertThat(quantiles.computeResult(0.5)).isCloseTo(50, within(0.5));
    assertThat(quantiles.computeResult(0.9)).isCloseTo(90, within(0.5));
    assertThat(quantiles.computeResult(0.0)).isCloseTo(0, within(0.5));
    assertThatThrownBy(() -> quantiles.computeResult(1.5)).hasMessageContaining("`rank`");
    assertThatThrownBy(() -> quantiles.addEntry(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void count_confidenceIntervalCoversAtTheStatedRate() {
    int covered = 0;
    int runs = 20_000;
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < runs; i++) {
      Count count = Count.builder().epsilon(0.5).maxContributionsPerPartition(3)
          .noise(new LaplaceNoise(random)).build();
      count.incrementBy(250);
      count.computeResult();
      if (count.computeConfidenceInterval(0.1).contains(250)) {
        covered++;
      }
    }
    // At least 90% by construction (rounding only widens); 5 binomial sd = 1.1%.
    assertThat((double) covered / runs).isBetween(0.9 - 0.011, 0.93);
  }

  @Test
  void approximateBounds_findsThePowersOfTwoAroundTheData() {
    ApproximateBounds bounds = ApproximateBounds.builder().epsilon(1).build();
    SplittableRandom random = new SplittableRandom(6);
    // Log-uniform on [3, 900]: about 1000 entries in [3, 4) and 2000 in [512, 900], far above the
    // threshold (about 25 for epsilon = 1 over 147 bins).
    for (int i = 0; i < 20_000; i++) {
      bounds.addEntry(Math.exp(random.nextDouble(Math.log(3), Math.log(900))));
    }
    assertThat(bounds.computeResult()).isEqualTo(new ApproximateBounds.Bounds(2, 1024));
  }

  @Test
  void approximateBounds_tooFewEntries_failsClearly() {
    ApproximateBounds bounds = ApproximateBounds.builder().epsilon(0.1).build();
    bounds.addEntry(5);
    assertThatThrownBy(bounds::computeResult).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("too few entries");
  }
}
