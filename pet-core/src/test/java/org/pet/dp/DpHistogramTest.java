package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contribution bounding, key release, partition selection and noise calibration of {@link DpHistogram}. */
class DpHistogramTest {

  /** So large that Laplace noise (scale L1 / epsilon ~ 1e-6) vanishes when counts are rounded. */
  private static final double EXACT_EPSILON = 1e6;
  /** Runs per dataset in the empirical audits. */
  private static final int AUDIT_RUNS = 200_000;

  private static List<String> keys(int n) {
    return IntStream.range(0, n).mapToObj(i -> "k" + i).toList();
  }

  private static DpHistogram.Builder<String> exact(long seed) {
    return DpHistogram.<String>builder().epsilon(EXACT_EPSILON)
        .noise(new LaplaceNoise(new SplittableRandom(seed))).random(new SplittableRandom(seed + 1));
  }

  // ---- contribution bounding ----

  @Test
  void computeCounts_unitWith50KeysAndL0Of3_contributesToExactly3Keys() {
    DpHistogram<String> histogram = exact(1).maxPartitionsContributed(3).publicKeys(keys(50)).build();
    keys(50).forEach(key -> histogram.addEntry("unit", key, 0));

    Map<String, Long> counts = histogram.computeCounts();

    assertThat(counts).hasSize(50);
    assertThat(counts.values()).filteredOn(c -> c == 1).hasSize(3);
    assertThat(counts.values()).filteredOn(c -> c == 0).hasSize(47);
  }

  /**
   * Each of 50 keys is kept with probability 3/50 per run. Over 4,000 runs a key's count is binomial
   * (mean 240, sd 15.0); 5 sd gives a false alarm below 6e-7 per key, 3e-5 for all 50.
   */
  @Test
  void computeCounts_unitWithMoreKeysThanL0_keysChosenUniformly() {
    int runs = 4_000;
    int[] chosen = new int[50];
    for (int run = 0; run < runs; run++) {
      DpHistogram<String> histogram =
          exact(10 + 2L * run).maxPartitionsContributed(3).publicKeys(keys(50)).build();
      keys(50).forEach(key -> histogram.addEntry("unit", key, 0));
      Map<String, Long> counts = histogram.computeCounts();
      for (int k = 0; k < 50; k++) {
        chosen[k] += counts.get("k" + k);
      }
    }
    double mean = runs * 3.0 / 50;
    double sd = Math.sqrt(runs * (3.0 / 50) * (47.0 / 50));
    for (int count : chosen) {
      assertThat((double) count).isCloseTo(mean, within(5 * sd));
    }
  }

  @Test
  void computeResult_unitWithMoreValuesThanLinf_keepsExactlyLinfPerKey() {
    DpHistogram<String> histogram = exact(3).maxPartitionsContributed(2).maxContributionsPerPartition(4)
        .lower(0).upper(1).publicKeys(List.of("a", "b")).build();
    for (int i = 0; i < 10; i++) {
      histogram.addEntry("u1", "a", 1);
      histogram.addEntry("u2", "a", 1);
    }
    histogram.addEntry("u1", "b", 1);

    Map<String, DpHistogram.Cell> result = histogram.computeResult();

    assertThat(Math.round(result.get("a").count())).isEqualTo(8);
    assertThat(Math.round(result.get("a").sum().orElseThrow())).isEqualTo(8);
    assertThat(Math.round(result.get("b").count())).isEqualTo(1);
  }

  /**
   * Values 2^0..2^9 for one key with Linf = 4: the (exact) sum's bits show which were kept, each with
   * probability 4/10. Over 4,000 runs: mean 1,600, sd 31; 5 sd per value.
   */
  @Test
  void computeResult_valuesAboveLinf_chosenUniformly() {
    int runs = 4_000;
    int[] kept = new int[10];
    for (int run = 0; run < runs; run++) {
      DpHistogram<String> histogram = exact(20_000 + 2L * run).maxContributionsPerPartition(4)
          .lower(0).upper(512).publicKeys(List.of("a")).build();
      for (int bit = 0; bit < 10; bit++) {
        histogram.addEntry("unit", "a", 1 << bit);
      }
      long sum = Math.round(histogram.computeResult().get("a").sum().orElseThrow());
      assertThat(Long.bitCount(sum)).isEqualTo(4);
      for (int bit = 0; bit < 10; bit++) {
        kept[bit] += (int) ((sum >> bit) & 1);
      }
    }
    double sd = Math.sqrt(runs * 0.4 * 0.6);
    for (int count : kept) {
      assertThat((double) count).isCloseTo(runs * 0.4, within(5 * sd));
    }
  }

