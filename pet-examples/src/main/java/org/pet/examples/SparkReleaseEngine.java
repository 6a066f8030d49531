package org.pet.examples;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.pet.publish.ReleaseCell;
import org.pet.spark.SparkReleaseTable;

/**
 * {@code pet release --engine spark}: the release on Spark ({@link SparkReleaseTable}), in a session with
 * the given master that this class starts and stops. Only loaded once {@link SparkAvailability} has found
 * Spark on the classpath.
 */
final class SparkReleaseEngine {

  private SparkReleaseEngine() {}

  /**
   * Reads the CSV {@code input} (header row) in a Spark session on {@code master} and releases the table.
   *
   * @throws UsageException if the table's parameters do not fit the data (e.g. a missing column)
   */
  static ReleaseCommand.Released release(String master, String input, SparkReleaseTable.Builder table) {
    SparkSession spark = SparkSession.builder().master(master).appName("pet release")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      SparkReleaseTable built;
      try {
        built = table.build(spark.read().option("header", "true").csv(input));
      } catch (IllegalArgumentException e) {
        throw new UsageException("invalid table parameters: " + e.getMessage(), e);
      }
      List<ReleaseCell> rows = built.release();
      return new ReleaseCommand.Released(rows, built.toCsv());
    } finally {
      spark.stop();
    }
  }
}
