package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.RoundStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pet round status}: a round's public description and progress - while a phase is open, who
 * answered it, who it waits for and its deadline (local time); once failed, the phase, the time and the
 * agencies that had not answered; once completed, who is included.
 */
@Command(name = "status", description = "Show a round's state, participants, noise and progress: who answered "
    + "the open phase and who it waits for, how it failed, or who is included.")
final class RoundStatusCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private RoundOptions target;

  @Override
  public Integer call() {
    String id = target.round();
    PetClient client = target.anonymousClient();
    JsonNode json = client.get("/v1/rounds/" + id);
    RoundStatus status = RoundStatus.fromJson(id, json);
    PrintWriter out = spec.commandLine().getOut();
    out.println("round " + id + ": " + status.state());
    out.println("participants " + String.join(",", texts(json.path("participants"))) + ", threshold "
        + json.path("threshold").asInt() + ", vector length " + json.path("vectorLength").asInt());
    out.println(noise(json.path("noise")));
    if (status.open()) {
      out.println("answered the open phase: " + (status.answered().isEmpty() ? "nobody yet"
          : String.join(", ", status.answered())));
      out.println("waiting for: " + String.join(", ", status.waitingFor()));
      if (status.deadline() != null) {
        out.println("phase deadline: " + RoundStatus.localTime(status.deadline()));
      }
    } else if (status.failed()) {
      out.println(status.failureLine());
    } else {
      out.println("completed; included: "
          + String.join(", ", texts(client.get("/v1/rounds/" + id + "/result").path("included"))));
    }
    return 0;
  }

  /** Who answered the open phase and who it waits for, until when: for a running round in one line. */
  static String progress(RoundStatus status) {
    return status.answered().size() + " of " + (status.answered().size() + status.waitingFor().size())
        + " answered; waiting for " + String.join(", ", status.waitingFor())
        + (status.deadline() == null ? "" : " until " + RoundStatus.localTime(status.deadline()));
  }

  private static String noise(JsonNode noise) {
    if (noise.isMissingNode() || noise.isNull()) {
      return "exact sum (no distributed noise)";
    }
    boolean gaussian = noise.path("mechanism").asText().equals("discrete-gaussian");
    return "noise " + noise.path("mechanism").asText() + ", epsilon " + noise.path("epsilon").asDouble()
        + (gaussian ? ", delta " + noise.path("delta").asDouble() : "") + ", " + (gaussian ? "L2" : "L1")
        + " sensitivity " + noise.path("sensitivity").asDouble() + ", calibrated for "
        + noise.path("minimumSurvivors").asInt() + " honest agencies";
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
