package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.pet.linkage.IdentifierNormalizer;
import org.pet.linkage.PsiMessage;
import org.pet.linkage.PsiParameters;
import org.pet.linkage.PsiParty;
import org.pet.linkage.PsiRecord;
import org.pet.linkage.PsiResult;
import org.pet.linkage.PsiRole;
import org.pet.linkage.PsiWire;
import org.pet.secagg.IdentityKeyPair;

/**
 * An agency's side of a data linkage session over HTTP: reads the session's public description, finds
 * this agency's role in it, and runs pet-core's {@link PsiParty} through the relay, posting each step
 * signed and waiting (on the public description, so polling costs no signed requests) for the other
 * party's. Only blinded points, ciphertexts and the released result leave the agency; its identifiers
 * never do. The session's keys live in memory only, so a session cannot be resumed by a new process.
 */
public final class LinkageClient {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final PetClient signed;
  private final PetClient open;
  private final String agency;

  public LinkageClient(URI server, String agency, IdentityKeyPair key) {
    this.agency = Objects.requireNonNull(agency, "agency");
    this.signed = PetClient.agency(server, agency, key);
    this.open = PetClient.anonymous(server);
  }

  /** The session's public description ({@code GET /v1/linkage/{id}}). */
  public JsonNode describe(String session) {
    return open.get("/v1/linkage/" + session);
  }

  /**
   * This agency's role in the described session.
   *
   * @throws IllegalStateException if the agency is not one of its two parties
   */
  public PsiRole role(JsonNode description) {
    if (agency.equals(description.path("identifierParty").asText())) {
      return PsiRole.IDENTIFIER_PARTY;
    }
    if (agency.equals(description.path("valueParty").asText())) {
      return PsiRole.VALUE_PARTY;
    }
    throw new IllegalStateException("agency " + agency + " is not a party to linkage session "
        + description.path("id").asText() + " (parties: " + description.path("identifierParty").asText() + ", "
        + description.path("valueParty").asText() + ")");
  }

  /** The pet-core parameters the described session was created with. */
  public static PsiParameters parameters(JsonNode description) {
    return new PsiParameters(description.path("id").asText(), description.path("maxValue").asLong(),
        description.path("cardinalityEpsilon").asDouble(), description.path("sumEpsilon").asDouble());
  }

  /**
   * The identifier normalisation the described session prescribes to both parties.
   *
   * @throws IllegalStateException if this client does not know it
   */
  public static IdentifierNormalizer normalizer(JsonNode description) {
    String name = description.path("normalisation").asText("standard");
    return switch (name) {
      case "standard" -> IdentifierNormalizer.standard();
      case "exact" -> IdentifierNormalizer.exact();
      default -> throw new IllegalStateException("unknown identifier normalisation \"" + name + "\"");
    };
  }

  /**
   * What a {@link #join} is doing, for a progress display; called on the joining thread. A session of n
   * identifiers each spends about 1.5 ms per n on one core computing, mostly in the steps this agency
   * computes and in waiting for the other party's.
   */
  public interface Progress {
    /**
     * The client starts {@code activity}, such as "computing step 2 (40000 identifiers)" or "waiting for step
     * 2 from the value party".
     */
    void working(String activity);

    /** Step {@code step} (1 to 4) has been relayed: this agency sent it, or received the other party's. */
    void relayed(int step);
  }

  /**
   * Runs the session as the identifier party or the value party (from the description), with the given
   * records: for the identifier party only their identifiers are used.
   *
   * @param onStep told each step number once it has been relayed
   * @param timeout how long to wait for the other party at each step
   * @throws IllegalStateException if the agency is not a party, or the session is not at its start
   * @throws org.pet.secagg.ProtocolViolationException if the other party's message is invalid
   * @throws PetApiException if the server refuses a step
   */
  public PsiResult join(String session, Collection<PsiRecord> records, IntConsumer onStep, Duration timeout) {
    Objects.requireNonNull(onStep, "onStep");
    return join(session, records, new Progress() {
      @Override
      public void working(String activity) {}

      @Override
      public void relayed(int step) {
        onStep.accept(step);
      }
    }, timeout);
  }

  /**
   * As {@link #join(String, Collection, IntConsumer, Duration)}, telling {@code progress} what it is doing
   * as well as each step relayed.
   */
  public PsiResult join(String session, Collection<PsiRecord> records, Progress progress, Duration timeout) {
    Objects.requireNonNull(progress, "progress");
    JsonNode description = describe(session);
    PsiRole role = role(description);
    String state = description.path("state").asText();
    if (!state.equals("step-1") && !(role == PsiRole.VALUE_PARTY && state.equals("step-2"))) {
      throw new IllegalStateException("linkage session " + session + " is at " + state
          + "; a party can only join before its first step");
    }
    PsiParameters parameters = parameters(description);
    IdentifierNormalizer normalizer = normalizer(description);
    String other = role == PsiRole.IDENTIFIER_PARTY ? "the value party" : "the identifier party";
    if (role == PsiRole.IDENTIFIER_PARTY) {
      progress.working("computing step 1 (" + records.size() + " identifiers)");
    }
    PsiParty party = role == PsiRole.IDENTIFIER_PARTY
        ? PsiParty.identifierParty(parameters, records.stream().map(PsiRecord::identifier).toList(), normalizer)
        : PsiParty.valueParty(parameters, records, normalizer);
    List<PsiMessage> outgoing = party.start();
    int step = 1;
    while (step <= 4) {
      for (PsiMessage message : outgoing) {
        byte[] wire = PsiWire.encode(message);
        progress.working("sending step " + message.step() + " (" + megabytes(wire.length) + ")");
        signed.postBytes("/v1/linkage/" + session + "/messages", wire);
        progress.relayed(message.step());
        step = message.step() + 1;
      }
      if (step > 4) {
        break;
      }
      progress.working("waiting for step " + step + " from " + other);
      awaitStep(session, step, timeout);
      progress.working("receiving step " + step);
      byte[] theirs = signed.getBytes("/v1/linkage/" + session + "/messages/" + step);
      progress.relayed(step);
      progress.working(step < 4 ? "computing step " + (step + 1) : "reading the result");
      outgoing = party.receive(PsiWire.decode(theirs));
      step++;
    }
    return party.result().orElseThrow(() -> new IllegalStateException("the session ended without a result"));
  }

  private static String megabytes(int bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** Waits until the relay holds {@code step}: the state has moved past "step-N". */
  private void awaitStep(String session, int step, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String state = describe(session).path("state").asText();
      if (state.equals("completed") || state.startsWith("step-") && Integer.parseInt(state.substring(5)) > step) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("linkage session " + session + ": the other party did not send step " + step
            + " within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for step " + step, e);
      }
    }
  }
}
