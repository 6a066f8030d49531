package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PetCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PetCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void demo_printsEachAgeBandWithTruthNoisedValueAndAnIntervalAroundIt() {
    assertThat(run("demo", "--seed", "7")).isZero();
    Matcher row = Pattern.compile("(\\S+)\\s+(\\d+)\\s+(-?\\d+)\\s+([+-]\\d+)\\s+\\[(-?\\d+), (-?\\d+)]")
        .matcher(out.toString());
    int rows = 0;
    while (row.find()) {
      rows++;
      long noised = Long.parseLong(row.group(3));
      assertThat(Long.parseLong(row.group(4))).isEqualTo(noised - Long.parseLong(row.group(2)));
      assertThat(Long.parseLong(row.group(5))).isLessThan(noised);
      assertThat(Long.parseLong(row.group(6))).isGreaterThan(noised);
    }
    assertThat(rows).isEqualTo(4);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void demo_nonPositiveEpsilon_exitsTwoWithOneLineOnStderr() {
    assertThat(run("demo", "--epsilon", "0")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("pet demo: --epsilon must be finite and > 0, was 0.0");
  }

  @Test
  void demo_nonNumericEpsilon_isAUsageError() {
    assertThat(run("demo", "--epsilon", "lots")).isEqualTo(2);
    assertThat(err.toString()).contains("--epsilon");
  }

  @Test
  void noSubcommand_printsUsageListingDemo() {
    assertThat(run()).isZero();
    assertThat(out.toString()).contains("demo");
  }

  @Test
  void unknownOption_isOneLineUsageErrorNamingTheCommand() {
    Cli.run("demo", "--colour").failed(2, "pet demo", "Unknown option: '--colour'");
  }

  @Test
  void unknownCommand_isAUsageError() {
    Cli.run("publish").failed(2, "pet", "Unmatched argument at index 0: 'publish'");
  }

  @Test
  void verbose_addsTheStackTraceToTheOneLineError() {
    Cli.Result result = Cli.run("release", "--verbose", "--input", "missing.csv", "--group-by", "d", "--epsilon", "1",
        "--delta", "1e-6");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("pet release: --input: no such file: missing.csv\n")
        .contains("org.pet.examples.UsageException").contains("\tat ");
  }

  @Test
  void help_listsEverySubcommandAndTheExitCodes() {
    Cli.Result result = Cli.run("--help").succeeded();
    assertThat(result.out()).contains("server", "dataset", "query", "release", "agency", "log", "scenario")
        .contains("Exit codes:").contains("2   bad usage or input");
    assertThat(Cli.run("log", "verify", "--help").succeeded().out()).contains("--server=URL", "--file=FILE");
  }
}