  @Test
  void computeResult_valuesOutsideBounds_areClamped() {
    DpHistogram<String> histogram = exact(4).maxContributionsPerPartition(3).lower(-2).upper(5)
        .publicKeys(List.of("a")).build();
    histogram.addEntry("u", "a", -100);
    histogram.addEntry("u", "a", 100);
    histogram.addEntry("u", "a", Double.POSITIVE_INFINITY);

    DpHistogram.Cell cell = histogram.computeResult().get("a");

    assertThat(cell.sum().orElseThrow()).isCloseTo(8.0, within(1e-3));
    assertThat(cell.mean().orElseThrow()).isCloseTo(8.0 / 3, within(1e-3));
  }

  @Test
  void computeResult_meanIsClampedIntoBounds() {
    // Noise on the count is large relative to it, so sum / count often leaves [0, 1] before clamping.
    for (int seed = 0; seed < 200; seed++) {
      DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(0.1).lower(0).upper(1)
          .noise(new LaplaceNoise(new SplittableRandom(seed))).publicKeys(List.of("a")).build();
      histogram.addEntry("u", "a", 1);
      assertThat(histogram.computeResult().get("a").mean().orElseThrow()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void computeResult_discreteNoise_roundsClampedValues() {
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(EXACT_EPSILON)
        .noise(new DiscreteLaplaceNoise(new SplittableRandom(5))).maxContributionsPerPartition(2)
        .lower(0).upper(10).publicKeys(List.of("a")).build();
    histogram.addEntry("u", "a", 2.4);
    histogram.addEntry("u", "a", 12.0);

    DpHistogram.Cell cell = histogram.computeResult().get("a");

    assertThat(cell.count()).isEqualTo(2.0);
    assertThat(cell.sum().orElseThrow()).isEqualTo(12.0);
  }

  // ---- public keys ----

  @Test
  void computeResult_publicKeys_releasesExactlyTheListInOrder() {
    DpHistogram<String> histogram = exact(6).publicKeys(List.of("z", "a", "m", "a")).build();
    histogram.addEntry("u1", "a", 0);
    histogram.addEntry("u2", "unlisted", 0);

    Map<String, Long> counts = histogram.computeCounts();

    assertThat(counts.keySet()).containsExactly("z", "a", "m");
    assertThat(counts).containsEntry("a", 1L).containsEntry("z", 0L).containsEntry("m", 0L);
  }

  @Test
  void computeCounts_publicKeys_unlistedKeysDoNotUseTheUnitsL0() {
    DpHistogram<String> histogram = exact(7).publicKeys(List.of("listed")).build();
    for (int i = 0; i < 20; i++) {
      histogram.addEntry("u", "unlisted" + i, 0);
    }
    histogram.addEntry("u", "listed", 0);

    assertThat(histogram.computeCounts()).containsExactly(Map.entry("listed", 1L));
  }

  @Test
  void selectionStrategy_followsPublicKeysAndL0() {
    assertThat(exact(1).publicKeys(List.of()).build().selectionStrategy())
        .isEqualTo(DpHistogram.SelectionStrategy.PUBLIC_KEYS);
    assertThat(exact(1).delta(1e-6).maxPartitionsContributed(3).build().selectionStrategy())
        .isEqualTo(DpHistogram.SelectionStrategy.OPTIMAL_KEEP_PROBABILITY);
    assertThat(exact(1).delta(1e-6).maxPartitionsContributed(4).build().selectionStrategy())
        .isEqualTo(DpHistogram.SelectionStrategy.NOISY_COUNT_THRESHOLD);
  }

  @Test
  void partitionSelection_overridesTheDefaultForL0() {
    assertThat(exact(1).delta(1e-6).partitionSelection(DpHistogram.SelectionStrategy.NOISY_COUNT_THRESHOLD)
        .build().selectionStrategy()).isEqualTo(DpHistogram.SelectionStrategy.NOISY_COUNT_THRESHOLD);
    DpHistogram<String> histogram = exact(1).delta(1e-6).maxPartitionsContributed(8)
        .partitionSelection(DpHistogram.SelectionStrategy.OPTIMAL_KEEP_PROBABILITY).build();
    assertThat(histogram.selectionStrategy())
        .isEqualTo(DpHistogram.SelectionStrategy.OPTIMAL_KEEP_PROBABILITY);
  }

  /**
   * The utility comparison stated in the Javadoc of partitionSelection: eps = 1, delta = 1e-5, counts only.
   * The optimal mechanism (selection eps 1/2) reaches 1/2 at 21 units; the threshold T = 1 + ln(1e5) ~ 12.5
   * is passed with probability 1/2 at 12.5 units of Laplace(1) noise.
   */
  @Test
  void partitionSelection_thresholdKeepsSmallerKeysWhenCountsAreReleased() {
    DpHistogram<String> optimal = exact(1).epsilon(1).delta(1e-5).build();
    assertThat(optimal.keepProbability(20)).isLessThan(0.5);
    assertThat(optimal.keepProbability(21)).isGreaterThanOrEqualTo(0.5);
    DpHistogram<String> threshold = exact(1).epsilon(1).delta(1e-5)
        .partitionSelection(DpHistogram.SelectionStrategy.NOISY_COUNT_THRESHOLD).build();
    assertThat(threshold.threshold()).isCloseTo(1 + Math.log(1e5), within(1e-3));
  }

  // ---- partition selection ----

  private static DpHistogram<String> rareAndPopular(int l0, long seed) {
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1).delta(1e-9)
        .maxPartitionsContributed(l0).noise(new LaplaceNoise(new SplittableRandom(seed)))
        .random(new SplittableRandom(seed + 1)).build();
    histogram.addEntry("loner", "rare", 0);
    for (int i = 0; i < 500; i++) {
      histogram.addEntry("u" + i, "popular", 0);
    }
    return histogram;
  }

  @Test
  void computeCounts_optimalSelection_dropsRareKeysAndKeepsPopularOnes() {
    for (int seed = 0; seed < 200; seed += 2) {
      assertThat(rareAndPopular(1, seed).computeCounts()).containsOnlyKeys("popular");
    }
  }

  @Test
  void computeCounts_thresholdSelection_dropsRareKeysAndKeepsPopularOnes() {
    for (int seed = 0; seed < 200; seed += 2) {
      assertThat(rareAndPopular(5, seed).computeCounts()).containsOnlyKeys("popular");
    }
  }

  @Test
  void computeCounts_keysWithNoEntries_areNeverReleased() {
    DpHistogram<String> histogram = exact(8).delta(0.5).build();
    assertThat(histogram.computeCounts()).isEmpty();
  }

  /** pi(n) by the recurrence of Theorem 1, computed here independently of the closed form. */
  private static double[] recurrence(int n, double epsilon, double delta) {
    double[] pi = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      pi[i] = Math.min(Math.min(Math.exp(epsilon) * pi[i - 1] + delta,
          1 - Math.exp(-epsilon) * (1 - pi[i - 1] - delta)), 1);
    }
    return pi;
  }

  @Test
  void keepProbability_matchesTheRecurrenceOfTheorem1() {
    double[][] parameters = {{1, 1e-5}, {0.1, 1e-8}, {Math.log(3), 0.1}, {0.01, 1e-3}, {5, 1e-10}};
    for (double[] p : parameters) {
      double[] expected = recurrence(3_000, p[0], p[1]);
      for (int n = 0; n <= 3_000; n++) {
        assertThat(OptimalPartitionSelection.keepProbability(n, p[0], p[1]))
            .as("pi(%d) for eps %s, delta %s", n, p[0], p[1]).isCloseTo(expected[n], within(1e-9));
      }
    }
  }

  @Test
  void keepProbability_handComputedValues() {
    double e = Math.exp(1);
    double delta = 0.01;
    assertThat(OptimalPartitionSelection.keepProbability(1, 1, delta)).isCloseTo(delta, within(1e-15));
    assertThat(OptimalPartitionSelection.keepProbability(2, 1, delta))
        .isCloseTo(e * delta + delta, within(1e-15));
    // eps = ln 3, delta = 0.1: pi(1) = 0.1, pi(2) = 0.4; pi(3) takes the second branch,
    // 1 - (1/3)(1 - 0.4 - 0.1) = 5/6, then pi(4) = 1 - (1/3)(1/6 - 0.1) = 0.9777..., pi(5) = 1.
    double ln3 = Math.log(3);
    assertThat(OptimalPartitionSelection.crossover(ln3, 0.1)).isEqualTo(2);
    assertThat(OptimalPartitionSelection.keepProbability(2, ln3, 0.1)).isCloseTo(0.4, within(1e-12));
    assertThat(OptimalPartitionSelection.keepProbability(3, ln3, 0.1)).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(OptimalPartitionSelection.keepProbability(4, ln3, 0.1))
        .isCloseTo(1 - (1.0 / 6 - 0.1) / 3, within(1e-12));
    assertThat(OptimalPartitionSelection.keepProbability(5, ln3, 0.1)).isEqualTo(1.0);
    assertThat(OptimalPartitionSelection.keepProbability(Long.MAX_VALUE, ln3, 0.1)).isEqualTo(1.0);
  }

  @Test
  void keepProbability_usesThePerPartitionShareOfTheSelectionBudget() {
    // No bounds, Laplace: selection and count get eps/2 = 1 each; selection delta = 1e-3; L0 = 2.
    DpHistogram<String> histogram = exact(9).epsilon(2).delta(1e-3).maxPartitionsContributed(2).build();
    for (long n : new long[] {0, 1, 2, 10, 100}) {
      assertThat(histogram.keepProbability(n))
          .isEqualTo(OptimalPartitionSelection.keepProbability(n, 0.5, 5e-4));
    }
  }

  @Test
  void threshold_laplace_isLinfPlusTheLaplaceTailQuantile() {
    // No bounds: count eps = 1, L0 = 4, Linf = 2, so b = 8; selection delta = 1e-6, per partition 2.5e-7.
    DpHistogram<String> histogram = exact(11).epsilon(1).delta(1e-6).maxPartitionsContributed(4)
        .maxContributionsPerPartition(2).build();
    double b = 8;
    double expected = 2 + b * Math.log(4 / 1e-6);
    // The lattice noise's tail is a hair heavier than the continuous one (scale rounded up, grid slack).
    assertThat(histogram.threshold()).isBetween(expected, expected * (1 + 1e-5));
  }

  @Test
  void threshold_gaussian_isLinfPlusTheGaussianTailQuantile() {
    // Gaussian count: delta is split between count and threshold, 5e-6 each; eps = 1 for the count.
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1).delta(1e-5)
        .noise(new GaussianNoise(new SplittableRandom(1))).maxPartitionsContributed(4).build();
    double sigma = GaussianNoise.sigma(2, 1, 5e-6);
    // Phi^-1(1 - 5e-6 / 4 / 2) for the two-sided interval of miss probability 1.25e-6.
    double z = 4.8475;
    assertThat(histogram.threshold()).isCloseTo(1 + z * sigma, within(0.002 * z * sigma));
  }

