package org.pet.server.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.server.http.JsonFields;
import org.pet.server.http.Requests;

/** {@code POST /v1/agencies} and {@code POST /v1/analysts} (administrator). */
public final class RegistrationRoutes {

  private final Requests requests;
  private final Authentication authentication;
  private final Registrations registrations;

  public RegistrationRoutes(Requests requests, Authentication authentication, Registrations registrations) {
    this.requests = requests;
    this.authentication = authentication;
    this.registrations = registrations;
  }

  public void mount(Router router) {
    router.post("/v1/agencies").handler(authentication::requireAdmin).handler(this::registerAgency);
    router.post("/v1/analysts").handler(authentication::requireAdmin).handler(this::registerAnalyst);
  }

  private void registerAgency(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx);
    String id = JsonFields.requiredId(body, "id");
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(JsonFields.requiredText(body, "publicKey", 100));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`publicKey` must be base64url");
    }
    if (key.length != 32) {
      throw HttpProblem.badRequest("`publicKey` must be a 32-byte Ed25519 public key");
    }
    requests.created(ctx, () -> registrations.registerAgency(id, key));
  }

  /** Issues an analyst's bearer token; it is shown once and only its SHA-256 is kept. */
  private void registerAnalyst(RoutingContext ctx) {
    Object id = Requests.jsonObject(ctx).getValue("id");
    if (!(id instanceof String text) || !AnalystRepository.validId(text)) {
      throw HttpProblem.badRequest("`id` must be " + Ids.DESCRIPTION + ", and not \"" + AnalystRepository.ADMIN + "\"");
    }
    requests.created(ctx, () -> registrations.registerAnalyst(text));
  }
}
