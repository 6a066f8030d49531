package org.pet.server.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.server.http.Requests;

/**
 * The three kinds of caller, as route handlers: the administrator (the configured bearer token), analysts
 * (bearer tokens issued by {@code POST /v1/analysts}, known by their SHA-256) and agencies (every request
 * signed per {@link RequestSignature}). Each handler either passes the request on with the principal
 * recorded ({@link #principal}, {@link #agency}) or fails it with 401.
 */
public final class Authentication {

  private static final String PRINCIPAL = "principal";
  private static final String AGENCY = "agency";

  private final Vertx vertx;
  private final byte[] adminTokenDigest;
  private final AgencyRepository agencies;
  private final AnalystRepository analysts;
  private final Clock clock;

  public Authentication(Vertx vertx, String adminToken, AgencyRepository agencies, AnalystRepository analysts,
      Clock clock) {
    this.vertx = vertx;
    this.adminTokenDigest = sha256(adminToken);
    this.agencies = agencies;
    this.analysts = analysts;
    this.clock = clock;
  }

  /** Who made an authenticated bearer-token request: {@link AnalystRepository#ADMIN} or an analyst's id. */
  public static String principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  public static boolean isAdmin(RoutingContext ctx) {
    return AnalystRepository.ADMIN.equals(principal(ctx));
  }

  /** The agency that signed the request. */
  public static String agency(RoutingContext ctx) {
    return ctx.get(AGENCY);
  }

  public void requireAdmin(RoutingContext ctx) {
    if (!isAdminToken(bearerToken(ctx))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(HttpProblem.unauthorized("an administrator bearer token is required"));
      return;
    }
    ctx.put(PRINCIPAL, AnalystRepository.ADMIN);
    ctx.next();
  }

  /** The administrator, or an analyst identified by the SHA-256 of their bearer token. */
  public void requireAnalyst(RoutingContext ctx) {
    String token = bearerToken(ctx);
    if (isAdminToken(token)) {
      ctx.put(PRINCIPAL, AnalystRepository.ADMIN);
      ctx.next();
      return;
    }
    if (token == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(HttpProblem.unauthorized("an analyst or administrator bearer token is required"));
      return;
    }
    String digest = HexFormat.of().formatHex(sha256(token));
    vertx.executeBlocking(() -> analysts.byTokenDigest(digest)
        .orElseThrow(() -> HttpProblem.unauthorized("unknown bearer token")), false).onSuccess(analyst -> {
          ctx.put(PRINCIPAL, analyst);
          ctx.next();
        }).onFailure(ctx::fail);
  }

  /**
   * Authenticates an agency request signed per {@link RequestSignature}: registered agency, timestamp
   * within the allowed skew of the server's clock, fresh nonce, valid Ed25519 signature over method, path,
   * body digest, timestamp and nonce.
   */
  public void requireAgency(RoutingContext ctx) {
    String agency = ctx.request().getHeader(RequestSignature.AGENCY);
    String timestamp = ctx.request().getHeader(RequestSignature.TIMESTAMP);
    String nonce = ctx.request().getHeader(RequestSignature.NONCE);
    String signature = ctx.request().getHeader(RequestSignature.SIGNATURE);
    if (agency == null || timestamp == null || nonce == null || signature == null) {
      ctx.fail(HttpProblem.unauthorized("agency requests must be signed (X-Pet-Agency, X-Pet-Timestamp, "
          + "X-Pet-Nonce, X-Pet-Signature)"));
      return;
    }
    if (!Ids.valid(agency)) {
      ctx.fail(HttpProblem.unauthorized("unknown agency"));
      return;
    }
    RequestSignature.Stamp stamp = RequestSignature.checkedStamp(timestamp, signature, nonce, clock); // 401s
    long time = stamp.timestamp();
    byte[] signatureBytes = stamp.signature();
    byte[] content = RequestSignature.content(agency, ctx.request().method().name(), ctx.request().path(),
        Requests.bytes(ctx), time, nonce);
    vertx.executeBlocking(() -> {
      byte[] key = agencies.publicKey(agency).orElseThrow(() -> HttpProblem.unauthorized("unknown agency"));
      try {
        new com.google.crypto.tink.subtle.Ed25519Verify(key).verify(signatureBytes, content);
      } catch (java.security.GeneralSecurityException e) {
        throw HttpProblem.unauthorized("invalid request signature");
      }
      if (!agencies.firstUse(agency, nonce, time)) {
        throw HttpProblem.unauthorized("replayed request (nonce already used)");
      }
      return agency;
    }, false).onSuccess(authenticated -> {
      ctx.put(AGENCY, authenticated);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    return header == null || !header.startsWith("Bearer ") ? null : header.substring("Bearer ".length());
  }

  private boolean isAdminToken(String token) {
    return token != null && MessageDigest.isEqual(sha256(token), adminTokenDigest);
  }

  static byte[] sha256(String text) {
    return org.pet.server.http.Digests.sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
