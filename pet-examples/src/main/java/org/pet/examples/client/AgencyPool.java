package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.pet.secagg.CollusionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several simulated agencies on one machine, for demos, scenarios and benchmarks: each gets a fresh
 * identity registered with the server by the administrator, and all join a round concurrently, one thread
 * each, exactly as separate agencies would over HTTP.
 *
 * <p>Simulated dropouts never wait for a phase deadline: once every surviving agency has answered the
 * phase the dropped ones skip, the administrator closes it ({@code POST /v1/rounds/{id}/close-phase}), as
 * its deadline would. Deadlines stay generous ({@link #PHASE_TIMEOUT_SECONDS}), so a busy machine never
 * fails a round.
 */
public final class AgencyPool {

  /** The phase deadline of rounds created by {@link #createRound(int, int, Map)}: five minutes. */
  public static final int PHASE_TIMEOUT_SECONDS = 300;

  /** Simulated dropouts stop after answering this phase... */
  public static final AgencyClient.Phase DROP_AFTER = AgencyClient.Phase.SHARES;
  /** ...so this phase waits for them, and the administrator closes it once the survivors have answered. */
  public static final AgencyClient.Phase CLOSED_FOR_DROPOUTS = AgencyClient.Phase.MASKED;

  private final PetClient admin;
  private final int colluders;
  private final Map<String, AgencyClient> agencies = new LinkedHashMap<>();

  private AgencyPool(PetClient admin, int colluders) {
    this.admin = admin;
    this.colluders = colluders;
  }

  /**
   * Generates an identity for each name and registers it with the server (administrator client); the
   * agencies assume the default number of colluders ({@link CollusionPolicy#defaultColluders}).
   */
  public static AgencyPool register(PetClient admin, List<String> names) {
    return register(admin, names, CollusionPolicy.defaultColluders(names.size()));
  }

  /**
   * As {@link #register(PetClient, List)}, with agencies that assume at most {@code colluders} colluding
   * agencies, and rounds that declare that many.
   */
  public static AgencyPool register(PetClient admin, List<String> names, int colluders) {
    AgencyPool pool = new AgencyPool(admin, colluders);
    URI server = admin.server();
    for (String name : names) {
      AgencyKeyFile identity = AgencyKeyFile.generate(name);
      admin.post("/v1/agencies", Map.of("id", name, "publicKey", identity.publicKeyBase64()));
      pool.agencies.put(name, new AgencyClient(server, name, identity.key(), RetryPolicy.defaults(),
          CollusionPolicy.tolerating(colluders)));
    }
    return pool;
  }

  /** How many colluding agencies the pool's agencies and rounds tolerate. */
  public int colluders() {
    return colluders;
  }

  public List<String> names() {
    return List.copyOf(agencies.keySet());
  }

  /**
   * Creates a round among all the pool's agencies, with phase deadlines of {@link #PHASE_TIMEOUT_SECONDS}.
   *
   * @param noise the round's {@code noise} object, or null for an exact sum
   * @return the round id
   */
  public String createRound(int threshold, int vectorLength, Map<String, Object> noise) {
    return createRound(threshold, vectorLength, PHASE_TIMEOUT_SECONDS, noise);
  }

  /**
   * Creates a round among all the pool's agencies.
   *
   * @param phaseTimeoutSeconds how long each phase waits for agencies that do not answer
   * @param noise the round's {@code noise} object, or null for an exact sum
   * @return the round id
   */
  public String createRound(int threshold, int vectorLength, int phaseTimeoutSeconds, Map<String, Object> noise) {
    return createRound(threshold, null, vectorLength, phaseTimeoutSeconds, noise);
  }

  /**
   * Creates a SecAgg+ round among all the pool's agencies: each masks with {@code neighbours} others, with
   * phase deadlines of {@link #PHASE_TIMEOUT_SECONDS}.
   *
   * @return the round id
   */
  public String createSecAggPlusRound(int threshold, int neighbours, int vectorLength, Map<String, Object> noise) {
    return createRound(threshold, neighbours, vectorLength, PHASE_TIMEOUT_SECONDS, noise);
  }

  private String createRound(int threshold, Integer neighbours, int vectorLength, int phaseTimeoutSeconds,
      Map<String, Object> noise) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("participants", names(), "threshold", threshold,
        "toleratedColluders", colluders, "vectorLength", vectorLength, "phaseTimeoutSeconds", phaseTimeoutSeconds));
    if (neighbours != null) {
      body.put("neighbours", neighbours);
    }
    if (noise != null) {
      body.put("noise", noise);
    }
    JsonNode round = admin.post("/v1/rounds", body);
    return round.get("id").asText();
  }

  /** One agency's client. */
  public AgencyClient agency(String name) {
    return agencies.get(name);
  }

  /**
   * Every agency joins the round concurrently with its input; the last {@code dropouts} agencies stop after
   * answering {@link #DROP_AFTER}. Once every other agency has answered {@link #CLOSED_FOR_DROPOUTS} - the
   * round's status waits for the dropped agencies only - the administrator closes that phase; no deadline
   * is waited for.
   *
   * @return the outcome the survivors saw
   * @throws RoundFailedException if the round fails
   * @throws IllegalStateException if the round waits for other agencies than the dropped ones once the
   *     survivors have answered
   */
  public AgencyClient.Outcome run(String round, Map<String, long[]> inputs, int dropouts) {
    List<String> names = names();
    Set<String> dropped = Set.copyOf(names.subList(names.size() - dropouts, names.size()));
    // Completes once every survivor's answer to the phase the dropouts skip was accepted, or with the
    // first agency's failure.
    CompletableFuture<Void> survivorsAnswered = new CompletableFuture<>();
    AtomicInteger waiting = new AtomicInteger(names.size() - dropouts);
    ExecutorService threads = Executors.newFixedThreadPool(agencies.size());
    try {
      List<Future<AgencyClient.Outcome>> outcomes = new ArrayList<>();
      for (AgencyClient agency : agencies.values()) {
        boolean drops = dropped.contains(agency.agency());
        long[] input = inputs.get(agency.agency());
        outcomes.add(threads.submit(() -> {
          try {
            return agency.join(round, input, drops ? DROP_AFTER : null, phase -> {
              if (!drops && phase == CLOSED_FOR_DROPOUTS && waiting.decrementAndGet() == 0) {
                survivorsAnswered.complete(null);
              }
            });
          } catch (RuntimeException e) {
            survivorsAnswered.completeExceptionally(e);
            throw e;
          }
        }));
      }
      if (dropouts > 0) {
        survivorsAnswered.get();
        closeSkippedPhase(round, dropped);
      }
      AgencyClient.Outcome first = null;
      for (Future<AgencyClient.Outcome> outcome : outcomes) {
        AgencyClient.Outcome value = outcome.get();
        first = first == null ? value : first;
      }
      return first;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the agencies ran round " + round, e);
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Closes {@link #CLOSED_FOR_DROPOUTS} now that only the dropped agencies have not answered it; leaves a
   * round that has already left the phase alone (its agencies see how it went).
   */
  private void closeSkippedPhase(String round, Set<String> dropped) {
    RoundStatus status = AgencyClient.status(admin, round);
    if (!status.state().equals(CLOSED_FOR_DROPOUTS.path())) {
      return;
    }
    if (!Set.copyOf(status.waitingFor()).equals(dropped)) {
      throw new IllegalStateException("round " + round + " waits in phase " + status.state() + " for "
          + status.waitingFor() + ", not for the dropped agencies " + dropped + " only");
    }
    try {
      admin.post("/v1/rounds/" + round + "/close-phase?phase=" + CLOSED_FOR_DROPOUTS.path(), Map.of());
    } catch (PetApiException e) {
      if (e.status() != 409) {
        throw e;
      }
      // the phase closed meanwhile (its deadline): the agencies see how the round went
    }
  }
}
