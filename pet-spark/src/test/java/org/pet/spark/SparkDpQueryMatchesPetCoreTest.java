package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.DpHistogram;
import org.pet.dp.DpHistogram.SelectionStrategy;
import org.pet.dp.GaussianNoise;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.MechanismType;
import org.pet.dp.OptimalPartitionSelection;
import org.pet.publish.ReleaseCell;
import org.pet.publish.ReleaseTable;

/**
 * The Spark release and pet-core's {@link DpHistogram} / {@link ReleaseTable} on the same data: equal
 * un-noised aggregates (zero noise, data already within the contribution bounds so that bounding keeps
 * everything), the same released groups, the same budget split (equal confidence intervals and
 * thresholds), and noise and selection with the distributions pet-core states.
 */
class SparkDpQueryMatchesPetCoreTest {

  private static final StructType SCHEMA = new StructType().add("person_id", DataTypes.StringType)
      .add("district", DataTypes.StringType).add("age_band", DataTypes.StringType)
      .add("amount", DataTypes.DoubleType);
  private static final List<String> DISTRICTS = List.of("d0", "d1", "d2", "d3", "d9");
  private static final List<String> AGE_BANDS = List.of("a0", "a1", "a2", "a9");

  private static SparkSession spark;
  /** 3,000 people, each with 1 or 2 districts x age bands (never d9 or a9) and 1 or 2 claims in each. */
  private static List<Row> claims;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("SparkDpQueryMatchesPetCoreTest");
    SplittableRandom random = new SplittableRandom(16);
    claims = new ArrayList<>();
    for (int person = 0; person < 3000; person++) {
      int first = random.nextInt(12);
      int groups = 1 + random.nextInt(2);
      for (int g = 0; g < groups; g++) {
        int cell = (first + 5 * g) % 12;
        for (int claim = 0, n = 1 + random.nextInt(2); claim < n; claim++) {
          // Halves in [-50, 150): exact in every accumulator, and clamped to [0, 100] by the outputs.
          double amount = random.nextInt(400) / 2.0 - 50;
          claims.add(RowFactory.create("p" + person, DISTRICTS.get(cell / 3), AGE_BANDS.get(cell % 3), amount));
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> claimsFrame() {
    return spark.createDataFrame(claims, SCHEMA);
  }

  private static Dataset<Row> allCells() {
    List<Row> cells = new ArrayList<>();
    for (String district : DISTRICTS) {
      for (String band : AGE_BANDS) {
        cells.add(RowFactory.create(district, band));
      }
    }
    return spark.createDataFrame(cells, new StructType().add("district", DataTypes.StringType)
        .add("age_band", DataTypes.StringType));
  }

  private static DpHistogram.Builder<List<String>> histogram() {
    return DpHistogram.<List<String>>builder().epsilon(1).maxPartitionsContributed(2)
        .maxContributionsPerPartition(2).lower(0).upper(100);
  }

  /** DpHistogram's release of claim rows (person, district, age band, amount). */
  private static Map<List<String>, DpHistogram.Cell> released(DpHistogram<List<String>> histogram, List<Row> rows) {
    rows.forEach(r -> histogram.addEntry(r.getString(0), List.of(r.getString(1), r.getString(2)), r.getDouble(3)));
    return histogram.computeResult();
  }

  /** The Spark twin of {@link #histogram()} over {@code rows}: zero noise, private selection, Linf 2. */
  private static SparkDpQuery.Builder privateCountAndSum(List<Row> rows, int maxGroups) {
    return SparkDpQuery.on(spark.createDataFrame(rows, SCHEMA)).privacyUnit("person_id")
        .groupBy("district", "age_band").maxGroupsContributed(maxGroups).maxContributionsPerGroup(2)
        .count("claims").sum("amount", 0, 100, "total").delta(1e-6).noiseForTesting(ZeroNoise.SOURCE);
  }

  private static Map<List<String>, Row> byGroup(List<Row> rows) {
    Map<List<String>, Row> byGroup = new HashMap<>();
    rows.forEach(row -> byGroup.put(List.of(row.getString(0), row.getString(1)), row));
    assertThat(byGroup).as("each group released once").hasSameSizeAs(rows);
    return byGroup;
  }

  @Test
  void publicGroups_zeroNoise_equalsDpHistogramAndReleaseTable() {
    List<List<String>> keys = new ArrayList<>();
    allCells().collectAsList().forEach(row -> keys.add(List.of(row.getString(0), row.getString(1))));
    DpHistogram<List<String>> histogram = histogram().noise(new ZeroNoise()).publicKeys(keys).build();
    ReleaseTable table = ReleaseTable.builder().groupColumns("district", "age_band")
        .categories("district", DISTRICTS).categories("age_band", AGE_BANDS).epsilon(1).noise(new ZeroNoise())
        .maxPartitionsContributed(2).maxContributionsPerPartition(2).valueBounds(0, 100)
        .totals(ReleaseTable.Totals.NONE).build();
    for (Row claim : claims) {
      List<String> key = List.of(claim.getString(1), claim.getString(2));
      histogram.addEntry(claim.getString(0), key, claim.getDouble(3));
      table.addRecord(claim.getString(0), key, claim.getDouble(3));
    }
    Map<List<String>, DpHistogram.Cell> expected = histogram.computeResult();
    List<ReleaseCell> published = table.release();

    List<Row> rows = SparkDpQuery.on(claimsFrame()).privacyUnit("person_id").groupBy("district", "age_band")
        .maxGroupsContributed(2).maxContributionsPerGroup(2).publicGroups(allCells())
        .count("claims").sum("amount", 0, 100, "total").mean("amount", 0, 100, "average")
        .epsilon(1).noiseForTesting(ZeroNoise.SOURCE).build().run().collectAsList();

    Map<List<String>, Row> released = byGroup(rows);
    assertThat(released.keySet()).as("every listed group, none other").isEqualTo(expected.keySet());
    for (Map.Entry<List<String>, DpHistogram.Cell> e : expected.entrySet()) {
      Row row = released.get(e.getKey());
      DpHistogram.Cell cell = e.getValue();
      assertThat((double) row.getLong(2)).as("count of %s", e.getKey()).isEqualTo(cell.count());
      assertThat(row.getDouble(5)).as("sum of %s", e.getKey()).isEqualTo(cell.sum().orElseThrow());
      if (cell.count() > 0) {
        assertThat(row.getDouble(8)).as("mean of %s", e.getKey()).isCloseTo(cell.mean().orElseThrow(), within(1e-9));
      } else {
        // The one difference: an empty group's mean is BoundedMean's midpoint, DpHistogram's clamp(0 / 1).
        assertThat(row.getDouble(8)).as("mean of empty %s", e.getKey()).isEqualTo(50.0);
      }
    }
    assertThat(released.get(List.of("d9", "a9")).getLong(2)).as("absent group, noised zero").isZero();
    for (ReleaseCell cell : published) {
      Row row = released.get(cell.key());
      assertThat(row.getLong(2)).isEqualTo(cell.count().orElseThrow());
      assertThat((long) Math.floor(row.getDouble(5) + 0.5)).isEqualTo(cell.sum().orElseThrow());
    }
  }

  @Test
  void privateSelection_optimal_zeroNoise_keepsTheGroupsDpHistogramKeeps() {
    // Six groups of 300 people and 30 groups of one. Count and sum: epsilon 4 in three shares (selection,
    // count, sum), so the selection runs per group with (2/3, 5e-7): pi(300) = 1, pi(1) = 5e-7. Both engines
    // therefore keep exactly the six large groups, except with probability below 30 * 5e-7 = 1.5e-5 each.
    List<Row> rows = new ArrayList<>();
    for (int g = 0; g < 6; g++) {
      for (int p = 0; p < 300; p++) {
        rows.add(RowFactory.create("p" + g + "-" + p, "d" + g, "a0", (double) p % 100));
      }
    }
    for (int g = 0; g < 30; g++) {
      rows.add(RowFactory.create("q" + g, "t" + g, "a0", 1.0));
    }
    assertThat(OptimalPartitionSelection.keepProbability(300, 4.0 / 3 / 2, 1e-6 / 2)).isEqualTo(1.0);

    DpHistogram<List<String>> histogram = histogram().epsilon(4).delta(1e-6).noise(new ZeroNoise()).build();
    Map<List<String>, DpHistogram.Cell> expected = released(histogram, rows);

    SparkDpQuery query = privateCountAndSum(rows, 2).epsilon(4).build();
    assertThat(query.selectionStrategy()).isEqualTo(histogram.selectionStrategy())
        .isEqualTo(SelectionStrategy.OPTIMAL_KEEP_PROBABILITY);
    Map<List<String>, Row> released = byGroup(query.run().collectAsList());

    assertThat(released.keySet()).isEqualTo(expected.keySet()).hasSize(6);
    expected.forEach((key, cell) -> {
      assertThat((double) released.get(key).getLong(2)).isEqualTo(cell.count());
      assertThat(released.get(key).getDouble(5)).isEqualTo(cell.sum().orElseThrow());
    });
  }

  @Test
  void privateSelection_threshold_zeroNoise_keepsTheGroupsDpHistogramKeeps() {
    // L0 = 4 > 3: both keep a group when its noisy count exceeds Linf + h; with zero noise h = 0, so groups
    // with more than Linf = 2 bounded rows are kept and the others dropped, deterministically.
    List<Row> rows = new ArrayList<>();
    for (int g = 0; g < 10; g++) {
      rows.add(RowFactory.create("a" + g, "k" + g, "a0", 1.0)); // kept: 3 rows from two people
      rows.add(RowFactory.create("a" + g, "k" + g, "a0", 1.0));
      rows.add(RowFactory.create("b" + g, "k" + g, "a0", 1.0));
      rows.add(RowFactory.create("c" + g, "x" + g, "a0", 1.0)); // dropped: 2 rows from one person
      rows.add(RowFactory.create("c" + g, "x" + g, "a0", 1.0));
      rows.add(RowFactory.create("d" + g, "y" + g, "a0", 1.0)); // dropped: 2 rows from two people
      rows.add(RowFactory.create("e" + g, "y" + g, "a0", 1.0));
    }
    DpHistogram<List<String>> histogram = histogram().delta(1e-6).maxPartitionsContributed(4)
        .noise(new ZeroNoise()).build();
    Map<List<String>, DpHistogram.Cell> expected = released(histogram, rows);

    SparkDpQuery query = privateCountAndSum(rows, 4).epsilon(1).build();
    assertThat(query.selectionStrategy()).isEqualTo(histogram.selectionStrategy())
        .isEqualTo(SelectionStrategy.NOISY_COUNT_THRESHOLD);
    Map<List<String>, Row> released = byGroup(query.run().collectAsList());

    assertThat(released.keySet()).isEqualTo(expected.keySet()).hasSize(10)
        .allSatisfy(key -> assertThat(key.get(0)).startsWith("k"));
  }

  @Test
  void budgetSplit_publicGroupsLaplace_givesDpHistogramsIntervals() {
    // Count and sum, public groups, Laplace: eps / 2 each, as DpHistogram with bounds. Bounds [-10, 40] keep
    // the sum's interval unclamped, so it is the noise's interval exactly.
    List<List<String>> keys = new ArrayList<>();
    allCells().collectAsList().forEach(row -> keys.add(List.of(row.getString(0), row.getString(1))));
    DpHistogram<List<String>> histogram = DpHistogram.<List<String>>builder().epsilon(1)
        .maxPartitionsContributed(2).maxContributionsPerPartition(3).lower(-10).upper(40).publicKeys(keys)
        .build();
    List<Row> rows = SparkDpQuery.on(claimsFrame()).privacyUnit("person_id").groupBy("district", "age_band")
        .maxGroupsContributed(2).maxContributionsPerGroup(3).publicGroups(allCells())
        .count("claims").sum("amount", -10, 40, "total").epsilon(1).build().run().collectAsList();
    assertIntervalsMatch(rows, histogram);
  }

  @Test
  void budgetSplit_privateGaussian_givesDpHistogramsIntervalsAndKeepProbabilities() {
    // Count and sum, private selection with L0 = 2, Gaussian: eps / 3 and delta / 3 for each of selection,
    // count and sum - DpHistogram's split. Groups have 250 to 500 people, so pi = 1 and all twelve are kept.
    DpHistogram<List<String>> histogram = DpHistogram.<List<String>>builder().epsilon(1).delta(1e-5)
        .noise(new GaussianNoise()).maxPartitionsContributed(2).maxContributionsPerPartition(3).lower(-10)
        .upper(40).build();
    SparkDpQuery query = SparkDpQuery.on(claimsFrame()).privacyUnit("person_id").groupBy("district", "age_band")
        .maxGroupsContributed(2).maxContributionsPerGroup(3).count("claims").sum("amount", -10, 40, "total")
        .epsilon(1).delta(1e-5).noise(MechanismType.GAUSSIAN).build();
    BudgetSplit split = query.spec().split();
    for (long n : new long[] {0, 1, 2, 10, 50, 100, 250}) {
      assertThat(OptimalPartitionSelection.keepProbability(n, split.selectionEpsilon() / 2,
          split.selectionDelta() / 2)).as("pi(%d)", n).isEqualTo(histogram.keepProbability(n));
    }
    assertThat(histogram.keepProbability(250)).isEqualTo(1.0);
    List<Row> rows = query.run().collectAsList();
    assertThat(rows).hasSize(12);
    assertIntervalsMatch(rows, histogram);
  }

  @Test
  void budgetSplit_threshold_isDpHistogramsThreshold() {
    DpHistogram<List<String>> histogram = DpHistogram.<List<String>>builder().epsilon(1).delta(1e-6)
        .maxPartitionsContributed(5).maxContributionsPerPartition(3).lower(0).upper(100).build();
    SparkDpQuery query = SparkDpQuery.on(claimsFrame()).privacyUnit("person_id").groupBy("district", "age_band")
        .maxGroupsContributed(5).maxContributionsPerGroup(3).count("claims").sum("amount", 0, 100, "total")
        .epsilon(1).delta(1e-6).build();
    assertThat(query.selectionStrategy()).isEqualTo(SelectionStrategy.NOISY_COUNT_THRESHOLD);
    assertThat(query.spec().split().threshold()).isEqualTo(histogram.threshold());
  }

  /**
   * Each released sum carries DpHistogram's interval. Each count carries the noise's interval around its
   * unrounded noisy count (within 1/2 of the released one), rounded outward and cut at 0: its bounds lie
   * within [-1.5, +0.5] and [-0.5, +1.5] of DpHistogram's interval around the released count, cut at 0.
   */
  private static void assertIntervalsMatch(List<Row> rows, DpHistogram<List<String>> histogram) {
    for (Row row : rows) {
      ConfidenceInterval sum = histogram.sumConfidenceInterval(row.getDouble(5), 0.05);
      assertThat(row.getDouble(6)).isEqualTo(sum.lowerBound());
      assertThat(row.getDouble(7)).isEqualTo(sum.upperBound());
      ConfidenceInterval count = histogram.countConfidenceInterval(row.getLong(2), 0.05);
      assertThat((double) row.getLong(3))
          .isBetween(Math.max(0, count.lowerBound() - 1.5), Math.max(0, count.lowerBound() + 0.5));
      assertThat((double) row.getLong(4))
          .isBetween(Math.max(0, count.upperBound() - 0.5), Math.max(0, count.upperBound() + 1.5));
    }
  }

  @Test
  void countNoise_hasMeanZeroAndTheMechanismsVariance() {
    // 4,000 public groups with 3 people each; count only, epsilon 1, L0 = Linf = 1: Laplace noise of scale 1
    // (the mechanism's stated variance v, about 2), rounded to an integer (adding about 1/12 to the variance).
    // Mean: sd sqrt(v / 4000) = 0.023, tolerance 6 sd. Variance: the sample variance has sd about
    // v sqrt((kurtosis - 1) / n) = v sqrt(5 / 4000) = 0.074 (Laplace kurtosis 6), tolerance 6 sd. Each check
    // has a false-alarm probability below 1e-6 (normal approximation; n = 4,000).
    Dataset<Row> people = spark.range(12_000).selectExpr("cast(id as string) as person_id",
        "concat('g', id % 4000) as district");
    Dataset<Row> groups = spark.range(4000).selectExpr("concat('g', id) as district");
    List<Row> rows = SparkDpQuery.on(people).privacyUnit("person_id").groupBy("district").publicGroups(groups)
        .count("n").epsilon(1).build().run().collectAsList();
    assertThat(rows).hasSize(4000);
    double variance = new LaplaceNoise().variance(1, 1.0, 1.0, null) + 1.0 / 12;
    double sum = 0;
    double sumOfSquares = 0;
    for (Row row : rows) {
      double error = row.getLong(1) - 3;
      sum += error;
      sumOfSquares += error * error;
    }
    double mean = sum / rows.size();
    double sampleVariance = (sumOfSquares - rows.size() * mean * mean) / (rows.size() - 1);
    assertThat(mean).isCloseTo(0, within(6 * Math.sqrt(variance / 4000)));
    assertThat(sampleVariance).isCloseTo(variance, within(6 * variance * Math.sqrt(5.0 / 4000)));
  }

  @Test
  void optimalSelection_keepsGroupsAtTheRateOfDpHistogramsKeepProbability() {
    // 2,000 groups of 7 people; count only, epsilon 1, delta 0.01, L0 = 1: selection (0.5, 0.01), as in
    // DpHistogram. The number kept is Binomial(2000, p); tolerance 6 sd, false-alarm probability below 1e-8.
    Dataset<Row> people = spark.range(14_000).selectExpr("cast(id as string) as person_id",
        "concat('g', id % 2000) as district");
    double p = DpHistogram.<String>builder().epsilon(1).delta(0.01).build().keepProbability(7);
    assertThat(p).isBetween(0.2, 0.8);
    long kept = SparkDpQuery.on(people).privacyUnit("person_id").groupBy("district").count("n").epsilon(1)
        .delta(0.01).build().run().count();
    assertThat((double) kept).isCloseTo(2000 * p, within(6 * Math.sqrt(2000 * p * (1 - p))));
  }
}
