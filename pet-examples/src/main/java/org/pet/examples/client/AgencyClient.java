package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pet.secagg.DistributedNoise;
import org.pet.secagg.CollusionPolicy;
import org.pet.secagg.IdentityKeyPair;
import org.pet.secagg.RoundRefusedException;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages;
import org.pet.secagg.SecAggParameters;
import org.pet.server.rounds.RoundParametersJson;
import org.pet.server.rounds.RoundService;

/**
 * An agency's side of a secure aggregation round over HTTP: it reads the round's public description,
 * checks that it lists this agency with this identity key, and runs pet-core's {@link SecAggClient}
 * through the five phases, submitting each message signed and waiting (on the public status, so polling
 * costs no signed requests) for the server to close each phase. Only masked vectors, public keys,
 * sealed shares and signatures leave the agency; the plaintext input never does.
 *
 * <p>A server that restarts mid-round does not fail the agency: every request is retried as its
 * {@link RetryPolicy} says (by default for up to 10 minutes), a broken long poll is sent again, and a phase
 * message whose answer was lost is resumed from the round's stored state - if the round shows this agency
 * among the phase's answers, or has already left the phase, the message counts as accepted (the server
 * stores each message before it answers); otherwise the same message is sent again. The agency's own
 * protocol state stays in memory: it survives the server's restart, not its own.
 *
 * <p>One {@code join} at a time per instance.
 */
public final class AgencyClient {

  /** The protocol phases, in order, as the HTTP API names them. */
  public enum Phase {
    KEYS("keys"), SHARES("shares"), MASKED("masked"), CONSISTENCY("consistency"), UNMASK("unmask");

    private final String path;

    Phase(String path) {
      this.path = path;
    }

    /** The phase's name in URLs and round states. */
    public String path() {
      return path;
    }
  }

  /**
   * What the agency saw at the end of the round.
   *
   * @param sum the aggregate (exact in Z_2^64; decode with the round's encoding)
   * @param included the agencies whose inputs are in it
   * @param privacy the achieved guarantee with distributed noise, or null for an exact sum
   * @param noise the round's distributed noise, or null for an exact sum
   */
  public record Outcome(long[] sum, List<String> included, JsonNode privacy, DistributedNoise noise) {
    public Outcome {
      sum = sum.clone();
      included = List.copyOf(included);
    }

    @Override
    public long[] sum() {
      return sum.clone();
    }

    /**
     * Every cell's 95% error bound ({@link RoundErrorBound}) with the included agencies' noise, or empty
     * for an exact sum.
     */
    public OptionalLong errorBound95() {
      return noise == null ? OptionalLong.empty()
          : OptionalLong.of(RoundErrorBound.halfWidth95(noise, included.size()));
    }

    @Override
    public String toString() {
      return "Outcome{sum=" + Arrays.toString(sum) + ", included=" + included + ", privacy=" + privacy + "}";
    }
  }

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private static final System.Logger LOG = System.getLogger(AgencyClient.class.getName());

  private final PetClient signed;
  private final PetClient open;
  private final String agency;
  private final IdentityKeyPair key;
  private final RetryPolicy retry;
  private final CollusionPolicy collusion;

  /** A client that retries as {@link RetryPolicy#defaults()} says, under {@link CollusionPolicy#defaultPolicy()}. */
  public AgencyClient(java.net.URI server, String agency, IdentityKeyPair key) {
    this(server, agency, key, RetryPolicy.defaults());
  }

  /** A client that retries unanswered requests as {@code retry} says ({@link RetryPolicy#none()}: never). */
  public AgencyClient(java.net.URI server, String agency, IdentityKeyPair key, RetryPolicy retry) {
    this(server, agency, key, retry, CollusionPolicy.defaultPolicy());
  }

  /**
   * A client that also takes part only in rounds that meet {@code collusion}: how many agencies this one
   * assumes may collude with the server (see {@link CollusionPolicy}; a round below its bound is refused
   * before anything is sent).
   */
  public AgencyClient(java.net.URI server, String agency, IdentityKeyPair key, RetryPolicy retry,
      CollusionPolicy collusion) {
    this.agency = Objects.requireNonNull(agency, "agency");
    this.key = Objects.requireNonNull(key, "key");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.collusion = Objects.requireNonNull(collusion, "collusion");
    this.signed = PetClient.agency(server, agency, key);
    this.open = PetClient.anonymous(server);
  }