  /**
   * Empirical audit of partition selection. Neighbouring datasets hold n and n + 1 units in one key
   * (n = 0 is "absent"). With release probabilities p_n, an (eps, delta) guarantee for the release
   * event requires p_{n+1} &lt;= e^eps p_n + delta and 1 - p_n &lt;= e^eps (1 - p_{n+1}) + delta. The
   * histogram has eps = 2, of which selection gets eps_sel = 1, and delta = 0.05 (all of it for selection:
   * Laplace counts spend none). The checks use eps_sel, which is stricter than the total eps, with a slack of
   * 5 standard errors of the estimated sides (200,000 runs per n: a false alarm below 6e-7 per check). The
   * optimal mechanism meets its share with equality, so the observed epsilon must come out close to 1.
   */
  @Test
  void audit_neighbouringDatasets_releaseProbabilitiesWithinEpsilonAndDelta() {
    double delta = 0.05;
    double[] p = releaseProbabilities(2, delta, 6, AUDIT_RUNS, 1);

    assertThat(auditViolations(p, 1, delta)).isZero();
    // A key with a single unit versus absent: released with probability at most delta_sel = delta.
    assertThat(p[0]).isZero();
    assertThat(p[1]).isLessThanOrEqualTo(delta + 5 * se(delta, AUDIT_RUNS));
    assertThat(observedEpsilon(p, delta)).isBetween(0.9, 1.1);
  }

