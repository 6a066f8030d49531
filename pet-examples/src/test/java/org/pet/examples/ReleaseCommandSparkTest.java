package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.csv.CsvFile;
import org.pet.examples.csv.CsvRow;

/** {@code pet release --engine spark}: the same release through pet-spark, on local[2]. */
class ReleaseCommandSparkTest {

  @TempDir
  Path directory;

  @Test
  void release_onSpark_publishesTheCategoriesWithSuppressionAndRounding() throws Exception {
    // 200 people in north, 120 in south, 4 in tiny, 50 in other (not a category).
    StringBuilder csv = new StringBuilder("person,district\n");
    int person = 0;
    for (String[] group : new String[][] {{"north", "200"}, {"south", "120"}, {"tiny", "4"}, {"other", "50"}}) {
      for (int i = 0; i < Integer.parseInt(group[1]); i++) {
        csv.append("p").append(person++).append(',').append(group[0]).append('\n');
      }
    }
    Path input = Files.writeString(directory.resolve("data.csv"), csv);
    Path output = directory.resolve("table.csv");

    Cli.Result result = Cli.run("release", "--engine", "spark", "--master", "local[2]", "--input", input.toString(),
        "--group-by", "district", "--unit", "person", "--epsilon", "1e6", "--categories", "district=north,south,tiny",
        "--min-cell", "10", "--round-to", "5", "--output", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("wrote 4 rows (1 suppressed)");
    CsvFile table = CsvFile.read("--output", output);
    assertThat(table.header()).containsExactly("district", "count", "count_error", "flags");
    List<List<String>> rows = new ArrayList<>();
    for (CsvRow row : table.rows()) {
      rows.add(List.of(row.text(0), row.text(1), row.text(3)));
    }
    assertThat(rows).containsExactly(List.of("north", "200", ""), List.of("south", "120", ""),
        List.of("tiny", "[c]", "suppressed"), List.of("Total", "320", "derived-total"));
  }

  @Test
  void release_onSparkWithOptionsItCannotHonour_failsWithExitCode2() {
    Cli.run("release", "--engine", "spark", "--input", "any.csv", "--group-by", "d", "--epsilon", "1", "--delta",
        "1e-6", "--seed", "1").failed(2, "pet release", "--engine spark releases with secure laplace noise");
  }

  @Test
  void sparkAvailability_withoutSpark_saysHowToRunIt() throws Exception {
    try (URLClassLoader noSpark = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> SparkAvailability.require(noSpark)).isInstanceOf(UsageException.class)
          .hasMessageContaining("spark-submit --class org.pet.spark.ReleaseJob")
          .hasMessageContaining("SPARK_HOME");
    }
    SparkAvailability.require(getClass().getClassLoader());
  }
}