  public String agency() {
    return agency;
  }

  /**
   * The round's public parameters, rebuilt from {@code GET /v1/rounds/{id}}.
   *
   * @throws IllegalStateException if the round does not list this agency with this identity key
   */
  public SecAggParameters parameters(String round) {
    SecAggParameters parameters = RoundParametersJson.fromJson(new JsonObject(status(round).toString()));
    if (!parameters.participants().contains(agency)) {
      throw new IllegalStateException("round " + round + " does not list agency " + agency);
    }
    if (!Arrays.equals(parameters.identityKeys().get(agency).toByteArray(), key.publicKey())) {
      throw new IllegalStateException("round " + round + " lists a different identity key for " + agency
          + " than the one in this key file");
    }
    return parameters;
  }

  /** Joins the round with {@code input} and returns the result once the round completes. */
  public Outcome join(String round, long[] input) {
    return join(round, input, null, phase -> { });
  }

  /**
   * Joins the round with {@code input}, reporting each phase as it completes.
   *
   * @param dropAfter if not null, the agency stops (simulating a dropout) after submitting this phase and
   *     returns null
   * @param progress called with each phase once this agency's part of it is done
   * @return the outcome, or null if the agency dropped out
   * @throws RoundRefusedException if the round does not meet this agency's collusion policy (nothing sent)
   * @throws RoundFailedException if the round fails or this agency is excluded
   * @throws PetApiException if the server refuses a request, or leaves one unanswered for longer than the
   *     retry policy allows
   */
  public Outcome join(String round, long[] input, Phase dropAfter, Consumer<Phase> progress) {
    SecAggParameters parameters = parameters(round);
    SecAggClient client = new SecAggClient(parameters, agency, input, key, collusion); // refuses unsafe rounds
    submit(round, Phase.KEYS, client.advertiseKeys().toBytes());
    if (done(Phase.KEYS, dropAfter, progress)) {
      return null;
    }
    var directory = SecAggMessages.KeyDirectory.fromBytes(output(round, Phase.KEYS));
    submit(round, Phase.SHARES, client.shareKeys(directory).toBytes());
    if (done(Phase.SHARES, dropAfter, progress)) {
      return null;
    }
    var delivery = SecAggMessages.ShareDelivery.fromBytes(output(round, Phase.SHARES));
    submit(round, Phase.MASKED, client.maskedInput(delivery).toBytes());
    if (done(Phase.MASKED, dropAfter, progress)) {
      return null;
    }
    var survivors = SecAggMessages.SurvivorSet.fromBytes(output(round, Phase.MASKED));
    submit(round, Phase.CONSISTENCY, client.consistencyCheck(survivors).toBytes());
    if (done(Phase.CONSISTENCY, dropAfter, progress)) {
      return null;
    }
    var request = SecAggMessages.UnmaskingRequest.fromBytes(output(round, Phase.CONSISTENCY));
    submit(round, Phase.UNMASK, client.unmask(request).toBytes());
    if (done(Phase.UNMASK, dropAfter, progress)) {
      return null;
    }
    awaitState(round, "completed");
    String path = roundPath(round) + "/result";
    return outcome(retry.run("GET " + path, () -> open.get(path)), parameters.noise());
  }

  /** The result of a completed round (public). */
  public Outcome result(String round) {
    return retry.run("GET " + roundPath(round) + "/result", () -> result(open, round));
  }

  /**
   * The result of a completed round, fetched with any client (the endpoints are public): the sum, and for
   * distributed noise the round's description too, for the noise's error bound.
   *
   * @throws PetApiException 409 if the round has no result (yet)
   */
  public static Outcome result(PetClient client, String round) {
    JsonNode result = client.get(roundPath(round) + "/result");
    DistributedNoise noise = null;
    if (result.hasNonNull("privacy")) {
      noise = RoundParametersJson.fromJson(new JsonObject(client.get(roundPath(round)).toString())).noise();
    }
    return outcome(result, noise);
  }

  /**
   * The round's public progress, fetched with any client.
   *
   * @throws PetApiException 404 for an unknown round
   */
  public static RoundStatus status(PetClient client, String round) {
    return RoundStatus.fromJson(round, client.get(roundPath(round)));
  }

