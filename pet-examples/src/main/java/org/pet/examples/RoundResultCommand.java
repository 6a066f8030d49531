package org.pet.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.PetClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pet round result}: the aggregate of a completed round, as CSV, with the privacy it achieved. */
@Command(name = "result", description = "Print a completed round's aggregate (CSV: index,sum) and its privacy.")
final class RoundResultCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private RoundOptions target;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here instead of to stdout.")
  private Path output;

  @Override
  public Integer call() {
    String id = target.round();
    PetClient client = target.anonymousClient();
    AgencyClient.Outcome outcome = AgencyClient.result(client, id);
    print(spec.commandLine().getOut(), outcome, output);
    return 0;
  }

  /** Prints who is included and the privacy, then the sum as CSV (to {@code output} if given). */
  static void print(PrintWriter out, AgencyClient.Outcome outcome, Path output) {
    out.println("included: " + String.join(",", outcome.included()));
    out.println(outcome.privacy() == null ? "privacy: exact sum (no distributed noise)"
        : "privacy: " + outcome.privacy().path("mechanism").asText() + ", epsilon "
            + outcome.privacy().path("epsilon").asDouble() + ", delta " + outcome.privacy().path("delta").asDouble()
            + " (achieved with the included agencies)");
    StringBuilder csv = new StringBuilder("index,sum\n");
    long[] sum = outcome.sum();
    for (int i = 0; i < sum.length; i++) {
      csv.append(i).append(',').append(sum[i]).append('\n');
    }
    if (output == null) {
      out.print(csv);
    } else {
      try {
        Files.writeString(output, csv);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + output, e);
      }
      out.println("wrote " + sum.length + " sums to " + output);
    }
    out.flush();
  }
}
