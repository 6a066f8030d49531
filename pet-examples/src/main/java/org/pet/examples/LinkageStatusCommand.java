package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pet linkage status}: a linkage session's public description, state and released result. */
@Command(name = "status", description = "Show a linkage session's parties, privacy, state and released result.")
final class LinkageStatusCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private PrecisionOption precision;

  @Mixin
  private LinkageOptions target;

  @Override
  public Integer call() {
    JsonNode session = target.anonymousClient().get("/v1/linkage/" + target.session());
    PrintWriter out = spec.commandLine().getOut();
    out.println("linkage session " + session.path("id").asText() + ": " + session.path("state").asText());
    printParameters(out, session, precision.numbers());
    JsonNode result = session.path("result");
    if (!result.isMissingNode()) {
      out.println("released size " + result.path("cardinality").asLong()
          + (result.has("sum") ? ", released sum " + result.path("sum").asLong() : ""));
    }
    return 0;
  }

  static void printParameters(PrintWriter out, JsonNode session, PrintedNumbers numbers) {
    out.println("purpose: " + session.path("purpose").asText());
    out.println("identifier party " + session.path("identifierParty").asText() + ", value party "
        + session.path("valueParty").asText() + ", identifiers normalised: " + session.path("normalisation").asText());
    long maxValue = session.path("maxValue").asLong();
    out.println(maxValue > 0 ? "size and sum (values clamped to [0, " + maxValue + "])" : "size only");
    double epsilon = session.path("epsilon").asDouble();
    out.println(epsilon > 0 ? "privacy: epsilon " + numbers.parameter(epsilon) + " per person (size "
        + numbers.parameter(session.path("cardinalityEpsilon").asDouble())
        + (maxValue > 0 ? ", sum " + numbers.parameter(session.path("sumEpsilon").asDouble()) : "") + "), delta 0"
        : "exact result (no DP noise)");
  }
}
