package org.pet.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Not a test: runs the README's query on generated claims and prints the wall-clock time, for checking
 * that the release scales (e.g. 10^7 rows on local[2], or 10^8 with default driver memory).
 *
 * <pre>
 * java [Spark's --add-opens options] -cp ... org.pet.spark.SparkDpQueryScaleCheck ROWS [public|private] [explain]
 * </pre>
 * Claims: ROWS rows by ROWS / 5 people, 50 districts x 10 age bands, amounts uniform in [0, 6000), waits
 * in [0, 400) days.
 */
public final class SparkDpQueryScaleCheck {

  private SparkDpQueryScaleCheck() {}

  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    boolean publicGroups = args.length < 2 || args[1].equals("public");
    boolean explain = args.length > 2 && args[2].equals("explain");
    SparkSession spark = SparkSession.builder().master(System.getProperty("master", "local[2]"))
        .appName("scale-check").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> claims = spark.range(rows).selectExpr(
          "id % " + Math.max(1, rows / 5) + " as person_id",
          "concat('d', pmod(xxhash64(id, 1), 50)) as district",
          "concat('a', pmod(xxhash64(id, 2), 10)) as age_band",
          "rand(1) * 6000 as amount",
          "cast(rand(2) * 400 as int) as wait_days");
      SparkDpQuery.Builder query = SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district", "age_band")
          .maxGroupsContributed(2).maxContributionsPerGroup(1)
          .count("claims").sum("amount", 0, 5_000, "total").mean("amount", 0, 5_000, "average")
          .quantiles("wait_days", 0, 365, List.of(0.5, 0.9), "wait")
          .epsilon(1.0).delta(1e-6);
      if (publicGroups) {
        query.publicGroups(spark.range(500).selectExpr("concat('d', id % 50) as district",
            "concat('a', cast(id / 50 as int)) as age_band"));
      }
      SparkDpQuery built = query.build();
      if (explain) {
        built.plan().explain("formatted");
      }
      long start = System.nanoTime();
      Dataset<Row> released = built.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      released.show(5, false);
      System.out.printf("%d rows, %s groups: released %d groups in %.1f s (max heap %d MiB)%n", rows,
          publicGroups ? "public" : "private", released.count(), seconds,
          Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      spark.stop();
    }
  }
}
