package org.pet.server.rounds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.pet.secagg.CollusionPolicy;
import org.pet.secagg.DistributedNoise;
import org.pet.secagg.ProtocolViolationException;
import org.pet.secagg.RoundAbortedException;
import org.pet.secagg.SecAggMessages;
import org.pet.secagg.SecAggParameters;
import org.pet.secagg.SecAggResult;
import org.pet.secagg.SecAggServer;
import org.pet.server.auth.AgencyRepository;
import org.pet.server.http.HttpProblem;
import org.pet.server.metrics.ServerMetrics;
import org.pet.server.transparency.TransparencyService;

/**
 * Secure aggregation rounds behind HTTP: each round is pet-core's {@link SecAggServer} state machine, fed
 * with the agencies' messages. Every accepted message and every phase closing is stored as soon as it is
 * accepted (before the agency is answered); replaying that history at start-up resumes unfinished rounds. A phase closes when every
 * expected agency has answered, or at its deadline with at least t answers (fewer aborts the round).
 * The server only ever holds public keys, sealed envelopes, masked vectors, signatures and the shares
 * revealed for unmasking - never an agency's input. Blocking: call off the event loop.
 */
public final class RoundService {

  /** The HTTP phase names, in protocol order. */
  public static final List<String> PHASES = List.of("keys", "shares", "masked", "consistency", "unmask");

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final System.Logger LOG = System.getLogger(RoundService.class.getName());
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  /** Every state a round can be in: its open phase, then completed or failed. */
  public static final List<String> STATES = java.util.stream.Stream.concat(PHASES.stream(),
      java.util.stream.Stream.of("completed", "failed")).toList();

  private final RoundRepository repository;
  private final AgencyRepository agencies;
  private final TransparencyService transparency;
  private final ServerMetrics metrics;
  private final java.time.Clock clock;
  private final Map<String, Round> rounds = new ConcurrentHashMap<>();
  /** Where each round's unmasking spreads its key agreements and mask expansions (bounded; the caller's). */
  private final Executor unmaskingWorkers;

  public RoundService(RoundRepository repository, AgencyRepository agencies, TransparencyService transparency,
      ServerMetrics metrics, java.time.Clock clock) throws SQLException {
    this(repository, agencies, transparency, metrics, clock, null);
  }

  /** @param unmaskingWorkers a bounded pool for the unmasking work of rounds, or null for the calling thread */
  public RoundService(RoundRepository repository, AgencyRepository agencies, TransparencyService transparency,
      ServerMetrics metrics, java.time.Clock clock, Executor unmaskingWorkers) throws SQLException {
    this.unmaskingWorkers = unmaskingWorkers;
    this.repository = repository;
    this.clock = clock;
    this.agencies = agencies;
    this.transparency = transparency;
    this.metrics = metrics;
    for (Map.Entry<String, String> stored : repository.rounds().entrySet()) {
      JsonObject json = new JsonObject(stored.getValue());
      Round round;
      try {
        round = new Round(RoundParametersJson.fromJson(json), json.getJsonObject("noise"),
            json.getLong("phaseTimeoutSeconds"));
      } catch (IllegalArgumentException e) {
        // A round stored by an earlier version under parameters this one refuses (its threshold below the
        // collusion bound): it is not resumed.
        LOG.log(System.Logger.Level.WARNING, "round {0} is not resumed: {1}", stored.getKey(), e.getMessage());
        continue;
      }
      for (RoundRepository.Event event : repository.events(stored.getKey())) {
        round.replay(event);
      }
      // A crash between storing a phase's last message and storing its closing: close it now, as the
      // answer to that message would have.
      if (round.open() && round.answered.containsAll(round.expected())) {
        round.close(Closing.ANSWERED);
      }
      rounds.put(stored.getKey(), round);
    }
  }

