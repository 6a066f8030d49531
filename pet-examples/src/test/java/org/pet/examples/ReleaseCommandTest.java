package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.examples.csv.CsvFile;
import org.pet.examples.csv.CsvRow;

class ReleaseCommandTest {

  @TempDir
  Path directory;

  private Path input;

  /** 200 people in north, 120 in south, 4 in tiny; incomes 0..900. */
  @BeforeEach
  void writeInput() throws Exception {
    StringBuilder csv = new StringBuilder("person,district,income\n");
    int person = 0;
    for (String[] group : new String[][] {{"north", "200"}, {"south", "120"}, {"tiny", "4"}}) {
      for (int i = 0; i < Integer.parseInt(group[1]); i++) {
        csv.append("p").append(person++).append(',').append(group[0]).append(',').append(i % 10 * 100).append('\n');
      }
    }
    input = directory.resolve("data.csv");
    Files.writeString(input, csv);
  }

  /** Runs {@code pet release} with a working set of options, each pair in {@code overrides} replacing or adding one. */
  private Cli.Result release(String... overrides) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--input", input.toString());
    options.put("--group-by", "district");
    options.put("--unit", "person");
    options.put("--epsilon", "1");
    options.put("--categories", "district=north,south,tiny");
    options.put("--min-cell", "10");
    options.put("--round-to", "5");
    return Cli.run(Cli.args(List.of("release"), options, overrides));
  }

  @Test
  void release_withCategoriesMinCellAndRounding_writesTheDisclosureControlledTableToStdout() {
    Cli.Result result = release("--seed", "7", "--value", "income", "--lower", "0", "--upper", "1000",
        "--sum-round-to", "100");
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("--seed makes the noise predictable");
    CsvFile table = CsvFile.parse("stdout", result.out());
    assertThat(table.header()).containsExactly("district", "count", "count_error", "sum", "sum_error", "flags");
    assertThat(table.rows()).extracting(row -> row.text(0)).containsExactly("north", "south", "tiny", "Total");
    CsvRow tiny = table.rows().get(2);
    assertThat(tiny.fields()).containsExactly("tiny", "[c]", "", "[c]", "", "suppressed");
    for (CsvRow row : table.rows().subList(0, 2)) {
      assertThat(row.integer(1) % 5).isZero();
      assertThat(row.integer(3) % 100).isZero();
      assertThat(row.integer(2)).isPositive();
      assertThat(row.integer(4)).isPositive();
    }
    CsvRow north = table.rows().get(0);
    assertThat(Math.abs(north.integer(1) - 200)).isLessThanOrEqualTo(north.integer(2));
    assertThat(table.rows().get(3).text(5)).isEqualTo("derived-total");
  }

  @Test
  void release_sameSeed_reproducesTheTable_andWithoutSeedNothingOnStderr() {
    assertThat(release("--seed", "11").out()).isEqualTo(release("--seed", "11").out());
    Cli.Result secure = release().succeeded();
    assertThat(CsvFile.parse("stdout", secure.out()).rows()).hasSize(4);
  }

  @Test
  void release_output_writesTheFileAndSummarises() throws Exception {
    Path output = directory.resolve("table.csv");
    Cli.Result result = release("--output", output.toString(), "--totals", "none").succeeded();
    assertThat(result.out()).startsWith("wrote 3 rows (1 suppressed) to " + output);
    assertThat(Files.readString(output)).startsWith("district,count,count_error,flags\r\nnorth,");
  }

  @Test
  void release_outputInAMissingDirectory_exitsTwoNamingTheOptionBeforeReadingTheInput() throws Exception {
    Path output = directory.resolve("no/such/dir/table.csv");
    // A bad row the table would trip over: the output is checked first, so this row is never read.
    Files.writeString(input, Files.readString(input) + "p999,north,lots\n");
    release("--output", output.toString(), "--value", "income", "--lower", "0", "--upper", "1000")
        .failed(2, "pet release", "--output: no such directory: " + output.getParent());
    assertThat(output.getParent()).doesNotExist();
  }

  @Test
  void release_outputIsADirectory_exitsTwo() {
    release("--output", directory.toString()).failed(2, "pet release", "--output: cannot write " + directory
        + " (a directory)");
  }

  @Test
  void release_privatePartitionSelection_withDelta_releasesOnlyLargeGroups() {
    Cli.Result result = Cli.run("release", "--input", input.toString(), "--group-by", "district", "--epsilon", "1",
        "--delta", "1e-6", "--seed", "3");
    assertThat(result.exitCode()).isZero();
    assertThat(CsvFile.parse("stdout", result.out()).rows()).extracting(row -> row.text(0))
        .containsExactly("north", "south", "Total");
  }

  @Test
  void release_missingInput_exitsTwo() {
    Cli.run("release", "--input", directory.resolve("none.csv").toString(), "--group-by", "d", "--epsilon", "1",
        "--delta", "1e-6").failed(2, "pet release", "--input: no such file: ");
  }

  @Test
  void release_badRow_reportsFileLineAndColumn() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(input));
    lines.set(4, "p3,north,lots");
    Files.write(input, lines);
    release("--value", "income", "--lower", "0", "--upper", "1000")
        .failed(2, "pet release", input + ":5: column income: \"lots\" is not a number");
  }

  @Test
  void release_raggedRow_reportsItsLine() throws Exception {
    Files.writeString(input, "person,district,income\np1,north,3\np2,north\n");
    release().failed(2, "pet release", input + ":3: expected 3 fields as in the header, found 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "NaN", "Infinity"})
  void release_epsilonNotFinitePositive_exitsTwo(String epsilon) {
    release("--epsilon", epsilon).failed(2, "pet release", "--epsilon must be finite and > 0, was ");
  }

  @Test
  void release_nonNumericEpsilon_isAParameterError() {
    release("--epsilon", "lots").failed(2, "pet release", "'lots' is not a double");
  }

  @Test
  void release_valueWithoutBounds_exitsTwo() {
    release("--value", "income").failed(2, "pet release", "--value, --lower and --upper go together");
  }

  @Test
  void release_lowerNotBelowUpper_exitsTwo() {
    release("--value", "income", "--lower", "5", "--upper", "5").failed(2, "pet release", "--upper must be > --lower");
  }

  @Test
  void release_noCategoriesAndNoDelta_exitsTwo() {
    Cli.run("release", "--input", input.toString(), "--group-by", "district", "--epsilon", "1")
        .failed(2, "pet release", "--delta must be > 0 when the groups are chosen privately");
  }

  @Test
  void release_unknownGroupColumn_listsTheHeader() {
    Cli.run("release", "--input", input.toString(), "--group-by", "region", "--epsilon", "1", "--delta", "1e-6")
        .failed(2, "pet release", "no column \"region\"; the header has person, district, income");
  }

  @Test
  void release_categoriesWithoutEquals_exitsTwo() {
    release("--categories", "age").failed(2, "pet release", "--categories must look like COLUMN=VALUE1,VALUE2");
  }

  @Test
  void release_categoriesOfAnotherColumn_isReportedFromTheTableBuilder() {
    release("--categories", "age=1,2").failed(2, "pet release", "invalid table parameters: `categories`");
  }

  @Test
  void release_groupValueEqualToTheTotalLabel_namesTheRow() throws Exception {
    Files.writeString(input, "person,district\np1,north\np2,Total\n");
    Cli.run("release", "--input", input.toString(), "--group-by", "district", "--epsilon", "1", "--delta", "1e-6")
        .failed(2, "pet release", ":3: column district: \"Total\" is the label of total rows");
  }

  @Test
  void release_minCellNegative_andRoundToZero_exitTwo() {
    release("--min-cell", "-1").failed(2, "pet release", "--min-cell must be >= 0, was -1");
    release("--round-to", "0").failed(2, "pet release", "--round-to must be >= 1, was 0");
  }

  @Test
  void release_unknownNoise_andGaussianWithoutDelta_exitTwo() {
    release("--noise", "uniform").failed(2, "pet release", "'uniform' is not one of laplace");
    release("--noise", "gaussian").failed(2, "pet release", "invalid table parameters: ");
  }

  @Test
  void release_discreteLaplace_isAccepted() {
    release("--noise", "discrete-laplace").succeeded();
  }
}
