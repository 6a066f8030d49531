package org.pet.server.rounds;

import static org.pet.server.http.JsonFields.optionalObject;
import static org.pet.server.http.JsonFields.requiredArray;
import static org.pet.server.http.JsonFields.requiredInt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pet.server.auth.Authentication;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.server.http.Requests;

/**
 * Secure aggregation rounds: {@code POST /v1/rounds} (administrator), the public status (with long
 * polling) and result, and the agencies' signed phase submissions and outputs.
 */
public final class RoundRoutes {

  /** The longest a long poll of a round's status waits. */
  public static final long LONG_POLL_MILLIS = 25_000;

  private final Requests requests;
  private final Authentication authentication;
  private final RoundService rounds;

  public RoundRoutes(Requests requests, Authentication authentication, RoundService rounds) {
    this.requests = requests;
    this.authentication = authentication;
    this.rounds = rounds;
  }

  public void mount(Router router) {
    router.post("/v1/rounds").handler(authentication::requireAdmin).handler(this::createRound);
    router.get("/v1/rounds/:id").handler(this::status);
    router.post("/v1/rounds/:id/close-phase").handler(authentication::requireAdmin).handler(ctx -> {
      String id = roundId(ctx);
      String phase = ctx.queryParams().get("phase");
      if (phase != null && !RoundService.PHASES.contains(phase)) {
        throw HttpProblem.badRequest("`phase` must be one of " + RoundService.PHASES);
      }
      requests.blocking(ctx, () -> rounds.closePhase(id, phase), status -> status);
    });
    router.get("/v1/rounds/:id/result").handler(ctx -> {
      String id = roundId(ctx);
      requests.blocking(ctx, () -> rounds.result(id), result -> result);
    });
    for (String phase : RoundService.PHASES) {
      router.post("/v1/rounds/:id/" + phase).handler(authentication::requireAgency).handler(ctx -> {
        String id = roundId(ctx);
        Object message = Requests.jsonObject(ctx).getValue("message");
        requests.blocking(ctx, () -> rounds.submit(id, Authentication.agency(ctx), phase,
            message instanceof String text ? text : null), accepted -> accepted);
      });
      if (!phase.equals("unmask")) {
        router.get("/v1/rounds/:id/" + phase).handler(authentication::requireAgency).handler(ctx -> {
          String id = roundId(ctx);
          requests.blocking(ctx, () -> rounds.output(id, Authentication.agency(ctx), phase), output -> output);
        });
      }
    }
  }

  private static String roundId(RoutingContext ctx) {
    return Ids.inPath(ctx.pathParam("id"), "round");
  }

  private void createRound(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx);
    JsonArray participants = requiredArray(body, "participants");
    List<String> ids = new ArrayList<>();
    for (Object participant : participants) {
      ids.add(Ids.require("participants", participant instanceof String id ? id : null));
    }
    int threshold = requiredInt(body, "threshold");
    Integer colluders = body.getValue("toleratedColluders") == null ? null : requiredInt(body, "toleratedColluders");
    Integer neighbours = body.getValue("neighbours") == null ? null : requiredInt(body, "neighbours");
    int vectorLength = requiredInt(body, "vectorLength");
    long timeout = body.getValue("phaseTimeoutSeconds") == null ? 300 : requiredInt(body, "phaseTimeoutSeconds");
    JsonObject noise = optionalObject(body, "noise");
    requests.created(ctx, () -> rounds.create(ids, threshold, colluders, neighbours, vectorLength, timeout, noise));
  }

  /**
   * A round's status; with {@code ?after=STATE}, a long poll: the answer waits (at most
   * {@value #LONG_POLL_MILLIS} ms, holding no thread) until the round leaves STATE.
   */
  private void status(RoutingContext ctx) {
    String id = roundId(ctx);
    String after = ctx.queryParams().get("after");
    if (after == null) {
      requests.blocking(ctx, () -> rounds.status(id), status -> status);
      return;
    }
    if (!RoundService.STATES.contains(after)) {
      throw HttpProblem.badRequest("`after` must be one of " + RoundService.STATES);
    }
    AtomicBoolean answered = new AtomicBoolean();
    io.vertx.core.Vertx vertx = requests.vertx();
    io.vertx.core.Context context = vertx.getOrCreateContext();
    Runnable answer = () -> context.runOnContext(v -> {
      if (answered.compareAndSet(false, true) && !ctx.response().closed()) {
        requests.blocking(ctx, () -> rounds.status(id), status -> status);
      }
    });
    vertx.executeBlocking(() -> rounds.onLeaving(id, after, answer), false).onSuccess(waiting -> {
      if (!waiting) {
        answer.run();
        return;
      }
      long timer = vertx.setTimer(LONG_POLL_MILLIS, t -> answer.run());
      ctx.addEndHandler(done -> vertx.cancelTimer(timer));
    }).onFailure(ctx::fail);
  }
}
