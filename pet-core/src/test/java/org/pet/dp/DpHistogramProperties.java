package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of {@link DpHistogram} over generated data and parameters. */
class DpHistogramProperties {

  /** A record: unit u0..u9, key k0..k11. */
  record Row(int unit, int key) {}

  @Provide
  Arbitrary<List<Row>> rows() {
    return Arbitraries.integers().between(0, 9)
        .flatMap(u -> Arbitraries.integers().between(0, 11).map(k -> new Row(u, k)))
        .list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<Set<Integer>> listedKeys() {
    return Arbitraries.integers().between(0, 15).set().ofMaxSize(8);
  }

  @Property(tries = 200)
  void publicKeys_releasedKeysAreExactlyTheListed(@ForAll("rows") List<Row> rows,
      @ForAll("listedKeys") Set<Integer> listed, @ForAll @IntRange(min = 1, max = 5) int l0,
      @ForAll long seed) {
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(0.5).maxPartitionsContributed(l0)
        .noise(new LaplaceNoise(new SplittableRandom(seed))).random(new SplittableRandom(seed + 1))
        .publicKeys(listed.stream().map(k -> "k" + k).toList()).build();
    rows.forEach(r -> histogram.addEntry("u" + r.unit(), "k" + r.key(), 1));

    Map<String, Long> counts = histogram.computeCounts();

    assertThat(counts.keySet()).containsExactlyElementsOf(listed.stream().map(k -> "k" + k).toList());
  }

  @Property(tries = 200)
  void partitionSelection_neverReleasesAKeyWithoutData(@ForAll("rows") List<Row> rows,
      @ForAll @IntRange(min = 1, max = 6) int l0, @ForAll long seed) {
    // A generous delta so that small keys are often released too.
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(2).delta(0.3)
        .maxPartitionsContributed(l0).noise(new LaplaceNoise(new SplittableRandom(seed)))
        .random(new SplittableRandom(seed + 1)).build();
    rows.forEach(r -> histogram.addEntry("u" + r.unit(), "k" + r.key(), 1));

    Set<String> released = histogram.computeCounts().keySet();

    assertThat(released).isSubsetOf(rows.stream().map(r -> "k" + r.key()).toList());
  }

  /** With negligible noise the counts are the bounded counts: each unit adds at most L0 * Linf in total. */
  @Property(tries = 200)
  void contributionBounding_eachUnitAddsAtMostL0TimesLinf(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 11) Integer> keysOfOneUnit,
      @ForAll @IntRange(min = 1, max = 4) int l0, @ForAll @IntRange(min = 1, max = 3) int lInf,
      @ForAll long seed) {
    List<String> all = IntStream.range(0, 12).mapToObj(k -> "k" + k).toList();
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1e6).maxPartitionsContributed(l0)
        .maxContributionsPerPartition(lInf).noise(new LaplaceNoise(new SplittableRandom(seed)))
        .random(new SplittableRandom(seed + 1)).publicKeys(all).build();
    keysOfOneUnit.forEach(k -> histogram.addEntry("unit", "k" + k, 0));

    Map<String, Long> counts = histogram.computeCounts();

    long distinct = keysOfOneUnit.stream().distinct().count();
    assertThat(counts.values()).allMatch(c -> c >= 0 && c <= lInf);
    assertThat(counts.values().stream().filter(c -> c > 0).count()).isEqualTo(Math.min(l0, distinct));
    for (int k = 0; k < 12; k++) {
      int key = k;
      long inData = keysOfOneUnit.stream().filter(x -> x == key).count();
      assertThat(counts.get("k" + k)).isLessThanOrEqualTo(Math.min(inData, lInf));
    }
  }

  @Property(tries = 300)
  void keepProbability_isMonotoneInUnitsAndAProbability(@ForAll @IntRange(min = 0, max = 5_000) int n,
      @ForAll("epsilons") double epsilon, @ForAll("deltas") double delta) {
    double here = OptimalPartitionSelection.keepProbability(n, epsilon, delta);
    double next = OptimalPartitionSelection.keepProbability(n + 1, epsilon, delta);
    assertThat(here).isBetween(0.0, 1.0);
    assertThat(next).isGreaterThanOrEqualTo(here);
    // The DP constraints of Theorem 1 between neighbours n and n + 1 (with float tolerance).
    assertThat(next).isLessThanOrEqualTo(Math.exp(epsilon) * here + delta + 1e-12);
    assertThat(1 - here).isLessThanOrEqualTo(Math.exp(epsilon) * (1 - next) + delta + 1e-12);
  }

  @Provide
  Arbitrary<Double> epsilons() {
    return Arbitraries.doubles().between(-3, 1).map(e -> Math.pow(10, e));
  }

  @Provide
  Arbitrary<Double> deltas() {
    return Arbitraries.doubles().between(-12, -1).map(e -> Math.pow(10, e));
  }
}