  /** The audit must be able to fail: a histogram whose selection spends twice its share is flagged. */
  @Test
  void audit_histogramWithTwiceTheEpsilon_isFlagged() {
    double[] p = releaseProbabilities(4, 0.05, 4, AUDIT_RUNS, 2);
    assertThat(auditViolations(p, 1, 0.05)).isPositive();
    assertThat(observedEpsilon(p, 0.05)).isGreaterThan(1.5);
  }

  /** The number of neighbouring pairs (n, n + 1) whose release probabilities break (eps, delta). */
  private static int auditViolations(double[] p, double epsilon, double delta) {
    double e = Math.exp(epsilon);
    int violations = 0;
    for (int n = 0; n + 1 < p.length; n++) {
      double slack = 5 * Math.hypot(se(p[n + 1], AUDIT_RUNS), e * se(p[n], AUDIT_RUNS));
      violations += p[n + 1] > e * p[n] + delta + slack ? 1 : 0;
      violations += 1 - p[n] > e * (1 - p[n + 1]) + delta + slack ? 1 : 0;
    }
    return violations;
  }

  /** The largest epsilon the estimated release probabilities imply, over well-populated pairs. */
  private static double observedEpsilon(double[] p, double delta) {
    double observed = 0;
    for (int n = 0; n + 1 < p.length; n++) {
      if (p[n] > 0.01 && p[n + 1] - delta > 0) {
        observed = Math.max(observed, Math.log((p[n + 1] - delta) / p[n]));
      }
      if (1 - p[n + 1] > 0.01 && 1 - p[n] - delta > 0) {
        observed = Math.max(observed, Math.log((1 - p[n] - delta) / (1 - p[n + 1])));
      }
    }
    return observed;
  }

