package org.pet.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
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
    byte[] nonceBytes = new byte[16];
    RANDOM.nextBytes(nonceBytes);
    Map<String, String> headers = headers(agency, key, method, path, body,
        System.currentTimeMillis() / 1000 + clockOffsetSeconds, B64.encodeToString(nonceBytes));
    HttpRequest<Buffer> request = method.equals("GET") ? client.get(port, "localhost", path)
        : client.post(port, "localhost", path);
    headers.forEach(request::putHeader);
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /**
   * The four signature headers of a request with {@code body} (null for none) to {@code path} (the raw
   * path, without the query), signed with {@code key} on behalf of {@code agency} at {@code timestamp}
   * (Unix seconds) with {@code nonce}.
   */
  static Map<String, String> headers(String agency, IdentityKeyPair key, String method, String path, byte[] body,
      long timestamp, String nonce) {
    byte[] signature = key.sign(RequestSignature.content(agency, method, path, body == null ? new byte[0] : body, timestamp,
        nonce));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RequestSignature.AGENCY, agency);
    headers.put(RequestSignature.TIMESTAMP, Long.toString(timestamp));
    headers.put(RequestSignature.NONCE, nonce);
    headers.put(RequestSignature.SIGNATURE, B64.encodeToString(signature));
    return headers;
  }
}
