package org.pet.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What every handler needs: the request's JSON object body, bounded query parameters, and running
 * blocking work (JDBC) on a worker thread and answering with its JSON or the problem it failed with.
 */
public final class Requests {

  /**
   * The deepest a JSON body may nest objects and arrays (the API's bodies need 3): a body of a thousand
   * levels parses, but would overflow the stack wherever it is encoded again.
   */
  public static final int MAX_JSON_DEPTH = 16;

  private final Vertx vertx;

  public Requests(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * The body as a JSON object.
   *
   * @throws HttpProblem 400 if the body is missing, not JSON, JSON but not an object, or nested deeper than
   *     {@value #MAX_JSON_DEPTH} levels
   */
  public static JsonObject jsonObject(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw HttpProblem.badRequest("a JSON object body is required");
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw HttpProblem.badRequest("the request body is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw HttpProblem.badRequest("the request body must be a JSON object");
    }
    if (deeperThan(object, MAX_JSON_DEPTH)) {
      throw HttpProblem.badRequest("the request body must not nest JSON deeper than " + MAX_JSON_DEPTH + " levels");
    }
    return object;
  }

  /** Whether {@code value} nests objects and arrays more than {@code levels} deep; recurses at most that far. */
  private static boolean deeperThan(Object value, int levels) {
    Iterable<?> children = value instanceof JsonObject object ? object.getMap().values()
        : value instanceof Map<?, ?> map ? map.values()
        : value instanceof JsonArray array ? array.getList()
        : value instanceof List<?> list ? list : null;
    if (children == null) {
      return false;
    }
    if (levels == 0) {
      return true;
    }
    for (Object child : children) {
      if (deeperThan(child, levels - 1)) {
        return true;
      }
    }
    return false;
  }

  /** The raw body bytes (empty if none). */
  public static byte[] bytes(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
  }

  /**
   * An integer query parameter in [min, max], or {@code fallback} if absent.
   *
   * @throws HttpProblem 400 naming the parameter
   */
  public static long queryLong(RoutingContext ctx, String name, long fallback, long min, long max) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(values.get(0));
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest("`" + name + "` must be an integer");
    }
    if (value < min || value > max) {
      throw HttpProblem.badRequest("`" + name + "` must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /** Runs blocking work on a worker thread and answers 200 with its JSON, or fails the request. */
  public <T> void blocking(RoutingContext ctx, Callable<T> work, Function<T, JsonObject> toJson) {
    vertx.executeBlocking(work, false).onSuccess(value -> ctx.json(toJson.apply(value))).onFailure(ctx::fail);
  }

  /** Runs blocking work on a worker thread and answers 201 Created with the new resource's JSON. */
  public void created(RoutingContext ctx, Callable<JsonObject> work) {
    vertx.executeBlocking(work, false).onSuccess(value -> {
      ctx.response().setStatusCode(201);
      ctx.json(value);
    }).onFailure(ctx::fail);
  }

  public Vertx vertx() {
    return vertx;
  }
}
