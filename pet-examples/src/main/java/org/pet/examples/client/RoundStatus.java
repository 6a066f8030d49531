package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.pet.server.rounds.RoundService;

/**
 * A round's public progress, as {@code GET /v1/rounds/{id}} reports it: the state; while a phase is open,
 * who answered it, who it waits for and its deadline; once failed, the phase, the time, the agencies that
 * had not answered and why.
 *
 * @param round the round id
 * @param state one of {@link RoundService#STATES}
 * @param answered the agencies that answered the open phase (empty unless a phase is open)
 * @param waitingFor the agencies the open phase still waits for (empty unless a phase is open)
 * @param deadline when the open phase closes at the latest, or null unless a phase is open
 * @param failure why the round failed, or null
 * @param failedPhase the phase that failed, or null
 * @param failedAt when it failed, or null
 * @param missing the agencies that had not answered the failed phase (empty unless failed)
 */
public record RoundStatus(String round, String state, List<String> answered, List<String> waitingFor,
    Instant deadline, String failure, String failedPhase, Instant failedAt, List<String> missing) {

  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

  /** Copies the lists. */
  public RoundStatus {
    answered = List.copyOf(answered);
    waitingFor = List.copyOf(waitingFor);
    missing = List.copyOf(missing);
  }

  /** Reads the status JSON of round {@code round} (fields it lacks read as absent). */
  public static RoundStatus fromJson(String round, JsonNode json) {
    return new RoundStatus(round, json.path("state").asText(), texts(json.path("answered")),
        texts(json.path("waitingFor")), json.path("deadline").isNumber()
            ? Instant.ofEpochMilli(json.path("deadline").asLong()) : null,
        text(json.path("failure")), text(json.path("failedPhase")), instant(text(json.path("failedAt"))),
        texts(json.path("missing")));
  }

  /** Whether a phase is open (the round is neither completed nor failed). */
  public boolean open() {
    return RoundService.PHASES.contains(state);
  }

  public boolean failed() {
    return state.equals("failed");
  }

  public boolean completed() {
    return state.equals("completed");
  }

  /**
   * One line saying which phase failed, when (local time), why and which agencies had not answered:
   * {@code round R failed in phase masked at 2026-12-05 13:04:59 CET: ...; no answer from a, b}.
   */
  public String failureLine() {
    String reason = failure == null ? "no reason given" : failure;
    String phasePrefix = "phase " + failedPhase + " failed: ";
    if (failedPhase != null && reason.startsWith(phasePrefix)) {
      reason = reason.substring(phasePrefix.length());
    }
    // The server names the missing agencies in its reason; they are added here from the list, once.
    int named = reason.indexOf("; no answer from ");
    if (!missing.isEmpty() && named >= 0) {
      reason = reason.substring(0, named);
    }
    return "round " + round + " failed" + (failedPhase == null ? "" : " in phase " + failedPhase)
        + (failedAt == null ? "" : " at " + localTime(failedAt)) + ": " + reason
        + (missing.isEmpty() ? "" : "; no answer from " + String.join(", ", missing));
  }

  /** {@code instant} as a date and time in this machine's time zone: {@code 2026-12-05 13:04:59 CET}. */
  public static String localTime(Instant instant) {
    return LOCAL_TIME.format(instant.atZone(ZoneId.systemDefault()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