  /** Over many seeded runs, the fraction of runs in which a key with n units is released, n = 0..max. */
  private static double[] releaseProbabilities(double epsilon, double delta, int max, int runs, long seed) {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(seed));
    SplittableRandom random = new SplittableRandom(seed + 100);
    double[] p = new double[max + 1];
    for (int n = 0; n <= max; n++) {
      int released = 0;
      for (int run = 0; run < runs; run++) {
        DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(epsilon).delta(delta)
            .noise(noise).random(random).build();
        for (int unit = 0; unit < n; unit++) {
          histogram.addEntry("u" + unit, "key", 0);
        }
        released += histogram.computeCounts().containsKey("key") ? 1 : 0;
      }
      p[n] = (double) released / runs;
    }
    return p;
  }

  private static double se(double p, int runs) {
    return Math.sqrt(Math.max(p * (1 - p), 1.0 / runs) / runs);
  }

  /**
   * Threshold selection: a unit alone in its L0 = 4 keys makes any of them appear with probability at most
   * delta_sel = delta (about delta / 2 for symmetric Laplace noise). 200,000 runs, 5 standard errors.
   */
  @Test
  void audit_thresholdSelection_loneUnitsKeysAppearWithProbabilityAtMostDelta() {
    double delta = 0.05;
    int runs = AUDIT_RUNS;
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(3));
    SplittableRandom random = new SplittableRandom(4);
    int released = 0;
    for (int run = 0; run < runs; run++) {
      DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1).delta(delta)
          .maxPartitionsContributed(4).noise(noise).random(random).build();
      for (int k = 0; k < 4; k++) {
        histogram.addEntry("loner", "k" + k, 0);
      }
      released += histogram.computeCounts().isEmpty() ? 0 : 1;
    }
    assertThat((double) released / runs).isLessThanOrEqualTo(delta + 5 * se(delta, runs))
        .isGreaterThan(0.0);
  }

  // ---- noise calibration ----

  /** Noisy counts with public keys are unbiased with the Laplace variance 2 b^2, b = L0 Linf / eps. */
  @Test
  void computeCounts_noisyCounts_haveLaplaceMeanAndVariance() {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(12));
    Samples samples = Samples.of(50_000, () -> {
      DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1).noise(noise)
          .maxPartitionsContributed(2).maxContributionsPerPartition(3).publicKeys(List.of("a")).build();
      for (int unit = 0; unit < 40; unit++) {
        histogram.addEntry("u" + unit, "a", 0);
      }
      return histogram.computeResult().get("a").count() - 40;
    });
    double b = 2 * 3 / 1.0;
    samples.assertCentredWithVariance(2 * b * b, 6);
  }

  /** With bounds, count and sum each get eps / 2; the sum's scale is L0 Linf max(|lower|, |upper|) / eps. */
  @Test
  void computeResult_noisySums_haveLaplaceMeanAndVariance() {
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(13));
    Samples samples = Samples.of(50_000, () -> {
      DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(2).noise(noise)
          .lower(-10).upper(4).publicKeys(List.of("a")).build();
      for (int unit = 0; unit < 40; unit++) {
        histogram.addEntry("u" + unit, "a", 3);
      }
      return histogram.computeResult().get("a").sum().orElseThrow() - 120;
    });
    double b = 10 / 1.0;
    samples.assertCentredWithVariance(2 * b * b, 6);
  }

  @Test
  void countConfidenceInterval_matchesTheNoiseForTheCountsShare() {
    LaplaceNoise noise = new LaplaceNoise();
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(3).noise(noise).lower(0).upper(1)
        .maxPartitionsContributed(2).publicKeys(List.of("a")).build();
    assertThat(histogram.countConfidenceInterval(10, 0.05))
        .isEqualTo(noise.computeConfidenceInterval(10, 2, 1, 1.5, null, 0.05));
    assertThat(histogram.sumConfidenceInterval(10, 0.05))
        .isEqualTo(noise.computeConfidenceInterval(10, 2, 1, 1.5, null, 0.05));
  }

  @Test
  void computeResult_gaussianWithSelection_releasesPopularKeysWithSumsAndMeans() {
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1).delta(1e-6).lower(0).upper(10)
        .noise(new GaussianNoise(new SplittableRandom(14))).random(new SplittableRandom(15)).build();
    List<DpHistogram.Entry<String>> entries = new ArrayList<>();
    for (int unit = 0; unit < 1_000; unit++) {
      entries.add(new DpHistogram.Entry<>("u" + unit, "popular", 5));
    }
    histogram.addEntries(entries);

    DpHistogram.Cell cell = histogram.computeResult().get("popular");

    assertThat(cell.count()).isCloseTo(1_000, within(100.0));
    assertThat(cell.mean().orElseThrow()).isCloseTo(5, within(1.0));
  }

  // ---- lifecycle ----

  @Test
  void computeResult_secondCall_throwsIllegalState() {
    DpHistogram<String> histogram = exact(16).publicKeys(List.of("a")).build();
    histogram.computeResult();
    assertThatThrownBy(histogram::computeResult).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(histogram::computeCounts).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void addEntry_afterCompute_throwsIllegalState() {
    DpHistogram<String> histogram = exact(17).publicKeys(List.of("a")).build();
    histogram.computeCounts();
    assertThatThrownBy(() -> histogram.addEntry("u", "a", 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> histogram.addEntries(List.of(new DpHistogram.Entry<>("u", "a", 0))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sumConfidenceInterval_withoutBounds_throwsIllegalState() {
    DpHistogram<String> histogram = exact(18).publicKeys(List.of("a")).build();
    assertThatThrownBy(() -> histogram.sumConfidenceInterval(0, 0.05))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepProbability_underAnotherStrategy_throwsIllegalState() {
    DpHistogram<String> histogram = exact(19).publicKeys(List.of("a")).build();
    assertThatThrownBy(() -> histogram.keepProbability(1)).isInstanceOf(IllegalStateException.class);
    assertThat(histogram.threshold()).isNaN();
  }
}
