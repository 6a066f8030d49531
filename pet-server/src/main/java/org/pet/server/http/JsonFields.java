package org.pet.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed reads of request JSON fields; a missing or mistyped field is a 400 problem naming the field. */
public final class JsonFields {

  private JsonFields() {}

  /** The longest free text a field may hold unless it says otherwise. */
  public static final int MAX_TEXT = 10_000;

  /** A non-blank string of at most {@value #MAX_TEXT} characters. */
  public static String requiredText(JsonObject body, String field) {
    return requiredText(body, field, MAX_TEXT);
  }

  /** A non-blank string of at most {@code maxLength} characters. */
  public static String requiredText(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw HttpProblem.badRequest("`" + field + "` must be a non-blank string");
    }
    if (text.length() > maxLength) {
      throw HttpProblem.badRequest("`" + field + "` must have at most " + maxLength + " characters, had "
          + text.length());
    }
    return text;
  }

  /** An id of the {@link Ids} syntax. */
  public static String requiredId(JsonObject body, String field) {
    Object value = body.getValue(field);
    return Ids.require(field, value instanceof String text ? text : null);
  }

  public static int requiredInt(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof Integer number)) {
      throw HttpProblem.badRequest("`" + field + "` must be an integer");
    }
    return number;
  }

  /** A finite number, or {@code fallback} when the field is absent (NaN lets the caller see "missing"). */
  public static double number(JsonObject body, String field, double fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw HttpProblem.badRequest("`" + field + "` must be a finite number");
    }
    return number.doubleValue();
  }

  public static JsonArray requiredArray(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw HttpProblem.badRequest("`" + field + "` must be an array");
    }
    return array;
  }

  /** An optional nested object: null when absent, a 400 when it is not an object. */
  public static JsonObject optionalObject(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      throw HttpProblem.badRequest("`" + field + "` must be an object");
    }
    return object;
  }
}
