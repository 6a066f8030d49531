package org.pet.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        .containsPattern("\\d+ of \\d+ published numbers within the predicted 95% bound of the truth");
  }

  /**
   * Beside a derived total the truth is the true total of every cell it covers, suppressed ones included;
   * the scenario names the suppressed cells and what the total leaves out. (Seed 2026 suppresses two of
   * Westbrook's cells: the table's Westbrook total adds 51 of its 60 residents.)
   */
  @Test
  void run_derivedTotal_showsTheTrueTotalAndNamesTheSuppressedCells() throws Exception {
    Path file = directory.resolve("table.csv");
    StringWriter printed = new StringWriter();
    ScenarioResult result = new PublishingScenario().writingTo(file).run(new PrintWriter(printed, true), 2026);

    List<Residents.Resident> westbrook = Residents.generate(2026, PublishingScenario.RESIDENTS).residents().stream()
        .filter(resident -> resident.district().equals("Westbrook")).toList();
    List<String> suppressed = CsvFile.read("table", file).rows().stream()
        .filter(row -> row.text(2).equals("[c]") && !row.fields().contains("Total"))
        .map(row -> row.text(0) + " / " + row.text(1)).toList();
    assertThat(suppressed).isNotEmpty().allMatch(cell -> cell.startsWith("Westbrook / "));
    List<Residents.Resident> published = westbrook.stream()
        .filter(resident -> !suppressed.contains("Westbrook / " + resident.ageBand())).toList();
    assertThat(published.size()).isLessThan(westbrook.size());

    String total = printed.toString().lines().filter(line -> line.startsWith("Westbrook   Total")).findFirst()
        .orElseThrow();
    assertThat(total.split(" +")[3]).as(total).isEqualTo(Integer.toString(westbrook.size()));
    assertThat(printed.toString())
        .contains("Suppressed (noisy count below 10; neither count nor income published): "
            + String.join(", ", suppressed) + "\n")
        .contains("  Westbrook / Total: true total " + westbrook.size() + " residents, income "
            + Math.round(income(westbrook)) + "; its published cells hold " + published.size() + ", income "
            + Math.round(income(published)) + "\n");
    // The bound is about the cells the total adds, and is checked against them.
    Estimate count = result.estimates().stream()
        .filter(estimate -> estimate.label().equals("Westbrook / Total: count (of its published cells)"))
        .findFirst().orElseThrow();
    assertThat(count.truth()).isEqualTo(published.size());
  }

  private static double income(List<Residents.Resident> residents) {
    return residents.stream().mapToDouble(r -> Math.min(PublishingScenario.MAX_WEEKLY_INCOME, r.weeklyIncome()))
        .sum();
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
