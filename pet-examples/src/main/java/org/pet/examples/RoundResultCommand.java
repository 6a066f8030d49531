package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.RoundErrorBound;
import org.pet.examples.client.RoundStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet round result}: the aggregate of a completed round, as CSV, with the privacy it achieved and,
 * for distributed noise, each sum's 95% error bound. A failed round is reported in one line (the phase,
 * when, why, the agencies that had not answered), a running one with the phase it is in; both exit 1.
 */
@Command(name = "result", description = {
    "Print a completed round's aggregate (CSV: index,sum, and bound95 for distributed noise) and its privacy.",
    "A failed or unfinished round exits with code 1, saying how it failed or which phase it is in."})
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
    RoundStatus status = AgencyClient.status(client, id);
    if (status.failed()) {
      throw new FailureException(status.failureLine());
    }
    if (!status.completed()) {
      throw new FailureException("round " + id + " has no result yet: it is in phase " + status.state() + ", "
          + RoundStatusCommand.progress(status));
    }
    AgencyClient.Outcome outcome = AgencyClient.result(client, id);
    print(spec.commandLine().getOut(), outcome, output);
    return 0;
  }

  /**
   * Prints who is included, the privacy and each sum's 95% bound, then the sum as CSV (to {@code output}
   * if given), with a {@code bound95} column for distributed noise.
   */
  static void print(PrintWriter out, AgencyClient.Outcome outcome, Path output) {
    out.println("included: " + String.join(",", outcome.included()));
    OptionalLong bound = outcome.errorBound95();
    if (outcome.privacy() == null) {
      out.println("privacy: exact sum (no distributed noise)");
    } else {
      JsonNode privacy = outcome.privacy();
      int colluders = privacy.path("toleratedColluders").asInt(0);
      out.println("privacy: " + privacy.path("mechanism").asText() + ", epsilon " + privacy.path("epsilon").asDouble()
          + ", delta " + privacy.path("delta").asDouble() + " (achieved by the " + outcome.included().size()
          + " included agencies if " + colluders + " of them collude with the server)");
      if (privacy.has("withoutCollusion")) {
        out.println("without collusion: epsilon " + privacy.path("withoutCollusion").path("epsilon").asDouble()
            + ", delta " + privacy.path("withoutCollusion").path("delta").asDouble());
      }
      out.printf("95%% bound: each sum is within ±%d of the included agencies' true total with probability at "
          + "least %s (the noise of %d agencies)%n", bound.orElseThrow(), RoundErrorBound.CONFIDENCE,
          outcome.included().size());
    }
    StringBuilder csv = new StringBuilder(bound.isPresent() ? "index,sum,bound95\n" : "index,sum\n");
    long[] sum = outcome.sum();
    for (int i = 0; i < sum.length; i++) {
      csv.append(i).append(',').append(sum[i]);
      if (bound.isPresent()) {
        csv.append(',').append(bound.getAsLong());
      }
      csv.append('\n');
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
