package org.pet.server.tasks;

import static org.pet.server.http.JsonFields.number;
import static org.pet.server.http.JsonFields.optionalObject;
import static org.pet.server.http.JsonFields.requiredText;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.vdaf.AggregateShareNoise;
import org.pet.vdaf.Prio3Config;

/**
 * A two-aggregator task as one aggregator holds it. Both aggregators' administrators create it with the
 * same id, VDAF, minimum batch size, collector key, noise and verification key; each names the other
 * aggregator (URL and Ed25519 signing key). The leader sends the {@link #digest()} of the shared parameters
 * with every message and the helper refuses a mismatch.
 *
 * @param peerUrl the other aggregator's base URL
 * @param peerSigningKey the other aggregator's Ed25519 public key ({@code GET /v1/aggregator} there)
 * @param minBatchSize the fewest accepted reports a collected batch may have; each aggregator enforces it
 * @param collectorKey the collector's X25519 public key, to which aggregate shares are sealed
 * @param noise null, or the normalised noise object: {@code {"mechanism": "discrete-gaussian",
 *     "epsilon": e, "delta": d}} or {@code {"mechanism": "discrete-laplace", "epsilon": e}}
 */
record TaskDefinition(String id, String role, Prio3Config vdaf, String peerUrl, byte[] peerSigningKey,
    int minBatchSize, byte[] collectorKey, JsonObject noise) {

  static final String GAUSSIAN = "discrete-gaussian";
  static final String LAPLACE = "discrete-laplace";
  private static final Set<String> FIELDS = Set.of("id", "vdaf", "peerUrl", "peerSigningKey", "verifyKey",
      "minBatchSize", "collectorKey", "noise");

  boolean leader() {
    return role.equals("leader");
  }

  /**
   * Parses a {@code POST /v1/tasks} body for a server of the given role; returns the definition and the
   * verification key.
   *
   * @throws HttpProblem 400 naming the first invalid field
   */
  static Created fromRequest(JsonObject body, String role) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw HttpProblem.badRequest("`" + field + "` is not a task field; known: " + FIELDS);
      }
    }
    String id = Ids.require("id", body.getValue("id") instanceof String text ? text : null);
    JsonObject vdafJson = optionalObject(body, "vdaf");
    if (vdafJson == null) {
      throw HttpProblem.badRequest("`vdaf` must be an object, e.g. {\"type\": \"Prio3Sum\", \"maxMeasurement\": 100}");
    }
    Prio3Config vdaf = VdafJson.parse(vdafJson);
    String peerUrl = requiredText(body, "peerUrl", 2000);
    try {
      URI uri = new URI(peerUrl);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new java.net.URISyntaxException(peerUrl, "not an absolute http(s) URL");
      }
    } catch (java.net.URISyntaxException e) {
      throw HttpProblem.badRequest("`peerUrl` must be the other aggregator's http(s) base URL, was " + peerUrl);
    }
    byte[] peerKey = key(body, "peerSigningKey", 32);
    byte[] verifyKey = key(body, "verifyKey", 32);
    byte[] collectorKey = key(body, "collectorKey", 32);
    Object min = body.getValue("minBatchSize");
    if (!(min instanceof Integer size) || size < 1) {
      throw HttpProblem.badRequest("`minBatchSize` must be an integer >= 1");
    }
    JsonObject noise = normaliseNoise(optionalObject(body, "noise"), vdaf);
    return new Created(new TaskDefinition(id, role, vdaf, stripSlash(peerUrl), peerKey, size, collectorKey, noise),
        verifyKey);
  }

  /** A parsed creation request: the definition and the shared verification key. */
  record Created(TaskDefinition definition, byte[] verifyKey) {}

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static byte[] key(JsonObject body, String field, int length) {
    byte[] key = ReportJson.bytes(body, field);
    if (key.length != length) {
      throw HttpProblem.badRequest("`" + field + "` must be " + length + " bytes in base64url, had " + key.length);
    }
    return key;
  }

  private static JsonObject normaliseNoise(JsonObject noise, Prio3Config vdaf) {
    if (noise == null) {
      return null;
    }
    String mechanism = requiredText(noise, "mechanism");
    double epsilon = number(noise, "epsilon", Double.NaN);
    double delta = number(noise, "delta", mechanism.equals(LAPLACE) ? 0 : Double.NaN);
    JsonObject normalised = new JsonObject().put("mechanism", mechanism).put("epsilon", epsilon);
    if (mechanism.equals(GAUSSIAN)) {
      normalised.put("delta", delta);
    } else if (!mechanism.equals(LAPLACE)) {
      throw HttpProblem.badRequest("`noise.mechanism` must be " + GAUSSIAN + " or " + LAPLACE + ", was " + mechanism);
    } else if (delta != 0) {
      throw HttpProblem.badRequest("`noise.delta` must be 0 or absent for " + LAPLACE + " (pure epsilon-DP)");
    }
    try {
      buildNoise(normalised, vdaf);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`noise`: " + e.getMessage());
    }
    return normalised;
  }

  private static AggregateShareNoise buildNoise(JsonObject noise, Prio3Config vdaf) {
    double epsilon = noise.getDouble("epsilon");
    if (Double.isNaN(epsilon)) {
      throw new IllegalArgumentException("`epsilon` is required");
    }
    return noise.getString("mechanism").equals(GAUSSIAN)
        ? AggregateShareNoise.discreteGaussian(vdaf, epsilon, noise.getDouble("delta"))
        : AggregateShareNoise.discreteLaplace(vdaf, epsilon);
  }

  /** The noise this aggregator adds to each batch's share, or null. */
  AggregateShareNoise aggregateNoise() {
    return noise == null ? null : buildNoise(noise, vdaf);
  }

  /** The parameters both aggregators must share, as canonical JSON (fixed field order). */
  JsonObject sharedJson() {
    return new JsonObject().put("id", id).put("vdaf", VdafJson.toJson(vdaf)).put("minBatchSize", minBatchSize)
        .put("collectorKey", ReportJson.text(collectorKey)).put("noise", noise);
  }

  /** SHA-256 (hex) of {@link #sharedJson()}. */
  String digest() {
    return org.pet.server.http.Digests.sha256Hex(sharedJson().encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Everything but the verification key, as stored and served. */
  JsonObject toJson() {
    return sharedJson().put("role", role).put("peerUrl", peerUrl).put("peerSigningKey", ReportJson.text(peerSigningKey))
        .put("digest", digest());
  }

  static TaskDefinition fromStored(String json, String role) {
    JsonObject stored = new JsonObject(json);
    Prio3Config vdaf = VdafJson.parse(stored.getJsonObject("vdaf"));
    return new TaskDefinition(stored.getString("id"), role, vdaf, stored.getString("peerUrl"),
        java.util.Base64.getUrlDecoder().decode(stored.getString("peerSigningKey")), stored.getInteger("minBatchSize"),
        java.util.Base64.getUrlDecoder().decode(stored.getString("collectorKey")), stored.getJsonObject("noise"));
  }
}
