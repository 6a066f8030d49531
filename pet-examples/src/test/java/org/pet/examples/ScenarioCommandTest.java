package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandTest {

  @TempDir
  Path directory;

  @Test
  void list_namesEveryScenarioWithItsDescription() {
    Cli.Result result = Cli.run("scenario", "--list").succeeded();
    assertThat(result.out()).containsPattern("(?m)^access-point +A researcher")
        .containsPattern("(?m)^publishing +A council publishes")
        .containsPattern("(?m)^data-linkage +A council and an NHS trust count children");
  }

  @Test
  void publishing_withOutputAndSeed_writesTheTable() {
    Path file = directory.resolve("published.csv");
    Cli.Result result = Cli.run("scenario", "publishing", "--seed", "9", "--output", file.toString()).succeeded();
    assertThat(file).exists();
    assertThat(result.out()).contains("seed 9").contains("Wrote the table to " + file);
    assertThat(lastLine(result)).matches("\\d+ of \\d+ published numbers within the predicted 95% bound of the "
        + "truth \\(for a derived total, the truth of the published cells it adds\\)");
  }

  @Test
  void accessPoint_runsToTheRefusal() {
    Cli.Result result = Cli.run("scenario", "access-point", "--seed", "3").succeeded();
    assertThat(result.out()).contains("number of claimants").contains("claimants in London").contains("Refused:")
        .contains("Final budget: spent epsilon 1.8 of 2.0");
    assertThat(lastLine(result)).matches("\\d of 9 answers within the predicted 95% bound of the truth");
  }

  @Test
  void childProtectionAndFraudSignals_runOverHttp() {
    Cli.Result childProtection = Cli.run("scenario", "child-protection", "--seed", "4").succeeded();
    assertThat(childProtection.out()).contains("synthetic data, seed 4").contains("entries match the signed checkpoint");
    assertThat(lastLine(childProtection)).matches("\\d+ of 20 cells within the predicted 95% bound of the truth");
    Cli.Result fraudSignals = Cli.run("scenario", "fraud-signals").succeeded();
    assertThat(fraudSignals.out()).contains("pool 12 counts and 12 totals").contains("Northern Ireland")
        .contains("The round pooled exact sums: 24 of 24 equal the agencies' plaintext total");
    assertThat(lastLine(fraudSignals))
        .matches("\\d+ of 24 published counts and totals within the predicted 95% bound of the truth");
  }

  @Test
  void dataLinkage_runsBothBodiesOverHttp() {
    Cli.Result result = Cli.run("scenario", "data-linkage", "--seed", "5").succeeded();
    assertThat(result.out()).contains("synthetic data, seed 5").contains("children in both")
        .contains("epsilon 1.0 per child").contains("entries match the signed checkpoint");
    assertThat(lastLine(result)).matches("[0-2] of 2 released numbers within the predicted 95% bound of the truth");
  }

  private static String lastLine(Cli.Result result) {
    List<String> lines = result.out().lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void roughSleepers_runsTwoAggregatorsAndRejectsTheFaultyReport() {
    Cli.Result result = Cli.run("scenario", "rough-sleepers", "--seed", "3").succeeded();
    assertThat(result.out()).contains("Collected batch 0: 10 reports aggregated, 1 rejected",
        "leader log: report of council-westmoor rejected (proof-rejected)",
        "helper log: report of council-westmoor rejected (proof-rejected)")
        .containsPattern("National total: (\\d+) rough sleepers \\(the councils' true total: \\1\\)");
  }

  @Test
  void unknownScenario_orNone_exitsTwo() {
    Cli.run("scenario", "flood-risk").failed(2, "pet scenario", "no scenario flood-risk; the scenarios are "
        + "child-protection, fraud-signals, access-point, publishing, data-linkage, rough-sleepers");
    Cli.run("scenario").failed(2, "pet scenario", "name a scenario (child-protection, fraud-signals, access-point, "
        + "publishing, data-linkage, rough-sleepers) or use --list");
  }

  @Test
  void output_forAScenarioWritingNoFile_exitsTwo() {
    Cli.run("scenario", "access-point", "--output", directory.resolve("x.csv").toString())
        .failed(2, "pet scenario", "scenario access-point writes no file; --output does not apply");
  }
}
