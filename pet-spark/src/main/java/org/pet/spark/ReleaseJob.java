package org.pet.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pet.publish.ReleaseCell;

/**
 * {@code spark-submit --class org.pet.spark.ReleaseJob pet-spark-job.jar ...}: a disclosure-controlled
 * differentially private table ({@link SparkReleaseTable}) of a CSV (with a header row) or Parquet input on
 * any Spark path, written as CSV or Parquet ({@link ReleaseWriter}). The options mirror {@code pet release}
 * ({@link JobOptions#USAGE}).
 *
 * <p>Exit codes: 0 after writing the table; 2 for a bad command line (checked before a Spark session
 * starts), an input or column that does not exist or an output path that already exists (checked before
 * any Spark job reads the data - reading a CSV header is the one exception), with nothing written; 1 for
 * any other failure. The master comes from {@code spark-submit} unless {@code --master} is given.
 */
public final class ReleaseJob {

  private ReleaseJob() {}

  /** Runs the job and exits with its code; stops the Spark session it used. */
  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out, System.err);
    } finally {
      SparkSession.getDefaultSession().foreach(session -> {
        session.stop();
        return null;
      });
    }
    System.exit(code);
  }

  /**
   * Runs the job in the current (or a new) Spark session, which it leaves running.
   *
   * @return the exit code: 0 done, 2 bad arguments or paths (nothing written)
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    JobOptions options;
    try {
      options = JobOptions.parse(args);
    } catch (JobOptions.UsageException e) {
      err.println("pet-spark ReleaseJob: " + e.getMessage());
      err.println(JobOptions.USAGE);
      return 2;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("pet release");
    if (options.master() != null) {
      builder.master(options.master());
    }
    SparkSession spark = builder.getOrCreate();
    SparkReleaseTable table;
    try {
      if (ReleaseWriter.exists(spark, options.output())) {
        err.println("pet-spark ReleaseJob: --output " + options.output() + " already exists; it is never overwritten");
        return 2;
      }
      table = options.table().build(read(spark, options));
    } catch (IllegalArgumentException e) {
      err.println("pet-spark ReleaseJob: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check --output " + options.output(), e);
    }
    List<ReleaseCell> rows = table.release();
    try {
      ReleaseWriter.write(spark, table, rows, options.output(), options.outputFormat());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write --output " + options.output(), e);
    }
    long suppressed = rows.stream().filter(ReleaseCell::suppressed).count();
    out.printf("wrote %d rows (%d suppressed) to %s%n", rows.size(), suppressed, options.output());
    return 0;
  }

  /** The input, lazily; a missing path or an unreadable header fails here, as IllegalArgumentException. */
  private static Dataset<Row> read(SparkSession spark, JobOptions options) {
    try {
      if (options.format().equals("parquet")) {
        return spark.read().parquet(options.input());
      }
      return spark.read().option("header", "true").csv(options.input());
    } catch (Exception e) {
      // Spark's AnalysisException is checked in Java's eyes but not declared by Scala methods.
      if (e instanceof AnalysisException) {
        throw new IllegalArgumentException("cannot read --input " + options.input() + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }
}
