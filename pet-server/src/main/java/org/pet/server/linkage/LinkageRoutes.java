package org.pet.server.linkage;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.pet.server.auth.Authentication;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.server.http.Requests;

/** Data linkage sessions: {@code POST /v1/linkage} (administrator), the public description, relayed steps. */
public final class LinkageRoutes {

  private final Requests requests;
  private final Authentication authentication;
  private final LinkageService linkage;

  public LinkageRoutes(Requests requests, Authentication authentication, LinkageService linkage) {
    this.requests = requests;
    this.authentication = authentication;
    this.linkage = linkage;
  }

  public void mount(Router router) {
    router.post("/v1/linkage").handler(authentication::requireAdmin).handler(ctx -> {
      var body = Requests.jsonObject(ctx);
      requests.created(ctx, () -> linkage.create(body));
    });
    router.get("/v1/linkage/:id").handler(ctx -> {
      String id = sessionId(ctx);
      requests.blocking(ctx, () -> linkage.describe(id), description -> description);
    });
    router.post("/v1/linkage/:id/messages").handler(authentication::requireAgency).handler(ctx -> {
      String id = sessionId(ctx);
      byte[] message = Requests.bytes(ctx);
      requests.blocking(ctx, () -> linkage.submit(id, Authentication.agency(ctx), message), status -> status);
    });
    router.get("/v1/linkage/:id/messages/:step").handler(authentication::requireAgency).handler(this::message);
  }

  private static String sessionId(RoutingContext ctx) {
    return Ids.inPath(ctx.pathParam("id"), "linkage session");
  }

  /** A relayed linkage step, as the raw PsiWire bytes. */
  private void message(RoutingContext ctx) {
    String id = sessionId(ctx);
    int step;
    try {
      step = Integer.parseInt(ctx.pathParam("step"));
    } catch (NumberFormatException e) {
      throw HttpProblem.notFound("linkage sessions have steps 1 to 4");
    }
    requests.vertx().executeBlocking(() -> linkage.message(id, Authentication.agency(ctx), step), false)
        .onSuccess(bytes -> ctx.response().putHeader("Content-Type", "application/octet-stream")
            .end(io.vertx.core.buffer.Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }
}
