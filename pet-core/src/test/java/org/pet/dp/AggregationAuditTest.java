package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Empirical privacy audits of the aggregations: neighbouring datasets differ by one privacy unit making
 * its maximal contribution (Linf entries at the most extreme value). The lower confidence bound on the
 * observed privacy loss (3 standard errors below the observed log-ratio per bin) must not exceed the
 * claimed epsilon plus a slack of 0.05; each audit runs 200,000 releases per dataset.
 */
class AggregationAuditTest {

  private static final int RUNS = 200_000;
  private static final double SLACK = 0.05;
  private static final double EPSILON = 1.0;
  private final SplittableRandom random = new SplittableRandom(2026);

  /** Runs the release on the base data, and on the base data plus the extra unit's entries. */
  private static PrivacyAudit audit(double binWidth, DoubleSupplier base, DoubleSupplier neighbour) {
    return PrivacyAudit.run(RUNS, binWidth, base, neighbour);
  }

  private void assertWithinClaim(PrivacyAudit audit) {
    assertThat(audit.bins()).isGreaterThanOrEqualTo(3);
    assertThat(audit.lowerConfidenceBound()).isLessThanOrEqualTo(EPSILON + SLACK);
  }

  private <A> DoubleSupplier release(Supplier<A> build, Consumer<A> fill, ToDoubleFunction<A> compute) {
    return () -> {
      A aggregation = build.get();
      fill.accept(aggregation);
      return compute.applyAsDouble(aggregation);
    };
  }

  @Test
  void count_neighbourWithMaximalContribution_withinEpsilon() {
    DoubleSupplier base = release(this::count, c -> c.incrementBy(20), Count::computeResult);
    DoubleSupplier neighbour = release(this::count, c -> c.incrementBy(22), Count::computeResult);
    assertWithinClaim(audit(1, base, neighbour));
  }

  private Count count() {
    return Count.builder().epsilon(EPSILON).maxContributionsPerPartition(2).noise(new LaplaceNoise(random)).build();
  }

  /** The audit can fail: a count that adds the noise for epsilon but whose unit contributes 4 entries. */
  @Test
  void count_contributionBeyondTheDeclaredLimit_isFlagged() {
    DoubleSupplier base = release(this::count, c -> c.incrementBy(20), Count::computeResult);
    DoubleSupplier neighbour = release(this::count, c -> c.incrementBy(24), Count::computeResult);
    assertThat(audit(1, base, neighbour).lowerConfidenceBound()).isGreaterThan(EPSILON + SLACK);
  }

  @Test
  void boundedSum_neighbourAtTheUpperBound_withinEpsilon() {
    DoubleSupplier base = release(this::sum, s -> s.addEntry(3), BoundedSum::computeResult);
    DoubleSupplier neighbour = release(this::sum, s -> {
      s.addEntry(3);
      s.addEntry(50); // clamped to 10
    }, BoundedSum::computeResult);
    assertWithinClaim(audit(2.5, base, neighbour));
  }

  private BoundedSum sum() {
    return BoundedSum.builder().epsilon(EPSILON).lower(0).upper(10).noise(new LaplaceNoise(random)).build();
  }

  @Test
  void boundedMean_neighbourAtTheUpperBound_withinEpsilon() {
    DoubleSupplier base = release(this::mean, m -> fill(m::addEntry, 30, 5), BoundedMean::computeResult);
    DoubleSupplier neighbour = release(this::mean, m -> {
      fill(m::addEntry, 30, 5);
      m.addEntry(10);
    }, BoundedMean::computeResult);
    assertWithinClaim(audit(0.25, base, neighbour));
  }

  private BoundedMean mean() {
    return BoundedMean.builder().epsilon(EPSILON).lower(0).upper(10).noise(new LaplaceNoise(random)).build();
  }

  @Test
  void boundedVariance_neighbourAtTheUpperBound_withinEpsilon() {
    DoubleSupplier base = release(this::variance, v -> fill(v::addEntry, 40, 5), BoundedVariance::computeResult);
    DoubleSupplier neighbour = release(this::variance, v -> {
      fill(v::addEntry, 40, 5);
      v.addEntry(10);
    }, BoundedVariance::computeResult);
    assertWithinClaim(audit(0.5, base, neighbour));
  }

  private BoundedVariance variance() {
    return BoundedVariance.builder().epsilon(EPSILON).lower(0).upper(10).noise(new LaplaceNoise(random)).build();
  }

  @Test
  void boundedQuantiles_medianWithNeighbourAtTheUpperBound_withinEpsilon() {
    DoubleSupplier base = release(this::quantiles, q -> fill(q::addEntry, 20, 4), q -> q.computeResult(0.5));
    DoubleSupplier neighbour = release(this::quantiles, q -> {
      fill(q::addEntry, 20, 4);
      q.addEntry(10);
    }, q -> q.computeResult(0.5));
    assertWithinClaim(audit(0.05, base, neighbour));
  }

  private BoundedQuantiles quantiles() {
    return BoundedQuantiles.builder().epsilon(EPSILON).lower(0).upper(10).treeHeight(2).branchingFactor(4)
        .noise(new LaplaceNoise(random)).build();
  }

  /**
   * ApproximateBounds: the neighbour adds one more entry to a bin whose count sits at the qualification
   * threshold, so whether the upper bound reaches 2048 is as sensitive to it as it can be.
   */
  @Test
  void approximateBounds_neighbourAtTheThreshold_withinEpsilon() {
    int atThreshold = (int) Math.round(bounds().threshold());
    DoubleSupplier base = release(this::bounds, b -> {
      fill(b::addEntry, 200, 3);
      fill(b::addEntry, atThreshold, 1500);
    }, b -> b.computeResult().upper());
    DoubleSupplier neighbour = release(this::bounds, b -> {
      fill(b::addEntry, 200, 3);
      fill(b::addEntry, atThreshold + 1, 1500);
    }, b -> b.computeResult().upper());
    PrivacyAudit audit = audit(1, base, neighbour);
    assertThat(audit.bins()).isEqualTo(2); // upper bound 4 or 2048
    assertThat(audit.lowerConfidenceBound()).isLessThanOrEqualTo(EPSILON + SLACK);
  }

  private ApproximateBounds bounds() {
    return ApproximateBounds.builder().epsilon(EPSILON).noise(new LaplaceNoise(random)).build();
  }

  private static void fill(DoubleConsumer add, int entries, double value) {
    for (int i = 0; i < entries; i++) {
      add.accept(value);
    }
  }
}
