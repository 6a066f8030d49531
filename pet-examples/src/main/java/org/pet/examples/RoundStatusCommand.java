package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pet round status}: a round's public description and progress. */
@Command(name = "status", description = "Show a round's state, participants, noise and who answered the open phase.")
final class RoundStatusCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private RoundOptions target;

  @Override
  public Integer call() {
    String id = target.round();
    JsonNode status = target.anonymousClient().get("/v1/rounds/" + id);
    PrintWriter out = spec.commandLine().getOut();
    out.println("round " + id + ": " + status.path("state").asText()
        + (status.path("failure").isNull() ? "" : " (" + status.path("failure").asText() + ")"));
    out.println("participants " + String.join(",", texts(status.path("participants"))) + ", threshold "
        + status.path("threshold").asInt() + ", vector length " + status.path("vectorLength").asInt());
    out.println(status.path("noise").isNull() ? "exact sum (no distributed noise)" : "noise " + status.path("noise"));
    out.println("answered the open phase: " + String.join(",", texts(status.path("answered"))));
    out.println("phase deadline: " + Instant.ofEpochMilli(status.path("deadline").asLong()));
    return 0;
  }

  static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> texts = new java.util.ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
