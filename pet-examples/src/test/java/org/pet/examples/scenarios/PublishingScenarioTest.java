package org.pet.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.csv.CsvFile;
import org.pet.examples.csv.CsvRow;

class PublishingScenarioTest {

  @TempDir
  Path directory;

  /**
   * Tolerance: at least 90% of the published numbers within their 95% bound, for each of five seeds (the
   * noise is seeded, so each run is deterministic; with independent 95% bounds the expected fraction is
   * at least 0.95, and derived totals' union bounds are wider still).
   */
  @Test
  void run_publishedNumbersAreWithinTheirErrorBounds() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      ScenarioResult result = new PublishingScenario().writingTo(directory.resolve(seed + ".csv"))
          .run(new PrintWriter(new StringWriter()), seed);
      assertThat(result.estimates()).as("seed %d", seed).hasSizeGreaterThan(20);
      assertThat(result.fractionWithinBound()).as("seed %d", seed).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void run_writesTheTableWithSuppressionAndRounding_andPrintsItBesideTheTruth() throws Exception {
    Path file = directory.resolve("table.csv");
    StringWriter printed = new StringWriter();
    new PublishingScenario().writingTo(file).run(new PrintWriter(printed, true), 2026);

    CsvFile table = CsvFile.read("table", file);
    assertThat(table.header()).containsExactly("district", "age_band", "count", "count_error", "sum", "sum_error",
        "flags");
    long suppressed = table.rows().stream().filter(row -> row.text(2).equals("[c]")).count();
    assertThat(suppressed).isPositive();
    for (CsvRow row : table.rows()) {
      if (!row.text(2).equals("[c]")) {
        assertThat(row.integer(2) % PublishingScenario.ROUNDING_BASE).isZero();
        assertThat(row.integer(4) % PublishingScenario.SUM_ROUNDING_BASE).isZero();
      }
    }
    assertThat(table.rows().get(table.rows().size() - 1).fields().subList(0, 2)).containsExactly("Total", "Total");
    assertThat(printed.toString()).contains("Wrote the table to " + file).contains("Westbrook").contains("[c]")
        .containsPattern("\\d+ of \\d+ published numbers are within their 95% bound");
  }

  @Test
  void run_withoutOutput_writesATemporaryFile() throws Exception {
    StringWriter printed = new StringWriter();
    new PublishingScenario().run(new PrintWriter(printed, true), 3);
    String line = printed.toString().lines().filter(l -> l.startsWith("Wrote the table to ")).findFirst().orElseThrow();
    Path file = Path.of(line.substring("Wrote the table to ".length()));
    assertThat(file).exists();
    Files.delete(file);
  }
}
