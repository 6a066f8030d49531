package org.pet.server.tasks;

import com.google.crypto.tink.subtle.Ed25519Verify;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.pet.server.http.HttpProblem;

/**
 * The leader's side of its conversation with the helper: signed JSON requests, answers accepted only when
 * the helper's signature over them verifies ({@link PeerSignature}). Blocking; runs on worker threads.
 */
final class PeerClient {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final AggregatorKeys keys;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final HttpClient http;

  /** @param trust the TLS trust for the helper's certificate, or null for the JDK's authorities */
  PeerClient(AggregatorKeys keys, Clock clock, javax.net.ssl.SSLContext trust) {
    this.keys = keys;
    this.clock = clock;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(60));
    this.http = (trust == null ? builder : builder.sslContext(trust)).build();
  }

  /**
   * POSTs {@code body} to the task's peer at {@code path} and returns its verified JSON answer.
   *
   * @throws HttpProblem 502 if the peer cannot be reached, refuses (its detail quoted), or its answer is not
   *     signed by the task's peer key
   */
  JsonObject post(TaskDefinition task, String path, JsonObject body) {
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    long timestamp = clock.millis() / 1000;
    byte[] nonceBytes = new byte[18];
    random.nextBytes(nonceBytes);
    String nonce = B64.encodeToString(nonceBytes);
    String signature = B64.encodeToString(keys.sign(PeerSignature.request(task.id(), "POST", path, bytes, timestamp,
        nonce)));
    HttpRequest request = HttpRequest.newBuilder(URI.create(task.peerUrl() + path)).timeout(TIMEOUT)
        .header("Content-Type", "application/json").header(PeerSignature.TIMESTAMP, Long.toString(timestamp))
        .header(PeerSignature.NONCE, nonce).header(PeerSignature.SIGNATURE, signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw badGateway("the other aggregator (" + task.peerUrl() + ") cannot be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw badGateway("interrupted while waiting for the other aggregator");
    }
    if (response.statusCode() != 200) {
      throw badGateway("the other aggregator refused (" + response.statusCode() + "): " + detail(response.body()));
    }
    String answerSignature = response.headers().firstValue(PeerSignature.SIGNATURE).orElse("");
    try {
      new Ed25519Verify(task.peerSigningKey()).verify(Base64.getUrlDecoder().decode(answerSignature),
          PeerSignature.response(task.id(), nonce, 200, response.body()));
      return new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException | DecodeException e) {
      throw badGateway("the other aggregator's answer is not signed with the key registered in task " + task.id());
    }
  }

  private static String detail(byte[] body) {
    try {
      String detail = new JsonObject(new String(body, StandardCharsets.UTF_8)).getString("detail");
      return detail == null ? "no detail" : detail.length() > 500 ? detail.substring(0, 500) + "..." : detail;
    } catch (DecodeException | ClassCastException e) {
      return "a body that is not problem JSON";
    }
  }

  private static HttpProblem badGateway(String detail) {
    return new HttpProblem(502, "Bad Gateway", detail);
  }
}
