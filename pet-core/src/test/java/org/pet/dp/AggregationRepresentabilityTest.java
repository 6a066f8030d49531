package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builders reject parameters for which a released value or its noise could overflow to infinity (the rule
 * stated on {@link AggregationParameters}), and accept those just inside it, whose largest possible
 * release stays finite.
 */
class AggregationRepresentabilityTest {

  private static final double HALF_MAX = Double.MAX_VALUE / 2;

  private static void assertRejected(ThrowingCallable build, String message) {
    assertThatThrownBy(build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  /** Before the rule these built and released +-Infinity (L0 = 5) or values near Double.MAX_VALUE. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void boundedSumBuild_halfMaxBounds_rejected(int maxPartitions) {
    assertRejected(() -> BoundedSum.builder().epsilon(1).lower(-HALF_MAX).upper(HALF_MAX)
        .maxPartitionsContributed(maxPartitions).build(), "the sum");
    assertRejected(() -> BoundedSum.builder().epsilon(1).delta(1e-5).noise(new GaussianNoise()).lower(-HALF_MAX)
        .upper(HALF_MAX).maxPartitionsContributed(maxPartitions).build(), "the sum");
  }

  @Test
  void boundedSumBuild_boundsJustBeyondTheLimit_rejected() {
    // Rejected for an infinite noise variance (or by the Noise itself, where it checks its scale first).
    assertRejected(() -> BoundedSum.builder().epsilon(1).lower(0).upper(1e155).build(), "the sum");
    assertRejected(() -> BoundedSum.builder().epsilon(1e-3).lower(0).upper(1e152).build(), "the sum");
  }

  /**
   * With the built-in mechanisms a finite noise variance already keeps 2^63 entries at the bound finite;
   * a Noise with small noise (a test double) shows the sum's own headroom check.
   */
  @Test
  void boundedSumBuild_smallNoiseButSumOf2To63EntriesOverflows_rejected() {
    assertRejected(() -> BoundedSum.builder().epsilon(1).lower(0).upper(1e290).noise(new FixedVarianceNoise(1))
        .build(), "the sum: 2^63 * max(|lower|, |upper|) + 2^64 noise standard deviations must be finite");
    assertThat(BoundedSum.builder().epsilon(1).lower(0).upper(1e280).noise(new FixedVarianceNoise(1)).build())
        .isNotNull();
  }

  @Test
  void boundedSumBuild_noiseReportingAnInfiniteVariance_rejected() {
    assertRejected(() -> BoundedSum.builder().epsilon(1).lower(0).upper(1)
        .noise(new FixedVarianceNoise(Double.POSITIVE_INFINITY)).build(), "the sum: the noise variance");
  }

  /** Accepts any parameters, adds nothing and reports a fixed variance. */
  private record FixedVarianceNoise(double variance) implements Noise {
    @Override
    public double addNoise(double x, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
      return x;
    }

    @Override
    public long addNoise(long x, int l0Sensitivity, long lInfSensitivity, double epsilon, Double delta) {
      return x;
    }

    @Override
    public ConfidenceInterval computeConfidenceInterval(double noisedX, int l0Sensitivity,
        double lInfSensitivity, double epsilon, Double delta, double alpha) {
      return new ConfidenceInterval(noisedX - 1, noisedX + 1);
    }

    @Override
    public double variance(int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
      return variance;
    }

    @Override
    public MechanismType getMechanismType() {
      return MechanismType.LAPLACE;
    }
  }

  /** The largest exact sum the accumulator can hold for 2^63 entries at the bound still releases finite values. */
  @Test
  void boundedSumBuild_largestAcceptedBounds_largestPossibleSumReleasesFinite() {
    double bound = 1e153;
    BoundedSum sum = BoundedSum.builder().epsilon(1).lower(0).upper(bound).maxContributionsPerPartition(1)
        .noise(new LaplaceNoise(new SplittableRandom(1))).build();
    sum.mergeWith(withLongState(emptySummary(bound), maxSumOfEntries(bound)));
    assertThat(sum.computeResult()).isFinite();
    ConfidenceInterval interval = sum.computeConfidenceInterval(1e-9);
    assertThat(interval.lowerBound()).isFinite();
    assertThat(interval.upperBound()).isFinite();
  }

  private static byte[] emptySummary(double bound) {
    return BoundedSum.builder().epsilon(1).lower(0).upper(bound).build().getSerializableSummary();
  }

  /** The 128-bit exact sum of 2^63 entries at {@code magnitude}: (high, low). */
  private static long[] maxSumOfEntries(double magnitude) {
    ExactSum probe = new ExactSum(magnitude);
    long maxUnits = (long) Math.floor(magnitude / probe.unit());
    return new long[] {maxUnits >>> 1, (maxUnits & 1) << 63};
  }

  /**
   * Replaces the un-noised state at the end of a summary, which ends with the longs (an int length, then
   * the values) and an empty double array (an int 0).
   */
  private static byte[] withLongState(byte[] summary, long... longs) {
    ByteBuffer buffer = ByteBuffer.wrap(summary.clone());
    int start = summary.length - 4 - 8 * longs.length;
    for (int i = 0; i < longs.length; i++) {
      buffer.putLong(start + 8 * i, longs[i]);
    }
    return buffer.array();
  }

  @Test
  void boundedMeanBuild_infiniteWidthOrShiftedSumBeyondTheLimit_rejected() {
    assertRejected(() -> BoundedMean.builder().epsilon(1).lower(-Double.MAX_VALUE).upper(Double.MAX_VALUE).build(),
        "`upper` - `lower` must be finite");
    assertRejected(() -> BoundedMean.builder().epsilon(1).lower(-HALF_MAX / 2).upper(HALF_MAX / 2).build(),
        "the mean's shifted sum");
  }

  @Test
  void boundedVarianceBuild_sumOfSquaresBeyondTheLimit_rejected() {
    assertRejected(() -> BoundedVariance.builder().epsilon(1).lower(-1e100).upper(1e100).build(),
        "the variance's shifted sum of squares");
    assertRejected(() -> BoundedVariance.builder().epsilon(1).lower(-1e78).upper(1e78).build(),
        "the variance's shifted sum of squares");
  }

  @Test
  void boundedVarianceBuild_largestAcceptedBounds_largestPossibleMomentsReleaseFinite() {
    double h = 1e76;
    BoundedVariance variance = BoundedVariance.builder().epsilon(1).lower(-h).upper(h)
        .noise(new LaplaceNoise(new SplittableRandom(2))).build();
    byte[] empty = BoundedVariance.builder().epsilon(1).lower(-h).upper(h).build().getSerializableSummary();
    long[] sum = maxSumOfEntries(h);
    long[] squares = maxSumOfEntries(h * h / 2);
    variance.mergeWith(withLongState(empty, Long.MAX_VALUE, sum[0], sum[1], squares[0], squares[1]));
    assertThat(variance.computeResult()).isBetween(0.0, h * h);
  }

  @Test
  void boundedQuantilesBuild_infiniteWidthOrTreeL0Overflow_rejected() {
    assertRejected(() -> BoundedQuantiles.builder().epsilon(1).lower(-Double.MAX_VALUE).upper(Double.MAX_VALUE)
        .build(), "`upper` - `lower` must be finite");
    // 3 * 0x55555556 wraps to 2 in int arithmetic: the tree would have been noised for L0 = 2.
    assertRejected(() -> BoundedQuantiles.builder().epsilon(1).lower(0).upper(1).treeHeight(3).branchingFactor(2)
        .maxPartitionsContributed(0x5555_5556).build(), "`treeHeight` * `maxPartitionsContributed`");
  }

  @Test
  void countBuild_noiseScaleBeyondTheLimit_rejected() {
    assertRejected(() -> Count.builder().epsilon(Double.MIN_VALUE).build(), "the count");
    assertRejected(() -> Count.builder().epsilon(1e-300).maxPartitionsContributed(Integer.MAX_VALUE)
        .maxContributionsPerPartition(Integer.MAX_VALUE).build(), "the count");
  }

  /** The integer mechanisms' own limits now fail the build rather than the release. */
  @Test
  void countBuild_integerNoiseScaleBeyondItsRange_rejectedByTheNoiseAtBuild() {
    assertRejected(() -> Count.builder().epsilon(1e-20).noise(new DiscreteLaplaceNoise()).build(),
        "`noise` DISCRETE_LAPLACE rejects its parameters");
  }

  @Test
  void approximateBoundsBuild_noiseScaleBeyondTheLimit_rejected() {
    assertRejected(() -> ApproximateBounds.builder().epsilon(Double.MIN_VALUE).build(), "a bin count");
  }

  @Test
  void dpHistogramBuild_sumBeyondTheLimit_rejected() {
    assertRejected(() -> DpHistogram.<String>builder().epsilon(1).publicKeys(List.of("a")).lower(-HALF_MAX)
        .upper(HALF_MAX).maxPartitionsContributed(4).build(), "the sum");
    assertRejected(() -> DpHistogram.<String>builder().epsilon(Double.MIN_VALUE).publicKeys(List.of("a")).build(),
        "the count");
  }

  @Test
  void builders_ordinaryParameters_accepted() {
    assertThat(BoundedSum.builder().epsilon(0.01).lower(-1e9).upper(1e9).maxPartitionsContributed(1000)
        .maxContributionsPerPartition(1000).build()).isNotNull();
    assertThat(BoundedVariance.builder().epsilon(0.01).lower(-1e9).upper(1e9).build()).isNotNull();
    assertThat(DpHistogram.<String>builder().epsilon(1).publicKeys(List.of("a")).lower(0).upper(1e12).build())
        .isNotNull();
  }
}
