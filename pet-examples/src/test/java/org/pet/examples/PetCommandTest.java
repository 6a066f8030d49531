package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PetCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PetCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  /**
   * The default demo over HTTP: 20 cells, each with its truth, released value, error and 95% bound. The
   * noise is secure (not seeded), so the checks are statistical: every cell within 3 bounds (about 5.9
   * standard deviations; failure probability below 1e-7) and at least 60% within one bound (each is with
   * probability 0.95; fewer than 12 of 20 has probability below 1e-7).
   */
  @Test
  void demo_releasesEveryCellWithinThePredictedErrorAndVerifiesTheLog() {
    assertThat(run("demo", "--seed", "7")).as(err.toString()).isZero();
    Matcher row = Pattern.compile("(\\w+ [\\d-]+)\\s+(\\d+)\\s+(-?\\d+)\\s+([+-]\\d+)\\s+\\+/-([\\d.]+)")
        .matcher(out.toString());
    int rows = 0;
    int within = 0;
    while (row.find()) {
      rows++;
      long truth = Long.parseLong(row.group(2));
      long released = Long.parseLong(row.group(3));
      double bound = Double.parseDouble(row.group(5));
      assertThat(Long.parseLong(row.group(4))).isEqualTo(released - truth);
      assertThat((double) Math.abs(released - truth)).isLessThanOrEqualTo(3 * bound);
      within += Math.abs(released - truth) <= bound ? 1 : 0;
    }
    assertThat(rows).isEqualTo(20);
    assertThat(within).isGreaterThanOrEqualTo(12);
    assertThat(out.toString()).contains("council-social-services, nhs-trust, police")
        .contains("entries match the signed checkpoint");
    assertThat(lastLine()).isEqualTo(within + " of 20 cells within the predicted 95% bound of the truth");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void demo_withDropouts_includesOnlyTheSurvivorsAndStatesTheirPrivacy() {
    assertThat(run("demo", "--agencies", "6", "--dropouts", "2")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Included agencies: council-social-services, nhs-trust, police, agency-4\n")
        .containsPattern("Achieved privacy with 4 included agencies, 1 of which may collude with the server: "
            + "epsilon (0\\.\\d+|1\\.0000), delta 1.0E-6")
        .contains("agency-5, agency-6 dropped out after phase shares; the administrator closed phase masked once the "
            + "other 4 agencies had answered it (no wait for the 300 s deadline).");
    assertThat(lastLine()).matches("\\d+ of 20 cells within the predicted 95% bound of the truth");
  }

  private String lastLine() {
    List<String> lines = out.toString().lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void demo_tooManyDropouts_exitsTwoWithOneLineOnStderr() {
    assertThat(run("demo", "--agencies", "3", "--dropouts", "2")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("pet demo: --dropouts must be fewer than half of --agencies (the threshold, agencies - dropouts, must meet 2t > n + c for c >= 0 colluders), was 2 of 3");
    assertThat(out.toString()).isEmpty();
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
        .contains("Exit codes:").containsPattern("(?m)^ +2 +bad usage or input")
        .containsPattern("(?m)^ +130 +interrupted \\(Ctrl-C\\)");
    assertThat(Cli.run("log", "verify", "--help").succeeded().out()).contains("--server=URL", "--file=FILE");
  }

  @Test
  void execute_threadInterruptedWhileWaitingForAnAnswer_exits130() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      Thread command = new Thread(() -> exit.complete(run("log", "verify", "--server",
          "http://127.0.0.1:" + silent.getLocalPort())));
      command.start();
      try (Socket request = silent.accept()) { // the request is sent; the command waits for an answer
        command.interrupt();
        assertThat(exit.get(3, TimeUnit.MINUTES)).isEqualTo(130);
      }
    }
    assertThat(err.toString()).isEqualTo("pet log verify: interrupted\n");
  }
}
