package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pet.dp.BoundedQuantiles;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.DpHistogram.SelectionStrategy;
import org.pet.dp.MechanismType;

/** The released dataset: its columns, intervals, groups and lifecycle. */
class SparkDpQueryTest {

  private static SparkSession spark;
  private static Dataset<Row> claims;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("SparkDpQueryTest");
    // 20,000 claims by 5,000 people, 3 districts x 2 age bands.
    claims = spark.range(20_000).selectExpr("concat('p', id % 5000) as person_id",
        "concat('d', pmod(xxhash64(id, 1), 3)) as district", "concat('a', pmod(xxhash64(id, 2), 2)) as age_band",
        "cast(pmod(xxhash64(id, 3), 6000) as double) as amount", "cast(pmod(xxhash64(id, 4), 400) as int) as wait_days");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static SparkDpQuery.Builder readmeQuery() {
    return SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district", "age_band")
        .maxGroupsContributed(2).maxContributionsPerGroup(1)
        .count("claims").sum("amount", 0, 5_000, "total").mean("amount", 0, 5_000, "average")
        .quantiles("wait_days", 0, 365, List.of(0.5, 0.9), "wait").epsilon(1.0).delta(1e-6);
  }

  @Test
  void readmeQuery_releasesEachValueBesideItsInterval_sortedByGroup() {
    Dataset<Row> released = readmeQuery().build().run();

    assertThat(released.schema().fieldNames()).containsExactly("district", "age_band",
        "claims", "claims_lower", "claims_upper", "total", "total_lower", "total_upper",
        "average", "average_lower", "average_upper", "wait_p50", "wait_p50_lower", "wait_p50_upper",
        "wait_p90", "wait_p90_lower", "wait_p90_upper");
    StructField[] fields = released.schema().fields();
    assertThat(fields[2].dataType()).isEqualTo(DataTypes.LongType);
    assertThat(fields[4].dataType()).isEqualTo(DataTypes.LongType);
    assertThat(fields[5].dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(fields[16].dataType()).isEqualTo(DataTypes.DoubleType);

    List<Row> rows = released.collectAsList();
    // Six groups of about 1,600 people each: every one is kept (pi = 1 from about 180 people here).
    assertThat(rows).hasSize(6);
    assertThat(rows).isSortedAccordingTo(Comparator.comparing((Row r) -> r.getString(0))
        .thenComparing(r -> r.getString(1)));
    for (Row row : rows) {
      assertThat(row.getLong(2)).isBetween(row.getLong(3), row.getLong(4));
      for (int value = 5; value < 17; value += 3) {
        assertThat(row.getDouble(value)).isBetween(row.getDouble(value + 1), row.getDouble(value + 2));
      }
      assertThat(row.getDouble(8)).isBetween(0.0, 5_000.0);
      assertThat(row.getDouble(11)).isBetween(0.0, 365.0).isLessThanOrEqualTo(row.getDouble(14));
    }
  }

  @Test
  void run_isMaterialized_actionsReadOneRelease() {
    Dataset<Row> released = readmeQuery().build().run();
    List<Row> first = released.collectAsList();
    assertThat(released.collectAsList()).isEqualTo(first);
    assertThat(released.filter("claims > 0").count()).isEqualTo(first.stream().filter(r -> r.getLong(2) > 0).count());
  }

  @Test
  void run_twice_throws() {
    SparkDpQuery query = readmeQuery().build();
    query.run();
    assertThatThrownBy(query::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("already run");
  }

  @Test
  void quantiles_zeroNoise_arePetCoresBoundedQuantiles() {
    // "big" has 40,000 values, so partial states per Spark partition (about 10,000 each) switch to pet-core
    // trees and merge as summaries; "small" has 50, merged as buffered values. NaN and null are ignored.
    SplittableRandom random = new SplittableRandom(3);
    List<Row> rows = new ArrayList<>();
    BoundedQuantiles.Builder tree = BoundedQuantiles.builder().epsilon(1).noise(new ZeroNoise()).lower(0).upper(365);
    BoundedQuantiles big = tree.build();
    BoundedQuantiles small = tree.build();
    for (int i = 0; i < 40_050; i++) {
      Double wait = i % 1000 == 7 ? null : i % 1000 == 8 ? Double.NaN : (double) random.nextInt(-20, 400);
      boolean inBig = i < 40_000;
      rows.add(RowFactory.create("p" + i, inBig ? "big" : "small", wait));
      if (wait != null) {
        (inBig ? big : small).addEntry(wait);
      }
    }
    StructType schema = new StructType().add("person_id", DataTypes.StringType).add("ward", DataTypes.StringType)
        .add("wait_days", DataTypes.DoubleType);
    List<Row> released = SparkDpQuery.on(spark.createDataFrame(rows, schema)).privacyUnit("person_id")
        .groupBy("ward").publicGroups(spark.createDataFrame(List.of(RowFactory.create("big"),
            RowFactory.create("small")), new StructType().add("ward", DataTypes.StringType)))
        .quantiles("wait_days", 0, 365, List.of(0.1, 0.5, 0.999), "wait").epsilon(1)
        .noiseForTesting(ZeroNoise.SOURCE).build().run().collectAsList();

    assertThat(released).hasSize(2);
    for (Row row : released) {
      BoundedQuantiles expected = row.getString(0).equals("big") ? big : small;
      int column = 1;
      for (double rank : List.of(0.1, 0.5, 0.999)) {
        double quantile = expected.computeResult(rank);
        ConfidenceInterval interval = expected.computeConfidenceInterval(rank, 0.05);
        assertThat(row.getDouble(column)).as("%s at %s", row.getString(0), rank).isEqualTo(quantile);
        assertThat(row.getDouble(column + 1)).isEqualTo(interval.lowerBound());
        assertThat(row.getDouble(column + 2)).isEqualTo(interval.upperBound());
        column += 3;
      }
    }
  }

  @Test
  void nullPrivacyUnitsAreDropped_nullValuesIgnoredButCounted() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(RowFactory.create(null, "g0", 50.0));
    }
    for (int i = 0; i < 20; i++) {
      rows.add(RowFactory.create("p" + i, "g0", i < 5 ? null : 2.0));
    }
    StructType schema = new StructType().add("person_id", DataTypes.StringType).add("g", DataTypes.StringType)
        .add("amount", DataTypes.DoubleType);
    Row row = SparkDpQuery.on(spark.createDataFrame(rows, schema)).privacyUnit("person_id").groupBy("g")
        .publicGroups(spark.createDataFrame(rows, schema).select("g")).count("n").sum("amount", 0, 100, "total")
        .mean("amount", 0, 100, "average").epsilon(1).noiseForTesting(ZeroNoise.SOURCE).build().run().first();
    assertThat(row.getLong(1)).isEqualTo(20);
    assertThat(row.getDouble(4)).isEqualTo(30.0);
    assertThat(row.getDouble(7)).isEqualTo(2.0);
  }

