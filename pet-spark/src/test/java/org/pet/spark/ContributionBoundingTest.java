package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contribution bounding, seen through zero-noise releases (so released counts and sums are the bounded
 * data's) and through {@link ContributionBounding} directly.
 */
class ContributionBoundingTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("ContributionBoundingTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Zero-noise count and sum of {@code value} in [0, 100] per group g, over the public groups g0..g{n-1}. */
  private static Map<String, double[]> release(Dataset<Row> data, int groups, int l0, int lInf) {
    Dataset<Row> keys = spark.range(groups).selectExpr("concat('g', id) as g");
    List<Row> rows = SparkDpQuery.on(data).privacyUnit("unit").groupBy("g")
        .maxGroupsContributed(l0).maxContributionsPerGroup(lInf).publicGroups(keys)
        .count("n").sum("value", 0, 100, "total").epsilon(1).noiseForTesting(ZeroNoise.SOURCE)
        .build().run().collectAsList();
    Map<String, double[]> byGroup = new HashMap<>();
    for (Row row : rows) {
      byGroup.put(row.getString(0), new double[] {row.getLong(1), row.getDouble(4)});
    }
    assertThat(byGroup).hasSize(groups);
    return byGroup;
  }

  @Test
  void unitWith10000Rows_changesAtMostLinfPerGroupInAtMostL0Groups() {
    // 200 light units, one row each in g(i % 20): within the bounds, so bounding keeps all of them.
    Dataset<Row> light = spark.range(200).selectExpr("concat('u', id) as unit", "concat('g', id % 20) as g",
        "1.0 as value");
    // One unit with 10,000 rows, 500 in each of the 20 groups, each value clamped to 100.
    Dataset<Row> heavy = spark.range(10_000).selectExpr("'heavy' as unit", "concat('g', id % 20) as g",
        "1000.0 as value");
    int l0 = 2;
    int lInf = 3;
    Map<String, double[]> without = release(light, 20, l0, lInf);
    Map<String, double[]> with = release(light.union(heavy), 20, l0, lInf);

    int changed = 0;
    for (String group : without.keySet()) {
      double countChange = with.get(group)[0] - without.get(group)[0];
      double sumChange = with.get(group)[1] - without.get(group)[1];
      assertThat(countChange).as("count change in %s", group).isBetween(0.0, (double) lInf);
      assertThat(sumChange).as("sum change in %s", group).isEqualTo(countChange * 100);
      if (countChange > 0) {
        changed++;
        // The unit has 500 rows here, so bounding keeps exactly Linf of them.
        assertThat(countChange).isEqualTo(lInf);
      }
    }
    assertThat(changed).as("groups the unit reaches").isEqualTo(l0);
    assertThat(without.values()).allSatisfy(cell -> assertThat(cell[0]).isEqualTo(10));
  }

  @Test
  void negativeAndPositiveZero_areOneGroup_boundedOnce() {
    // Spark groups -0.0 with 0.0; bounding must too, or a unit could put Linf rows in each of them and so
    // 2 Linf rows in the released group 0.0.
    Dataset<Row> data = spark.range(10).selectExpr("'u' as unit",
        "case when id < 5 then cast(id - id as double) * cast(-1 as double) else cast(0 as double) end as g", "1.0 as value");
    List<Row> rows = SparkDpQuery.on(data).privacyUnit("unit").groupBy("g").maxGroupsContributed(2)
        .maxContributionsPerGroup(3).publicGroups(spark.range(1).selectExpr("cast(0.0 as double) as g"))
        .count("n").epsilon(1).noiseForTesting(ZeroNoise.SOURCE).build().run().collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getLong(1)).isEqualTo(3);
  }

  @Test
  void groupChoice_isUniformOverTheUnitsGroups_notWeightedByRows() {
    // 4,000 units, each with 1 row in g0, 2 in g1, 5 in g2 and 20 in g3; L0 = 1 keeps one group per unit.
    // Uniform over groups: each count ~ Binomial(4000, 1/4), mean 1000, sd 27.4. Tolerance 6 sd (164): a
    // false alarm has probability below 1e-8 per group. A choice weighted by rows would put about 2,857 units
    // in g3.
    Dataset<Row> data = spark.range(4000L * 28).selectExpr("cast(id div 28 as string) as unit",
        "case when id % 28 < 1 then 'g0' when id % 28 < 3 then 'g1' when id % 28 < 8 then 'g2' else 'g3' end as g",
        "1.0 as value");
    Map<String, double[]> released = release(data, 4, 1, 1);
    double total = 0;
    for (double[] cell : released.values()) {
      assertThat(cell[0]).isCloseTo(1000, within(6 * Math.sqrt(4000 * 0.25 * 0.75)));
      total += cell[0];
    }
    assertThat(total).isEqualTo(4000);
  }

  @Test
  void rowChoice_isUniformOverTheUnitsRows_duplicatesIncluded() {
    // 4,000 units with four rows each in g0, values 1, 1, 1 and 10; Linf = 1 keeps one row per unit.
    // Uniform over rows: each kept value has mean 3.25 and variance 15.1875, so the sum has mean 13,000 and
    // sd 246.5. Tolerance 6 sd (1,479): false-alarm probability below 1e-8. Sampling distinct values (1 or 10
    // with probability 1/2) would give 22,000, always taking the smallest 4,000.
    Dataset<Row> data = spark.range(4000L * 4).selectExpr("cast(id div 4 as string) as unit", "'g0' as g",
        "case when id % 4 = 3 then 10.0 else 1.0 end as value");
    double[] cell = release(data, 1, 1, 1).get("g0");
    assertThat(cell[0]).isEqualTo(4000);
    assertThat(cell[1]).isCloseTo(13_000, within(6 * Math.sqrt(4000 * 15.1875)));
  }

  @Test
  void bounding_isAFunctionOfTheDataAndTheKey_notOfPartitioningOrOrder() {
    // What makes a retried Spark task repeat its sample: the same rows under the same key are bounded alike,
    // however they are partitioned and ordered. Groups carry their unit ("unit:group") so that the output
    // shows every unit's choice. 300 units with 5 rows each over up to 5 groups, values with duplicates.
    Dataset<Row> data = spark.range(1500).selectExpr("cast(id % 300 as string) as _u",
        "concat(cast(id % 300 as string), ':g', pmod(xxhash64(id), 5)) as _g0", "cast(id % 3 as double) as _v0");
    byte[] key = new byte[32];
    key[0] = 7;
    List<Row> first = bounded(data.repartition(3), SamplingPrf.withKeyForTesting(key));
    List<Row> second = bounded(data.orderBy(data.col("_v0").desc(), data.col("_u")).repartition(7),
        SamplingPrf.withKeyForTesting(key));
    assertThat(second).isEqualTo(first);

    Map<String, Map<String, Integer>> rowsPerUnitAndGroup = new HashMap<>();
    for (Row row : first) {
      String group = row.getString(0);
      rowsPerUnitAndGroup.computeIfAbsent(group.substring(0, group.indexOf(':')), u -> new HashMap<>())
          .merge(group, 1, Integer::sum);
    }
    assertThat(rowsPerUnitAndGroup).hasSize(300);
    rowsPerUnitAndGroup.values().forEach(groups -> {
      assertThat(groups.size()).isBetween(1, 2);
      assertThat(groups.values()).allSatisfy(rows -> assertThat(rows).isBetween(1, 2));
    });

    key[0] = 8;
    assertThat(bounded(data, SamplingPrf.withKeyForTesting(key))).as("another key samples otherwise")
        .isNotEqualTo(first);
  }

  /** L0 = 2, Linf = 2; the bounded rows, sorted. */
  private static List<Row> bounded(Dataset<Row> data, SamplingPrf prf) {
    return ContributionBounding.bound(data, 1, 1, 2, 2, prf).collectAsList().stream()
        .sorted(Comparator.comparing(Row::toString)).collect(Collectors.toList());
  }
}
