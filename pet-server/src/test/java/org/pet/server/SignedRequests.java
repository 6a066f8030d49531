package org.pet.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.pet.secagg.IdentityKeyPair;
import org.pet.server.auth.RequestSignature;

/** Agency requests signed as {@link RequestSignature} specifies, for the HTTP tests. */
final class SignedRequests {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private SignedRequests() {}

  /**
   * Sends {@code body} (null for none) signed with {@code key} on behalf of {@code agency}, with the
   * timestamp shifted by {@code clockOffsetSeconds}.
   */
  static HttpResponse<Buffer> send(WebClient client, int port, String agency, IdentityKeyPair key, String method,
      String path, byte[] body, long clockOffsetSeconds) throws Exception {
    long timestamp = System.currentTimeMillis() / 1000 + clockOffsetSeconds;
    byte[] nonceBytes = new byte[16];
    RANDOM.nextBytes(nonceBytes);
    String nonce = B64.encodeToString(nonceBytes);
    byte[] signature = key.sign(RequestSignature.content(agency, method, path, body == null ? new byte[0] : body, timestamp,
        nonce));
    HttpRequest<Buffer> request = (method.equals("GET") ? client.get(port, "localhost", path)
        : client.post(port, "localhost", path))
        .putHeader(RequestSignature.AGENCY, agency).putHeader(RequestSignature.TIMESTAMP, Long.toString(timestamp))
        .putHeader(RequestSignature.NONCE, nonce).putHeader(RequestSignature.SIGNATURE, B64.encodeToString(signature));
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
