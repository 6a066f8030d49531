package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pet.dp.MechanismType;

/**
 * Bad input fails at the setter or at build(), with an IllegalArgumentException naming the parameter or
 * column, and before any Spark job runs (a listener counts job starts; each test checks there were none).
 */
class SparkDpQueryValidationTest {

  private static SparkSession spark;
  private static Dataset<Row> claims;
  private static final AtomicInteger JOBS = new AtomicInteger();

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("SparkDpQueryValidationTest");
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        JOBS.incrementAndGet();
      }
    });
    claims = spark.range(10).selectExpr("cast(id as string) as person_id", "'d' as district", "'a' as age_band",
        "cast(id as double) as amount", "cast(id as int) as wait_days", "'x' as note",
        "map('k', id) as tags", "cast(id as decimal(10, 2)) as price");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void countJobsFromHere() throws TimeoutException {
    spark.sparkContext().listenerBus().waitUntilEmpty();
    JOBS.set(0);
  }

  @AfterEach
  void noJobRan() throws TimeoutException {
    spark.sparkContext().listenerBus().waitUntilEmpty();
    assertThat(JOBS.get()).as("Spark jobs started by a failing build").isZero();
  }

  /** A valid query with public groups; each test breaks one thing. */
  private static SparkDpQuery.Builder valid() {
    return SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district", "age_band")
        .count("claims").epsilon(1).delta(1e-6);
  }

  private static void assertRejected(Supplier<?> build, String... fragments) {
    assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(Arrays.asList(fragments)));
  }

  @Test
  void valid_builds() {
    assertThat(valid().build().schema().fieldNames())
        .containsExactly("district", "age_band", "claims", "claims_lower", "claims_upper");
  }

  @Test
  void on_nullData_rejected() {
    assertRejected(() -> SparkDpQuery.on(null), "`data`");
  }

  @Test
  void privacyUnit_unset_rejected() {
    assertRejected(() -> SparkDpQuery.on(claims).groupBy("district").count("claims").epsilon(1).delta(1e-6)
        .build(), "`privacyUnit`", "unset");
  }

  @Test
  void privacyUnit_missingColumn_rejected() {
    assertRejected(() -> valid().privacyUnit("person").build(), "`privacyUnit`", "\"person\"", "person_id");
  }

  @Test
  void privacyUnit_blank_rejected() {
    assertRejected(() -> valid().privacyUnit(" "), "`privacyUnit`");
  }

  @Test
  void privacyUnit_differentCase_rejected() {
    assertRejected(() -> valid().privacyUnit("PERSON_ID").build(), "`privacyUnit`", "\"PERSON_ID\"");
  }

  @Test
  void groupBy_unset_rejected() {
    assertRejected(() -> SparkDpQuery.on(claims).privacyUnit("person_id").count("claims").epsilon(1).delta(1e-6)
        .build(), "`groupBy`", "unset");
  }

  @Test
  void groupBy_none_rejected() {
    assertRejected(() -> valid().groupBy(), "`groupBy`", "at least one column");
  }

  @Test
  void groupBy_duplicate_rejected() {
    assertRejected(() -> valid().groupBy("district", "district"), "`groupBy`", "distinct");
  }

  @Test
  void groupBy_missingColumn_rejected() {
    assertRejected(() -> valid().groupBy("district", "region").build(), "`groupBy`", "\"region\"");
  }

  @Test
  void groupBy_mapColumn_rejected() {
    assertRejected(() -> valid().groupBy("tags").build(), "`groupBy`", "atomic type", "\"tags\" of type map");
  }

  @Test
  void privacyUnit_structColumn_rejected() {
    assertRejected(() -> SparkDpQuery.on(claims.selectExpr("named_struct('id', person_id) as who", "district")).privacyUnit("who")
        .groupBy("district").count("n").epsilon(1).delta(1e-6).build(), "`privacyUnit`", "atomic type",
        "\"who\" of type struct");
  }

  @Test
  void maxGroupsContributed_zero_rejected() {
    assertRejected(() -> valid().maxGroupsContributed(0), "`maxGroupsContributed`", "was 0");
  }

  @Test
  void maxContributionsPerGroup_negative_rejected() {
    assertRejected(() -> valid().maxContributionsPerGroup(-1), "`maxContributionsPerGroup`", "was -1");
  }

  @Test
  void outputs_none_rejected() {
    assertRejected(() -> SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district").epsilon(1)
        .delta(1e-6).build(), "`outputs`", "none");
  }

  @Test
  void outputs_duplicateName_rejected() {
    assertRejected(() -> valid().sum("amount", 0, 10, "claims").build(), "`name`", "\"claims\" twice");
  }

  @Test
  void outputs_columnClashingWithAGroupColumn_rejected() {
    Dataset<Row> data = claims.withColumnRenamed("age_band", "claims_lower");
    assertRejected(() -> SparkDpQuery.on(data).privacyUnit("person_id").groupBy("district", "claims_lower")
        .count("claims").epsilon(1).delta(1e-6).build(), "`name` of `claims`", "\"claims_lower\"");
  }

  @Test
  void outputs_columnClashingWithAnotherOutputsColumn_rejected() {
    assertRejected(() -> valid().quantiles("wait_days", 0, 365, List.of(0.5), "w").count("w_p50").build(),
        "`name` of `w_p50`", "\"w_p50\"");
  }

  @Test
  void count_blankName_rejected() {
    assertRejected(() -> valid().count(""), "`name`");
  }

  @Test
  void sum_missingColumn_rejected() {
    assertRejected(() -> valid().sum("amt", 0, 10, "total").build(), "`column` of `total`", "\"amt\"");
  }

  @Test
  void sum_stringColumn_rejected() {
    assertRejected(() -> valid().sum("note", 0, 10, "total").build(), "`column` of `total`", "numeric",
        "\"note\" of type string");
  }

  @Test
  void mean_stringColumn_rejected() {
    assertRejected(() -> valid().mean("note", 0, 10, "average").build(), "`column` of `average`", "numeric");
  }

  @Test
  void quantiles_stringColumn_rejected() {
    assertRejected(() -> valid().quantiles("note", 0, 10, List.of(0.5), "wait").build(), "`column` of `wait`",
        "numeric");
  }

  @Test
  void sum_decimalColumn_accepted() {
    assertThat(valid().sum("price", 0, 10, "total").build().schema().fieldNames()).contains("total");
  }

  @Test
  void sum_boundsReversed_rejected() {
    assertRejected(() -> valid().sum("amount", 5_000, 0, "total"), "`upper` of `total`", "> `lower` (5000.0)",
        "was 0.0");
  }

  @Test
  void mean_boundsEqual_rejected() {
    assertRejected(() -> valid().mean("amount", 1, 1, "average"), "`upper` of `average`");
  }

  @Test
  void sum_lowerNaN_rejected() {
    assertRejected(() -> valid().sum("amount", Double.NaN, 1, "total"), "`lower` of `total`", "finite");
  }

  @Test
  void quantiles_upperInfinite_rejected() {
    assertRejected(() -> valid().quantiles("wait_days", 0, Double.POSITIVE_INFINITY, List.of(0.5), "wait"),
        "`upper` of `wait`", "finite");
  }

  @Test
  void sum_widthOverflows_rejected() {
    assertRejected(() -> valid().sum("amount", -Double.MAX_VALUE, Double.MAX_VALUE, "total"),
        "`upper` of `total`", "finite width");
  }

  @Test
  void sum_boundsPetCoreCannotNoise_rejected() {
    assertRejected(() -> valid().sum("amount", 0, 1e300, "total").build(), "output `total`");
  }

  @Test
  void quantiles_noRanks_rejected() {
    assertRejected(() -> valid().quantiles("wait_days", 0, 365, List.of(), "wait"), "`ranks` of `wait`");
  }

  @Test
  void quantiles_rankAboveOne_rejected() {
    assertRejected(() -> valid().quantiles("wait_days", 0, 365, List.of(0.5, 1.5), "wait"), "`ranks` of `wait`",
        "in [0, 1]", "1.5");
  }

  @Test
  void quantiles_rankNaN_rejected() {
    assertRejected(() -> valid().quantiles("wait_days", 0, 365, List.of(Double.NaN), "wait"), "`ranks` of `wait`");
  }

  @Test
  void quantiles_duplicateRanks_rejected() {
    assertRejected(() -> valid().quantiles("wait_days", 0, 365, List.of(0.5, 0.50), "wait"), "`ranks` of `wait`",
        "distinct");
  }

  @Test
  void epsilon_unset_rejected() {
    assertRejected(() -> SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district").count("claims")
        .delta(1e-6).build(), "`epsilon`", "unset");
  }

  @Test
  void epsilon_zero_rejected() {
    assertRejected(() -> valid().epsilon(0), "`epsilon`", "finite and > 0", "was 0.0");
  }

  @Test
  void epsilon_negative_rejected() {
    assertRejected(() -> valid().epsilon(-1), "`epsilon`");
  }

  @Test
  void epsilon_nan_rejected() {
    assertRejected(() -> valid().epsilon(Double.NaN), "`epsilon`", "was NaN");
  }

  @Test
  void epsilon_infinite_rejected() {
    assertRejected(() -> valid().epsilon(Double.POSITIVE_INFINITY), "`epsilon`");
  }

  @Test
  void delta_missingWithoutPublicGroups_rejected() {
    assertRejected(() -> SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district").count("claims")
        .epsilon(1).build(), "`delta`", "private partition selection");
  }

  @Test
  void delta_missingWithPublicGroupsAndLaplace_accepted() {
    assertThat(SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district").count("claims").epsilon(1)
        .publicGroups(claims.select("district")).build().selectionStrategy().name()).isEqualTo("PUBLIC_KEYS");
  }

  @Test
  void delta_missingWithGaussianNoise_rejected() {
    assertRejected(() -> SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district").count("claims")
        .epsilon(1).publicGroups(claims.select("district")).noise(MechanismType.GAUSSIAN).build(), "`delta`",
        "GAUSSIAN");
  }

  @Test
  void delta_negative_rejected() {
    assertRejected(() -> valid().delta(-1e-6), "`delta`", "in [0, 1)");
  }

  @Test
  void delta_one_rejected() {
    assertRejected(() -> valid().delta(1), "`delta`", "in [0, 1)");
  }

  @Test
  void noise_discrete_rejected() {
    assertRejected(() -> valid().noise(MechanismType.DISCRETE_LAPLACE), "`noise`", "LAPLACE or GAUSSIAN");
  }

  @Test
  void publicGroups_null_rejected() {
    assertRejected(() -> valid().publicGroups(null), "`publicGroups`");
  }

  @Test
  void publicGroups_missingGroupColumn_rejected() {
    assertRejected(() -> valid().publicGroups(claims.select("district")).build(), "`publicGroups`",
        "\"age_band\"");
  }

  @Test
  void publicGroups_otherType_rejected() {
    Dataset<Row> keys = claims.selectExpr("district", "1 as age_band");
    assertRejected(() -> valid().publicGroups(keys).build(), "`publicGroups`", "string", "\"age_band\"", "int");
  }
}
