package org.pet.server.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one failure handler: every error becomes RFC 9457 problem JSON, never a stack trace. */
public final class Problems {

  private static final Logger LOG = Logger.getLogger(Problems.class.getName());
  private static final Map<Integer, String> TITLES = Map.of(400, "Bad Request", 401, "Unauthorized",
      403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 409, "Conflict", 413, "Content Too Large",
      415, "Unsupported Media Type", 422, "Unprocessable Content", 500, "Internal Server Error");

  private Problems() {}

  /** A request path for a problem or a log line: cut to 200 characters, so a huge path is never echoed. */
  public static String shortPath(String path) {
    if (path == null) {
      return "";
    }
    return path.length() <= 200 ? path : path.substring(0, 200) + "...";
  }

  public static void handle(RoutingContext context) {
    Throwable failure = context.failure();
    int status;
    String title;
    String detail;
    if (failure instanceof HttpProblem problem) {
      status = problem.status();
      title = problem.title();
      detail = problem.getMessage();
    } else if (failure instanceof DecodeException) {
      status = 400;
      title = TITLES.get(400);
      detail = "the request body is not valid JSON";
    } else if (failure instanceof io.vertx.ext.web.handler.HttpException e && e.getStatusCode() < 500) {
      status = e.getStatusCode();
      title = TITLES.getOrDefault(status, "Error");
      detail = status == 400 ? "the request could not be decoded (check its percent-encoding)" : title;
    } else if (failure instanceof IllegalArgumentException e) {
      status = 422;
      title = TITLES.get(422);
      detail = e.getMessage();
    } else if (failure == null && context.statusCode() > 0) {
      status = context.statusCode();
      title = TITLES.getOrDefault(status, "Error");
      detail = status == 413 ? "the request body is larger than the server accepts" : title;
    } else {
      status = 500;
      title = TITLES.get(500);
      detail = "internal error";
      LOG.log(Level.WARNING, "unhandled failure on " + shortPath(context.request().path()), failure);
    }
    if (context.response().ended()) {
      return;
    }
    context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
            .put("detail", detail).put("instance", shortPath(context.request().path())).encode());
  }
}