  @Test
  void publicGroups_eachListedGroupOnce_noOther_withDuplicatesAndExtraColumns() {
    // Listed: d0/a0 twice, d1/a1, and z9/a0, absent from the data; d2 is in the data but not listed.
    Dataset<Row> keys = spark.createDataFrame(List.of(RowFactory.create("d0", "a0", 1), RowFactory.create("d0", "a0", 2),
        RowFactory.create("d1", "a1", 3), RowFactory.create("z9", "a0", 4)), new StructType()
        .add("district", DataTypes.StringType).add("age_band", DataTypes.StringType).add("note", DataTypes.IntegerType));
    SparkDpQuery query = SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district", "age_band")
        .publicGroups(keys).count("claims").epsilon(1).build();
    assertThat(query.selectionStrategy()).isEqualTo(SelectionStrategy.PUBLIC_KEYS);
    List<String> groups = query.run().collectAsList().stream().map(r -> r.getString(0) + "/" + r.getString(1))
        .collect(Collectors.toList());
    assertThat(groups).containsExactly("d0/a0", "d1/a1", "z9/a0");
  }

  @Test
  void privateSelection_groupsOfOnePersonAreNotReleased() {
    // 30 single-person groups beside the six large ones (about 1,600 people each, kept with pi = 1): a
    // single-person group is kept with probability pi(1) = delta_sel / L0 = 5e-7 (count only: the selection
    // gets all of delta = 1e-6; L0 = 2), so all 30 stay out except with probability 1.5e-5.
    Dataset<Row> single = spark.range(30).selectExpr("concat('solo', id) as person_id", "concat('s', id) as district",
        "'a0' as age_band", "1.0 as amount", "1 as wait_days");
    SparkDpQuery query = SparkDpQuery.on(claims.unionByName(single)).privacyUnit("person_id")
        .groupBy("district", "age_band").maxGroupsContributed(2).count("claims").epsilon(1).delta(1e-6).build();
    assertThat(query.selectionStrategy()).isEqualTo(SelectionStrategy.OPTIMAL_KEEP_PROBABILITY);
    assertThat(query.run().collectAsList()).hasSize(6)
        .allSatisfy(row -> assertThat(row.getString(0)).startsWith("d"));
  }

  @Test
  void columnNamesWithDotsSpacesAndBackticks_areTakenLiterally() {
    Dataset<Row> data = claims.selectExpr("person_id as `person id`", "district as `district.name`",
        "amount as `amount ``eur```");
    List<Row> rows = SparkDpQuery.on(data).privacyUnit("person id").groupBy("district.name")
        .publicGroups(data.select("`district.name`")).sum("amount `eur`", 0, 5_000, "total amount").epsilon(1)
        .noiseForTesting(ZeroNoise.SOURCE).build().run().collectAsList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).schema().fieldNames()).containsExactly("district.name", "total amount",
        "total amount_lower", "total amount_upper");
  }

  @Test
  void gaussianNoise_spendsAShareOfDeltaPerOutput() {
    SparkDpQuery query = readmeQuery().noise(MechanismType.GAUSSIAN).build();
    // Private selection (optimal, L0 = 2) and four outputs: eps / 5 each; delta / 5 each.
    BudgetSplit split = query.spec().split();
    assertThat(split.outputEpsilon()).isEqualTo(1.0 / 5);
    assertThat(split.selectionEpsilon()).isEqualTo(1.0 / 5);
    assertThat(split.outputDelta()).isEqualTo(1e-6 / 5);
    assertThat(split.selectionDelta()).isEqualTo(1e-6 / 5);
    assertThat(query.run().collectAsList()).hasSize(6);
  }

  @Test
  void laplaceNoise_withPublicGroups_spendsNoDelta() {
    BudgetSplit split = readmeQuery().publicGroups(claims.select("district", "age_band")).build().spec().split();
    assertThat(split.outputEpsilon()).isEqualTo(1.0 / 4);
    assertThat(split.outputDelta()).isZero();
    assertThat(split.selectionDelta()).isZero();
  }
}
