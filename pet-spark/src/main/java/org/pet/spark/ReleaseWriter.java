package org.pet.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.pet.publish.ReleaseCell;

/**
 * Writes a released {@link SparkReleaseTable} to a Spark (Hadoop) path: CSV as one file holding
 * {@code ReleaseTable}'s CSV, byte for byte; Parquet as a directory of one file with the same columns typed
 * - group columns and {@code flags} strings, {@code count}, {@code count_error}, {@code sum},
 * {@code sum_error} longs, null when suppressed. Never overwrites.
 */
final class ReleaseWriter {

  /** The output formats. */
  enum Format {
    CSV, PARQUET
  }

  private ReleaseWriter() {}

  /** Whether {@code path} already exists, so that a job can refuse before it runs. */
  static boolean exists(SparkSession spark, String path) throws IOException {
    Path target = new Path(path);
    return target.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(target);
  }

  static void write(SparkSession spark, SparkReleaseTable table, List<ReleaseCell> released, String path,
      Format format) throws IOException {
    if (format == Format.CSV) {
      Path target = new Path(path);
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(target, false)) {
        out.write(table.toCsv().getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    List<StructField> fields = new ArrayList<>();
    table.columns().forEach(c -> fields.add(DataTypes.createStructField(c, DataTypes.StringType, false)));
    List<String> numbers = table.hasSums() ? List.of("count", "count_error", "sum", "sum_error")
        : List.of("count", "count_error");
    numbers.forEach(c -> fields.add(DataTypes.createStructField(c, DataTypes.LongType, true)));
    fields.add(DataTypes.createStructField("flags", DataTypes.StringType, false));
    List<Row> rows = new ArrayList<>();
    for (ReleaseCell cell : released) {
      List<Object> values = new ArrayList<>(cell.key());
      values.add(cell.count().isPresent() ? cell.count().getAsLong() : null);
      values.add(cell.countErrorBound().isPresent() ? cell.countErrorBound().getAsLong() : null);
      if (table.hasSums()) {
        values.add(cell.sum().isPresent() ? cell.sum().getAsLong() : null);
        values.add(cell.sumErrorBound().isPresent() ? cell.sumErrorBound().getAsLong() : null);
      }
      List<String> codes = new ArrayList<>();
      cell.flags().forEach(flag -> codes.add(flag.code()));
      values.add(String.join(";", codes));
      rows.add(RowFactory.create(values.toArray()));
    }
    spark.createDataFrame(rows, DataTypes.createStructType(fields)).coalesce(1).write().mode(SaveMode.ErrorIfExists)
        .parquet(path);
  }
}
