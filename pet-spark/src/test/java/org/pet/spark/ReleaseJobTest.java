package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReleaseJob}: its command line, bad inputs, and a release over CSV and Parquet on local[2]. */
class ReleaseJobTest {

  /** So large that the noise is far below every rounding step. */
  private static final String EXACT = "1e6";

  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static Path csv;
  private static Path parquet;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.start("ReleaseJobTest");
    // Region A: 50 people, B: 3, C: 30, X (not a category): 20; each person has one row with amount 10.
    List<String> lines = new ArrayList<>(List.of("person,region,amount"));
    int person = 0;
    for (String[] group : new String[][] {{"A", "50"}, {"B", "3"}, {"C", "30"}, {"X", "20"}}) {
      for (int i = 0; i < Integer.parseInt(group[1]); i++) {
        lines.add("p" + person++ + "," + group[0] + ",10");
      }
    }
    csv = dir.resolve("in.csv");
    Files.write(csv, lines);
    parquet = dir.resolve("in.parquet");
    spark.read().option("header", "true").csv(csv.toString()).selectExpr("person", "region",
        "cast(amount as int) as amount").write().parquet(parquet.toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private int run(String... args) {
    return ReleaseJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String[] args(Path input, String format, Path output, String outputFormat, String... more) {
    List<String> all = new ArrayList<>(List.of("--input", input.toString(), "--format", format, "--output",
        output.toString(), "--output-format", outputFormat, "--unit", "person", "--group-by", "region",
        "--value", "amount", "--lower", "0", "--upper", "100", "--epsilon", EXACT, "--categories", "region=A,B,C",
        "--min-cell", "10", "--round-to", "5"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void csvToCsv_appliesTheDisclosureRulesToTheCategoriesOnly() throws IOException {
    Path output = dir.resolve("out.csv");

    assertThat(run(args(csv, "csv", output, "csv"))).as(err.toString()).isZero();

    assertThat(Files.readString(output)).isEqualTo(String.join("\r\n",
        "region,count,count_error,sum,sum_error,flags",
        "A,50,3,500,1,",
        "B,[c],,[c],,suppressed",
        "C,30,3,300,1,",
        "Total,80,6,800,2,derived-total", ""));
    assertThat(out.toString()).contains("wrote 4 rows (1 suppressed)");
  }

  /** Epsilon 50, not {@link #EXACT}: pet-core's optimal keep probability is NaN for epsilon above ~709. */
  @Test
  void withoutCategories_selectsGroupsPrivatelyAndSortsThem() throws IOException {
    Path output = dir.resolve("selected.csv");

    assertThat(run("--input", csv.toString(), "--output", output.toString(), "--group-by", "region",
        "--epsilon", "50", "--delta", "1e-6", "--min-cell", "10", "--totals", "none")).as(err.toString()).isZero();

    List<String> lines = Files.readAllLines(output);
    assertThat(lines.get(0)).isEqualTo("region,count,count_error,flags");
    assertThat(lines).contains("A,50,1,", "C,30,1,", "X,20,1,").allMatch(line -> !line.startsWith("Total"));
  }

  @Test
  void parquetToParquet_writesTypedColumnsWithNullsForSuppressedRows() {
    Path output = dir.resolve("out.parquet");

    assertThat(run(args(parquet, "parquet", output, "parquet", "--totals", "none"))).as(err.toString()).isZero();

    List<Row> rows = spark.read().parquet(output.toString()).orderBy("region").collectAsList();
    assertThat(spark.read().parquet(output.toString()).columns())
        .containsExactly("region", "count", "count_error", "sum", "sum_error", "flags");
    assertThat(rows).extracting(r -> r.getString(0)).containsExactly("A", "B", "C");
    assertThat(rows.get(0).<Long>getAs("count")).isEqualTo(50L);
    assertThat(rows.get(1).isNullAt(1)).isTrue();
    assertThat(rows.get(1).<String>getAs("flags")).isEqualTo("suppressed");
  }

  @Test
  void badArguments_exit2WithAMessageAndWriteNothing() throws IOException {
    Path output = dir.resolve("never");
    List<String[]> bad = List.of(
        new String[] {"--input", csv.toString(), "--group-by", "region", "--epsilon", "1", "--output",
            output.toString()}, // private selection without --delta
        args(csv, "csv", output, "csv", "--totals", "independent"),
        args(csv, "csv", output, "xml"),
        args(csv, "csv", output, "csv", "--min-cell", "-1"),
        args(csv, "csv", output, "csv", "--bogus", "1"),
        args(csv, "csv", output, "csv", "--epsilon"),
        args(dir.resolve("missing.csv"), "csv", output, "csv"),
        args(csv, "csv", output, "csv", "--unit", "nobody"),
        args(csv, "csv", csv, "csv"));

    for (String[] arguments : bad) {
      err.reset();
      assertThat(run(arguments)).as(String.join(" ", arguments)).isEqualTo(2);
      assertThat(err.toString()).startsWith("pet-spark ReleaseJob: ");
    }
    assertThat(output).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("never");
    }
  }
}
