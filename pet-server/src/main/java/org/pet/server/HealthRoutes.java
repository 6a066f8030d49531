package org.pet.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.pet.server.http.Requests;
import org.pet.server.store.Database;
import org.pet.server.transparency.TransparencyService;

/**
 * Liveness and readiness, apart: {@code GET /health/live} answers 200 while the process serves HTTP;
 * {@code GET /health} (and {@code /health/ready}) checks the database (a connection that answers) and the
 * transparency log (the stored entries and checkpoint are those the server signed) and answers 200 with
 * {@code "status": "UP"}, or 503 with {@code "DOWN"} and which part is down and why - for a load balancer
 * that should stop sending requests without restarting the process.
 */
final class HealthRoutes {

  private final Requests requests;
  private final Database database;
  private final TransparencyService transparency;

  HealthRoutes(Requests requests, Database database, TransparencyService transparency) {
    this.requests = requests;
    this.database = database;
    this.transparency = transparency;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health").handler(this::ready);
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    requests.vertx().executeBlocking(this::check, false).onSuccess(health -> ctx.response()
        .setStatusCode("UP".equals(health.getString("status")) ? 200 : 503)
        .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(health.encode()))
        .onFailure(ctx::fail);
  }

  private JsonObject check() {
    JsonObject databaseState;
    boolean databaseUp;
    try (Connection connection = database.connection()) {
      databaseUp = connection.isValid(5);
      databaseState = new JsonObject().put("status", databaseUp ? "UP" : "DOWN");
      if (!databaseUp) {
        databaseState.put("reason", "the connection does not answer");
      }
    } catch (SQLException e) {
      databaseUp = false;
      databaseState = new JsonObject().put("status", "DOWN").put("reason", "cannot connect: " + e.getSQLState());
    }
    JsonObject logState = new JsonObject().put("treeSize", transparency.checkpoint().checkpoint().treeSize());
    boolean logUp = false;
    if (!databaseUp) {
      logState.put("status", "UNKNOWN").put("reason", "the database is down");
    } else {
      try {
        Optional<String> problem = transparency.storedStateProblem();
        logUp = problem.isEmpty();
        logState.put("status", logUp ? "UP" : "DOWN");
        problem.ifPresent(reason -> logState.put("reason", reason));
      } catch (SQLException e) {
        logState.put("status", "DOWN").put("reason", "cannot read the log: " + e.getSQLState());
      }
    }
    return new JsonObject().put("status", databaseUp && logUp ? "UP" : "DOWN").put("live", true)
        .put("database", databaseState).put("log", logState);
  }
}