  private static Outcome outcome(JsonNode result, DistributedNoise noise) {
    long[] sum = new long[result.get("sum").size()];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = Long.parseLong(result.get("sum").get(i).asText());
    }
    List<String> included = new java.util.ArrayList<>();
    result.get("included").forEach(node -> included.add(node.asText()));
    JsonNode privacy = result.get("privacy");
    boolean exact = privacy == null || privacy.isNull();
    return new Outcome(sum, included, exact ? null : privacy, exact ? null : noise);
  }

  private static boolean done(Phase phase, Phase dropAfter, Consumer<Phase> progress) {
    progress.accept(phase);
    return phase == dropAfter;
  }

  /**
   * Sends this agency's message for {@code phase}, the same bytes on every attempt. A 409 after an attempt
   * that went unanswered means the message may have been stored then: the round's state decides.
   */
  private void submit(String round, Phase phase, byte[] message) {
    String path = roundPath(round) + "/" + phase.path();
    Map<String, String> body = Map.of("message", B64.encodeToString(message));
    boolean[] unanswered = {false};
    failedRoundOn409(round, () -> retry.run("POST " + path, () -> {
      try {
        return signed.post(path, body);
      } catch (PetApiException e) {
        if (RetryPolicy.isTransient(e)) {
          unanswered[0] = true;
        } else if (e.status() == 409 && unanswered[0] && receivedEarlier(round, phase)) {
          LOG.log(System.Logger.Level.INFO, () -> "POST " + path + ": the answer to an earlier attempt was lost, "
              + "and the round shows it was received");
          return null;
        }
        throw e;
      }
    }));
  }

  /**
   * Runs {@code request}; a 409 from a round that has failed becomes a {@link RoundFailedException} saying
   * how it failed (an agency that was too slow learns the round is over this way).
   */
  private <T> T failedRoundOn409(String round, Supplier<T> request) {
    try {
      return request.get();
    } catch (PetApiException e) {
      if (e.status() == 409) {
        RoundStatus status = RoundStatus.fromJson(round, status(round));
        if (status.failed()) {
          throw new RoundFailedException(status);
        }
      }
      throw e;
    }
  }

  /**
   * Whether the round shows this agency's message for {@code phase} as received: the agency among the open
   * phase's answers, or the round past the phase (if the phase closed without this agency, the next step
   * finds that out).
   */
  private boolean receivedEarlier(String round, Phase phase) {
    JsonNode status = status(round);
    String state = status.get("state").asText();
    if (state.equals(phase.path())) {
      for (JsonNode answered : status.path("answered")) {
        if (answered.asText().equals(agency)) {
          return true;
        }
      }
      return false;
    }
    return RoundService.STATES.indexOf(state) > phase.ordinal();
  }

  /** Waits until the server closed {@code phase}, then fetches this agency's output of it. */
  private byte[] output(String round, Phase phase) {
    awaitState(round, Phase.values()[phase.ordinal() + 1].path());
    String path = roundPath(round) + "/" + phase.path();
    return UNB64.decode(failedRoundOn409(round, () -> retry.run("GET " + path, () -> signed.get(path)))
        .get("message").asText());
  }

  /** The round's public status. */
  private JsonNode status(String round) {
    String path = roundPath(round);
    return retry.run("GET " + path, () -> open.get(path));
  }

  /**
   * Waits until the round reaches {@code state} (or a later one), by long polls of the public status that
   * the server answers as soon as the state changes.
   */
  private void awaitState(String round, String state) {
    List<String> order = RoundService.STATES; // the phases in order, then completed (failed is handled first)
    JsonNode status = status(round);
    while (true) {
      String current = status.get("state").asText();
      if (current.equals("failed")) {
        throw new RoundFailedException(RoundStatus.fromJson(round, status));
      }
      if (order.indexOf(current) >= order.indexOf(state)) {
        return;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new RoundFailedException(round, "interrupted while waiting for phase " + state);
      }
      String poll = roundPath(round) + "?after=" + current;
      status = retry.run("GET " + poll, () -> open.get(poll));
    }
  }

  private static String roundPath(String round) {
    if (!round.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("not a round id: " + round);
    }
    return "/v1/rounds/" + round;
  }
}
