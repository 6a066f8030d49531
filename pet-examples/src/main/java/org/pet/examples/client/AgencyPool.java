package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several simulated agencies on one machine, for demos, scenarios and benchmarks: each gets a fresh
 * identity registered with the server by the administrator, and all join a round concurrently, one thread
 * each, exactly as separate agencies would over HTTP.
 */
public final class AgencyPool {

  private final PetClient admin;
  private final Map<String, AgencyClient> agencies = new LinkedHashMap<>();

  private AgencyPool(PetClient admin) {
    this.admin = admin;
  }

  /** Generates an identity for each name and registers it with the server (administrator client). */
  public static AgencyPool register(PetClient admin, List<String> names) {
    AgencyPool pool = new AgencyPool(admin);
    URI server = admin.server();
    for (String name : names) {
      AgencyKeyFile identity = AgencyKeyFile.generate(name);
      admin.post("/v1/agencies", Map.of("id", name, "publicKey", identity.publicKeyBase64()));
      pool.agencies.put(name, new AgencyClient(server, name, identity.key()));
    }
    return pool;
  }

  public List<String> names() {
    return List.copyOf(agencies.keySet());
  }

  /**
   * Creates a round among all the pool's agencies.
   *
   * @param noise the round's {@code noise} object, or null for an exact sum
   * @return the round id
   */
  public String createRound(int threshold, int vectorLength, int phaseTimeoutSeconds, Map<String, Object> noise) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("participants", names(), "threshold", threshold,
        "vectorLength", vectorLength, "phaseTimeoutSeconds", phaseTimeoutSeconds));
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
   * sharing their keys.
   *
   * @return the outcome the survivors saw
   */
  public AgencyClient.Outcome run(String round, Map<String, long[]> inputs, int dropouts) {
    ExecutorService threads = Executors.newFixedThreadPool(agencies.size());
    try {
      List<Future<AgencyClient.Outcome>> outcomes = new ArrayList<>();
      int index = 0;
      for (AgencyClient agency : agencies.values()) {
        AgencyClient.Phase dropAfter = index++ >= agencies.size() - dropouts ? AgencyClient.Phase.SHARES : null;
        long[] input = inputs.get(agency.agency());
        outcomes.add(threads.submit(() -> agency.join(round, input, dropAfter, phase -> { })));
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
}
