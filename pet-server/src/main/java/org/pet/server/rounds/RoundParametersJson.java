package org.pet.server.rounds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.pet.secagg.SecAggParameters;

/**
 * A round's public parameters as JSON - the fields {@code roundId, participants, threshold,
 * toleratedColluders, neighbours} (k; n - 1 for the complete graph, absent in rounds stored before SecAgg+,
 * which are complete), {@code vectorLength, identityKeys} (agency id to base64url Ed25519 public key) and
 * {@code noise} (see {@link RoundNoise}) of {@code GET /v1/rounds/{id}} - and back. Agencies rebuild the
 * exact {@link SecAggParameters} the server runs from it.
 */
public final class RoundParametersJson {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private RoundParametersJson() {}

  /** The JSON of {@code parameters} without the noise field. */
  static JsonObject toJson(SecAggParameters parameters) {
    JsonObject keys = new JsonObject();
    parameters.identityKeys().forEach((agency, key) -> keys.put(agency, B64.encodeToString(key.toByteArray())));
    return new JsonObject().put("roundId", parameters.roundId())
        .put("participants", new JsonArray(parameters.participants())).put("threshold", parameters.threshold())
        .put("toleratedColluders", parameters.toleratedColluders()).put("neighbours", parameters.neighbours())
        .put("vectorLength", parameters.vectorLength()).put("identityKeys", keys);
  }

  /**
   * Rebuilds the parameters from a round's JSON (with its distributed noise, drawing from the secure
   * default source, if the JSON has a noise object).
   *
   * @throws IllegalArgumentException if the JSON does not describe valid parameters
   */
  public static SecAggParameters fromJson(JsonObject json) {
    try {
      SecAggParameters.Builder builder = SecAggParameters.builder().roundId(json.getString("roundId"))
          .threshold(json.getInteger("threshold")).vectorLength(json.getInteger("vectorLength"))
          // rounds stored before colluders were declared assumed none
          .toleratedColluders(json.getInteger("toleratedColluders", 0));
      if (json.getValue("neighbours") != null) {
        builder.neighbours(json.getInteger("neighbours"));
      }
      if (json.getJsonObject("noise") != null) {
        builder.distributedNoise(RoundNoise.build(json.getJsonObject("noise"), json.getInteger("vectorLength")));
      }
      List<String> participants = new ArrayList<>();
      json.getJsonArray("participants").forEach(p -> participants.add((String) p));
      builder.participants(participants);
      json.getJsonObject("identityKeys")
          .forEach(e -> builder.identityKey(e.getKey(), Base64.getUrlDecoder().decode((String) e.getValue())));
      return builder.build();
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a round description: " + e.getMessage(), e);
    }
  }
}
