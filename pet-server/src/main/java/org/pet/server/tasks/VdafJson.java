package org.pet.server.tasks;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.pet.server.http.HttpProblem;
import org.pet.vdaf.Prio3Config;

/**
 * A task's VDAF as JSON: {@code {"type": "Prio3Count"}}, {@code {"type": "Prio3Sum", "maxMeasurement": M}},
 * {@code {"type": "Prio3SumVec", "length": L, "maxMeasurement": M, "chunkLength": C}}, {@code {"type":
 * "Prio3Histogram", "length": L, "chunkLength": C}}, {@code {"type": "Prio3MultihotCountVec", "length": L,
 * "maxWeight": W, "chunkLength": C}}.
 */
public final class VdafJson {

  private static final Set<String> FIELDS = Set.of("type", "maxMeasurement", "maxWeight", "length", "chunkLength");

  private VdafJson() {}

  public static JsonObject toJson(Prio3Config config) {
    JsonObject json = new JsonObject().put("type", config.type().draftName());
    switch (config.type()) {
      case COUNT -> { }
      case SUM -> json.put("maxMeasurement", config.maxMeasurement());
      case SUM_VEC -> json.put("length", config.length()).put("maxMeasurement", config.maxMeasurement())
          .put("chunkLength", config.chunkLength());
      case HISTOGRAM -> json.put("length", config.length()).put("chunkLength", config.chunkLength());
      case MULTIHOT_COUNT_VEC -> json.put("length", config.length()).put("maxWeight", config.maxMeasurement())
          .put("chunkLength", config.chunkLength());
    }
    return json;
  }

  /**
   * Parses and validates a VDAF object.
   *
   * @throws HttpProblem 400 naming the field that is missing, unknown or out of range
   */
  public static Prio3Config parse(JsonObject json) {
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw HttpProblem.badRequest("`vdaf." + field + "` is not a VDAF parameter; known: " + FIELDS);
      }
    }
    try {
      Prio3Config.Type type = Prio3Config.Type.byName(json.getValue("type") instanceof String name ? name : "");
      long max = number(json, type == Prio3Config.Type.MULTIHOT_COUNT_VEC ? "maxWeight" : "maxMeasurement");
      return new Prio3Config(type, max, (int) number(json, "length"), (int) number(json, "chunkLength"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`vdaf`: " + e.getMessage());
    }
  }

  private static long number(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() > Integer.MAX_VALUE
        && !field.equals("maxMeasurement")) {
      throw new IllegalArgumentException("`" + field + "` must be an integer in range");
    }
    return ((Number) value).longValue();
  }
}