  /**
   * Creates a round among registered agencies; the authenticated protocol variant is always used.
   *
   * @param neighbours k for a SecAgg+ round (each agency masks with and shares among its k neighbours),
   *     or null for the complete graph
   * @param noise the request's {@code noise} object (see {@link RoundNoise}), or null for an exact sum
   */
  public JsonObject create(List<String> participants, int threshold, Integer toleratedColluders, Integer neighbours,
      int vectorLength, long phaseTimeoutSeconds, JsonObject noise) throws SQLException {
    if (phaseTimeoutSeconds < 1 || phaseTimeoutSeconds > 7 * 24 * 3600) {
      throw HttpProblem.badRequest("`phaseTimeoutSeconds` must be in [1, 604800], was " + phaseTimeoutSeconds);
    }
    String id = UUID.randomUUID().toString();
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId(id).participants(participants)
        .threshold(threshold).vectorLength(vectorLength);
    if (neighbours != null) {
      builder.neighbours(neighbours);
    }
    if (toleratedColluders != null) {
      builder.toleratedColluders(toleratedColluders);
    }
    for (String agency : participants) {
      byte[] key = agencies.publicKey(agency)
          .orElseThrow(() -> new HttpProblem(422, "Unprocessable Content", "agency " + agency + " is not registered"));
      builder.identityKey(agency, key);
    }
    JsonObject noiseJson = null;
    Round round;
    try {
      if (noise != null) {
        // Noise is calibrated for at most the honest agencies any sum the server can learn includes.
        int protectedSurvivors = builder.build().protectedSurvivors();
        noiseJson = RoundNoise.normalise(noise, Math.max(1, protectedSurvivors), vectorLength);
        builder.distributedNoise(RoundNoise.build(noiseJson, vectorLength));
      }
      round = new Round(builder.build(), noiseJson, phaseTimeoutSeconds); // SecAggServer checks the bound
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
    SecAggParameters parameters = round.parameters;
    JsonObject stored = RoundParametersJson.toJson(parameters).put("phaseTimeoutSeconds", phaseTimeoutSeconds)
        .put("noise", noiseJson);
    JsonObject logged = new JsonObject().put("round", id).put("participants", participants)
        .put("threshold", threshold).put("toleratedColluders", parameters.toleratedColluders())
        .put("neighbours", parameters.neighbours()).put("vectorLength", vectorLength).put("noise", noiseJson);
    repository.database().inTransaction(tx -> {
      repository.insertRound(tx, id, stored.encode());
      return transparency.append(tx, "round-created", logged.encode());
    });
    rounds.put(id, round);
    return round.status().put("id", id);
  }

  /** Accepts an agency's message for a phase. */
  public JsonObject submit(String roundId, String agency, String phase, String message) throws SQLException {
    Round round = round(roundId);
    synchronized (round) {
      round.requireParticipant(agency);
      return round.submit(agency, phase, decode(message));
    }
  }

  /** What the server hands out after a phase: the directory, this agency's delivery, the survivors, ... */
  public JsonObject output(String roundId, String agency, String phase) {
    Round round = round(roundId);
    synchronized (round) {
      round.requireParticipant(agency);
      return round.output(agency, phase);
    }
  }

  /**
   * Calls {@code onChange} once, from whichever thread closes the round's phase, when the round leaves
   * {@code state}; returns false (and never calls it) if the round is not in {@code state} now. For long
   * polling: the caller answers at once on false, and must tolerate a call after it gave up waiting.
   */
  public boolean onLeaving(String roundId, String state, Runnable onChange) {
    Round round = round(roundId);
    synchronized (round) {
      if (!round.state().equals(state)) {
        return false;
      }
      round.listeners.add(onChange);
      return true;
    }
  }

  public JsonObject status(String roundId) {
    Round round = round(roundId);
    synchronized (round) {
      return round.status();
    }
  }

  /**
   * The aggregate of a completed round. Built once and shared (read-only): every agency fetches it, and
   * it never changes.
   */
  public JsonObject result(String roundId) {
    Round round = round(roundId);
    JsonObject published = round.published;
    if (published != null) {
      return published;
    }
    synchronized (round) {
      if (round.result == null) {
        throw new HttpProblem(409, "Conflict", round.failure != null
            ? "round " + roundId + " failed at " + round.failedAt + ": " + round.failure
            : "round " + roundId + " has no result yet: it is in phase " + round.state());
      }
      JsonArray sum = new JsonArray();
      for (long value : round.result.sum()) {
        sum.add(Long.toString(value));
      }
      round.published = new JsonObject().put("round", roundId).put("sum", sum)
          .put("included", round.result.included())
          .put("corruptedShares", round.result.corruptedShareSenders())
          .put("toleratedColluders", round.parameters.toleratedColluders())
          .put("privacy", privacyJson(round.noise, round.result));
      return round.published;
    }
  }

  /** How many rounds are in each of {@link #STATES} (for the metrics). */
  public Map<String, Long> countByState() {
    Map<String, Long> counts = new HashMap<>();
    for (Round round : rounds.values()) {
      synchronized (round) {
        counts.merge(round.state(), 1L, Long::sum);
      }
    }
    return counts;
  }

  /**
   * A result's guarantee: the one the included agencies achieve if the tolerated colluders' noise is known
   * to the server (they add it, so it protects no one), then the one without collusion, for comparison;
   * null for an exact sum.
   */
  private static JsonObject privacyJson(JsonObject noise, SecAggResult result) {
    if (result.privacy().isEmpty()) {
      return null;
    }
    DistributedNoise.PrivacyGuarantee achieved = result.privacy().get();
    DistributedNoise.PrivacyGuarantee alone = result.privacyWithoutCollusion().orElseThrow();
    return new JsonObject().put("mechanism", noise.getString("mechanism")).put("epsilon", achieved.epsilon())
        .put("delta", achieved.delta()).put("toleratedColluders", result.toleratedColluders())
        .put("withoutCollusion", new JsonObject().put("epsilon", alone.epsilon()).put("delta", alone.delta()))
        .put("target", noise);
  }

  /**
   * Closes the round's open phase now, with the answers received so far, as its deadline would: for an
   * operator who knows the missing agencies will not answer. The round fails if fewer than t answered.
   *
   * @param expectedPhase the phase the caller means to close, or null for whichever is open
   * @throws HttpProblem 404 unknown round, 409 if the round is over or in another phase
   */
  public JsonObject closePhase(String roundId, String expectedPhase) throws SQLException {
    Round round = round(roundId);
    synchronized (round) {
      if (!round.open()) {
        throw new HttpProblem(409, "Conflict", "round " + roundId + " is over: " + round.state());
      }
      if (expectedPhase != null && !expectedPhase.equals(round.state())) {
        throw new HttpProblem(409, "Conflict", "round " + roundId + " is in phase " + round.state() + ", not "
            + expectedPhase + " (it closed meanwhile)");
      }
      round.close(Closing.ADMINISTRATOR);
      return round.status();
    }
  }

  /** Closes every phase whose deadline has passed (called periodically). */
  public void closeExpired(long nowMillis) throws SQLException {
    for (Map.Entry<String, Round> entry : rounds.entrySet()) {
      Round round = entry.getValue();
      synchronized (round) {
        if (round.open() && nowMillis >= round.deadline) {
          round.close(Closing.DEADLINE);
        }
      }
    }
  }

  private Round round(String id) {
    Round round = rounds.get(id);
    if (round == null) {
      throw HttpProblem.notFound("no round " + id);
    }
    return round;
  }

  private static byte[] decode(String message) {
    if (message == null) {
      throw HttpProblem.badRequest("`message` must be the base64url encoding of a protocol message");
    }
    try {
      return UNB64.decode(message);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`message` is not valid base64url");
    }
  }

  /** How a phase closed, in the words a failure message uses for the agencies that had not answered. */
  enum Closing {
    ANSWERED("before the phase closed"),
    DEADLINE("by the phase deadline"),
    ADMINISTRATOR("when the administrator closed the phase");

    final String words;

    Closing(String words) {
      this.words = words;
    }
  }

  /** One round's state machine, outputs and history. */
  private final class Round {
    final SecAggParameters parameters;
    /** The normalised noise JSON, or null for an exact sum. */
    final JsonObject noise;
    final SecAggServer server;
    final long timeoutMillis;
    long deadline;
    int seq;
    final Set<String> answered = new HashSet<>();
    /** Waiting long polls, told once when the state changes. */
    final List<Runnable> listeners = new ArrayList<>();
    SecAggMessages.KeyDirectory directory;
    Map<String, SecAggMessages.ShareDelivery> deliveries;
    SecAggMessages.SurvivorSet survivors;
    SecAggMessages.UnmaskingRequest request;
    SecAggResult result;
    /** The result's JSON once built; never changes afterwards. */
    volatile JsonObject published;
    String failure;
    /** Where and when the round failed, and who had not answered then (null unless failed). */
    String failedPhase;
    String failedAt;
    List<String> missing;
    boolean replaying;

    Round(SecAggParameters parameters, JsonObject noise, long timeoutSeconds) {
      this.parameters = parameters;
      this.noise = noise;
      this.server = new SecAggServer(parameters, unmaskingWorkers);
      this.timeoutMillis = timeoutSeconds * 1000;
      this.deadline = clock.millis() + timeoutMillis;
    }

    boolean open() {
      return failure == null && result == null;
    }

    int phaseIndex() {
      return switch (server.phase()) {
        case ADVERTISE_KEYS -> 0;
        case SHARE_KEYS -> 1;
        case MASKED_INPUT -> 2;
        case CONSISTENCY_CHECK -> 3;
        case UNMASKING -> 4;
        default -> 5;
      };
    }

    void requireParticipant(String agency) {
      if (!parameters.participants().contains(agency)) {
        throw new HttpProblem(403, "Forbidden", "agency " + agency + " is not a participant of this round");
      }
    }

    JsonObject submit(String agency, String phase, byte[] bytes) throws SQLException {
      if (!open()) {
        throw new HttpProblem(409, "Conflict", "the round is over: " + status().getString("state"));
      }
      int index = PHASES.indexOf(phase);
      if (index != phaseIndex()) {
        throw new HttpProblem(409, "Conflict", "the round is in phase " + PHASES.get(Math.min(phaseIndex(), 4))
            + ", not " + phase);
      }
      accept(index, bytes, agency);
      RoundRepository.Event event = new RoundRepository.Event(seq++, phase, agency, B64.encodeToString(bytes));
      repository.database().inTransaction(tx -> {
        repository.appendEvent(tx, parameters.roundId(), event);
        return null;
      });
      answered.add(agency);
      if (answered.containsAll(expected())) {
        close(Closing.ANSWERED);
      }
      return new JsonObject().put("accepted", true).put("phase", phase);
    }

    /**
     * Decodes a message, checks that {@code agency} sent it and may answer now, then feeds it to the state
     * machine; nothing changes unless every check passes.
     */
    private void accept(int phase, byte[] bytes, String agency) {
      try {
        switch (phase) {
          case 0 -> feed(SecAggMessages.AdvertiseKeys.fromBytes(bytes), SecAggMessages.AdvertiseKeys::sender, agency,
              server::receive);
          case 1 -> feed(SecAggMessages.ShareKeys.fromBytes(bytes), SecAggMessages.ShareKeys::sender, agency,
              server::receive);
          case 2 -> feed(SecAggMessages.MaskedInput.fromBytes(bytes), SecAggMessages.MaskedInput::sender, agency,
              server::receive);
          case 3 -> feed(SecAggMessages.ConsistencyCheck.fromBytes(bytes), SecAggMessages.ConsistencyCheck::sender,
              agency, server::receive);
          default -> feed(SecAggMessages.Unmasking.fromBytes(bytes), SecAggMessages.Unmasking::sender, agency,
              server::receive);
        }
      } catch (ProtocolViolationException e) {
        int status = e.getMessage().startsWith("duplicate") ? 409 : 400;
        throw new HttpProblem(status, status == 409 ? "Conflict" : "Bad Request", e.getMessage());
      }
    }

    private <M> void feed(M message, java.util.function.Function<M, String> sender, String agency,
        java.util.function.Consumer<M> receive) {
      if (!sender.apply(message).equals(agency)) {
        throw new HttpProblem(403, "Forbidden", "a message from " + sender.apply(message)
            + " cannot be submitted by " + agency);
      }
      requireAnswerFrom(agency);
      receive.accept(message);
    }

    private void requireAnswerFrom(String sender) {
      if (answered.contains(sender) && !replaying) {
        throw new HttpProblem(409, "Conflict", "duplicate submission from " + sender);
      }
    }

    /** Who the open phase still waits for, in the participants' order. */
    List<String> waitingFor() {
      Set<String> expected = expected();
      return parameters.participants().stream().filter(id -> expected.contains(id) && !answered.contains(id)).toList();
    }

    /** Who must answer the current phase before it closes early. */
    Set<String> expected() {
      return switch (phaseIndex()) {
        case 0 -> new HashSet<>(parameters.participants());
        case 1 -> senders(directory.entries().stream().map(SecAggMessages.AdvertiseKeys::sender).toList());
        case 2 -> deliveries.keySet();
        case 3 -> new HashSet<>(survivors.survivors());
        default -> request.signatures().keySet();
      };
    }

    private Set<String> senders(List<String> ids) {
      return new HashSet<>(ids);
    }

    /** Closes the current phase now. */
    void close(Closing how) throws SQLException {
      close(how, clock.instant().toString());
    }

    /**
     * Closes the current phase at {@code time} (ISO-8601). A failure states the phase, who had not
     * answered, how the phase closed and why; the time and the cause are stored with the closing, so a
     * replay restores them.
     */
    void close(Closing how, String time) throws SQLException {
      int phase = phaseIndex();
      List<String> waitingFor = waitingFor();
      try {
        switch (phase) {
          case 0 -> directory = server.closeAdvertiseKeys();
          case 1 -> deliveries = server.closeShareKeys();
          case 2 -> survivors = server.closeMaskedInput();
          case 3 -> request = server.closeConsistencyCheck();
          default -> result = server.finish();
        }
      } catch (RoundAbortedException | ProtocolViolationException e) {
        failedPhase = PHASES.get(phase);
        failedAt = time;
        missing = List.copyOf(waitingFor);
        failure = "phase " + failedPhase + " failed: " + e.getMessage()
            + (missing.isEmpty() ? "" : "; no answer from " + String.join(", ", missing) + " " + how.words);
      }
      if (!replaying) {
        RoundRepository.Event closing = new RoundRepository.Event(seq++, "close", null,
            new JsonObject().put("at", time).put("by", how.name()).encode());
        boolean over = result != null || failure != null;
        JsonObject privacy = result == null ? null : privacyJson(noise, result);
        repository.database().inTransaction(tx -> {
          repository.appendEvent(tx, parameters.roundId(), closing);
          if (over) {
            transparency.append(tx, result != null ? "round-completed" : "round-failed", new JsonObject()
                .put("round", parameters.roundId()).put("included", result != null ? result.included() : List.of())
                .put("corruptedShares", result != null ? result.corruptedShareSenders() : List.of())
                .put("privacy", privacy).put("reason", failure == null ? "ok" : failure).encode());
          }
          return null;
        });
        if (privacy != null) {
          metrics.privacySpent("round", privacy.getDouble("epsilon"), privacy.getDouble("delta"));
        }
      }
      answered.clear();
      deadline = clock.millis() + timeoutMillis;
      listeners.forEach(Runnable::run);
      listeners.clear();
    }

    void replay(RoundRepository.Event event) throws SQLException {
      replaying = true;
      try {
        if (event.kind().equals("close")) {
          String stored = event.message();
          if (stored != null && stored.startsWith("{")) {
            JsonObject closing = new JsonObject(stored);
            close(Closing.valueOf(closing.getString("by")), closing.getString("at"));
          } else {
            close(Closing.DEADLINE, stored != null ? stored : clock.instant().toString());
          }
        } else {
          accept(PHASES.indexOf(event.kind()), UNB64.decode(event.message()), event.sender());
          answered.add(event.sender());
        }
        seq = event.seq() + 1;
      } finally {
        replaying = false;
      }
    }

    JsonObject output(String agency, String phase) {
      int index = PHASES.indexOf(phase);
      if (index < 0 || index >= 4) {
        throw HttpProblem.notFound("no output for phase " + phase);
      }
      if (phaseIndex() <= index && failure == null) {
        throw new HttpProblem(409, "Conflict", "phase " + phase + " is still open");
      }
      byte[] bytes = switch (index) {
        case 0 -> directory == null ? null : directory.toBytes();
        case 1 -> deliveries == null || !deliveries.containsKey(agency) ? null : deliveries.get(agency).toBytes();
        case 2 -> survivors == null ? null : survivors.toBytes();
        default -> request == null ? null : request.toBytes();
      };
      if (bytes == null) {
        throw new HttpProblem(409, "Conflict", "nothing for " + agency + " in phase " + phase
            + (failure != null ? ": the round failed: " + failure : ""));
      }
      return new JsonObject().put("message", B64.encodeToString(bytes));
    }

    String state() {
      return failure != null ? "failed" : result != null ? "completed" : PHASES.get(phaseIndex());
    }

    /** The public round description: everything an agency needs to build the same SecAggParameters. */
    /**
     * The public round description and progress: while a phase is open, who answered it, who it waits
     * for and its deadline; once failed, the phase, the time, the agencies that had not answered and why.
     */
    JsonObject status() {
      boolean open = open();
      List<String> answeredInOrder = parameters.participants().stream().filter(answered::contains).toList();
      return RoundParametersJson.toJson(parameters).put("round", parameters.roundId()).put("state", state())
          .put("noise", noise).put("answered", new JsonArray(open ? answeredInOrder : List.of()))
          .put("waitingFor", new JsonArray(open ? waitingFor() : List.of()))
          .put("deadline", open ? deadline : null).put("failure", failure).put("failedPhase", failedPhase)
          .put("failedAt", failedAt).put("missing", missing == null ? null : new JsonArray(missing));
    }
  }

}
