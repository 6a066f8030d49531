package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.pet.secagg.IdentityKeyPair;
import org.pet.server.tasks.ReportJson;
import org.pet.server.tasks.VdafJson;
import org.pet.vdaf.CollectorShares;
import org.pet.vdaf.Hpke;
import org.pet.vdaf.Prio3;
import org.pet.vdaf.Prio3Config;
import org.pet.vdaf.Report;
import org.pet.vdaf.TwoAggregatorPrio3;

/**
 * The three parties of a two-aggregator Prio3 task over HTTP: the administrators creating the task on the
 * leader and the helper ({@link #createOnBoth}), an agency submitting reports ({@link #submit}) and the
 * collector opening a batch ({@link #collect}). Refusals come back as {@link PetApiException}.
 */
public final class TaskClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private TaskClient() {}

  /** A task as an agency sees it: its VDAF, both aggregators' HPKE keys, checked to agree. */
  public record TaskView(String id, Prio3Config vdaf, byte[] leaderKey, byte[] helperKey) {}

  /**
   * Creates the task on both aggregators with a fresh random verification key (sent to the two
   * aggregators only, never shown) and returns the leader's task status.
   *
   * @param noise null, or {@code {"mechanism": ..., "epsilon": ..., "delta": ...}}
   */
  public static JsonNode createOnBoth(PetClient leader, PetClient helper, String id, Prio3Config vdaf,
      int minBatchSize, byte[] collectorPublicKey, Map<String, Object> noise) {
    byte[] verifyKey = new byte[32];
    RANDOM.nextBytes(verifyKey);
    String leaderSigning = leader.get("/v1/aggregator").path("signingKey").asText();
    String helperSigning = helper.get("/v1/aggregator").path("signingKey").asText();
    ObjectNode body = JSON.createObjectNode().put("id", id);
    body.set("vdaf", JSON.valueToTree(VdafJson.toJson(vdaf).getMap()));
    body.put("verifyKey", B64.encodeToString(verifyKey)).put("minBatchSize", minBatchSize)
        .put("collectorKey", B64.encodeToString(collectorPublicKey));
    if (noise != null) {
      body.set("noise", JSON.valueToTree(noise));
    }
    JsonNode created = leader.post("/v1/tasks", body.deepCopy().put("peerUrl", helper.server().toString())
        .put("peerSigningKey", helperSigning));
    helper.post("/v1/tasks", body.deepCopy().put("peerUrl", leader.server().toString())
        .put("peerSigningKey", leaderSigning));
    return created;
  }

  /**
   * Reads a task from the leader and from the helper it names, checking that the two agree on its
   * parameters (the same digest).
   *
   * @param helperOverride the helper's address as the agency knows it independently, or null to use the one
   *     the leader names
   * @throws IllegalStateException if the aggregators disagree
   */
  public static TaskView view(URI leader, String task, URI helperOverride) {
    JsonNode atLeader = PetClient.anonymous(leader).get("/v1/tasks/" + task);
    URI helper = helperOverride != null ? helperOverride : URI.create(atLeader.path("peerUrl").asText());
    JsonNode atHelper = PetClient.anonymous(helper).get("/v1/tasks/" + task);
    if (!atLeader.path("role").asText().equals("leader") || !atHelper.path("role").asText().equals("helper")) {
      throw new IllegalStateException("task " + task + ": " + leader + " must be its leader and " + helper
          + " its helper");
    }
    if (!atLeader.path("digest").asText().equals(atHelper.path("digest").asText())) {
      throw new IllegalStateException("task " + task + " has different parameters at the leader and the helper; "
          + "not submitting");
    }
    return new TaskView(task, vdaf(atLeader), Base64.getUrlDecoder().decode(atLeader.path("hpkePublicKey").asText()),
        Base64.getUrlDecoder().decode(atHelper.path("hpkePublicKey").asText()));
  }

  /**
   * Shards one measurement, seals it to both aggregators, signs it and submits it to the leader.
   *
   * @throws IllegalArgumentException if the measurement is not valid for the task's VDAF (nothing is sent)
   * @return the leader's answer ({@code {"task", "reportId", "state": "pending"}})
   */
  public static JsonNode submit(URI leader, String agency, IdentityKeyPair key, TaskView task, long[] measurement) {
    Report report = Report.seal(TwoAggregatorPrio3.of(task.vdaf()), task.id(), agency, measurement, task.leaderKey(),
        task.helperKey(), RANDOM);
    return submit(leader, agency, key, report);
  }

  /** Signs and submits a report already sealed. */
  public static JsonNode submit(URI leader, String agency, IdentityKeyPair key, Report report) {
    io.vertx.core.json.JsonObject body = ReportJson.toJson(report, report.sign(key.privateKey()));
    return PetClient.agency(leader, agency, key).post("/v1/tasks/" + report.taskId() + "/reports", body.getMap());
  }

  /**
   * A report whose measurement encoding is not valid (the first element set to {@code claimed}), with a proof
   * as an honest client would compute it: what a faulty client that skipped validation sends. Aggregators
   * reject it. For demonstrations and tests.
   */
  public static Report forgedReport(TaskView task, String agency, long claimed) {
    TwoAggregatorPrio3 vdaf = TwoAggregatorPrio3.of(task.vdaf());
    java.math.BigInteger[] encoded = new java.math.BigInteger[vdaf.encodedMeasurementLength()];
    java.util.Arrays.fill(encoded, java.math.BigInteger.ZERO);
    encoded[0] = java.math.BigInteger.valueOf(claimed);
    byte[] reportId = new byte[Prio3.NONCE_SIZE];
    RANDOM.nextBytes(reportId);
    byte[] rand = new byte[vdaf.randSize()];
    RANDOM.nextBytes(rand);
    Prio3.Sharded sharded = vdaf.shardUnchecked(Report.applicationContext(task.id()), encoded, reportId, rand);
    return Report.seal(task.id(), reportId, agency, sharded, task.leaderKey(), task.helperKey());
  }

  /** The {@code vdaf} object of a task or collection answer. */
  private static Prio3Config vdaf(JsonNode answer) {
    return VdafJson.parse(new io.vertx.core.json.JsonObject(answer.path("vdaf").toString()));
  }

  /** A collected batch, opened. */
  public record Collected(String task, long batch, long reportCount, long rejected, long[] aggregate,
      String guarantee) {}

  /**
   * Collects the open batch at the leader and opens both aggregate shares with the collector's key.
   *
   * @throws IllegalStateException if a share does not open (sealed to another key, or altered)
   */
  public static Collected collect(PetClient leaderAdmin, String task, Hpke.KeyPair collector) {
    return open(leaderAdmin.post("/v1/tasks/" + task + "/collections", Map.of()), collector);
  }

  /** Opens a collection answer ({@code POST /v1/tasks/{id}/collections} or its {@code GET}). */
  public static Collected open(JsonNode collection, Hpke.KeyPair collector) {
    String task = collection.path("task").asText();
    long batch = collection.path("batch").asLong();
    long count = collection.path("reportCount").asLong();
    Prio3Config vdaf = vdaf(collection);
    try {
      byte[] leaderShare = CollectorShares.open(collector, task, batch, count, TwoAggregatorPrio3.LEADER,
          Base64.getUrlDecoder().decode(collection.path("leaderShare").asText()));
      byte[] helperShare = CollectorShares.open(collector, task, batch, count, TwoAggregatorPrio3.HELPER,
          Base64.getUrlDecoder().decode(collection.path("helperShare").asText()));
      long[] aggregate = TwoAggregatorPrio3.of(vdaf).unshard(List.of(leaderShare, helperShare));
      return new Collected(task, batch, count, collection.path("rejected").asLong(), aggregate,
          collection.path("guarantee").asText());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the aggregate shares of batch " + batch + " do not open with this collector "
          + "key: " + e.getMessage());
    }
  }
}
