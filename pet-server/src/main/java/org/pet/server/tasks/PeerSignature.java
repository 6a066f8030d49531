package org.pet.server.tasks;

import java.nio.charset.StandardCharsets;
import org.pet.server.http.Digests;

/**
 * How the two aggregators of a task authenticate each other (Ed25519, base64url without padding). The
 * leader signs each request - {@code "PET-PEER1\n" + task + "\n" + METHOD + "\n" + path + "\n" +
 * hex(SHA-256(body)) + "\n" + timestamp + "\n" + nonce} in {@value #SIGNATURE}, with {@value #TIMESTAMP}
 * (Unix seconds, within {@link org.pet.server.auth.RequestSignature#MAX_SKEW_SECONDS} of the helper's clock)
 * and a fresh {@value #NONCE} that the helper accepts once. The helper signs its answer - {@code
 * "PET-PEER1-RESPONSE\n" + task + "\n" + request nonce + "\n" + status + "\n" + hex(SHA-256(body))} in
 * {@value #SIGNATURE} of the response - so the leader acts only on answers of the real helper to this very
 * request. Each verifies with the public key the administrator registered for the peer in the task.
 */
public final class PeerSignature {

  public static final String TIMESTAMP = "X-Pet-Peer-Timestamp";
  public static final String NONCE = "X-Pet-Peer-Nonce";
  public static final String SIGNATURE = "X-Pet-Peer-Signature";

  private PeerSignature() {}

  static byte[] request(String task, String method, String path, byte[] body, long timestamp, String nonce) {
    return ("PET-PEER1\n" + task + "\n" + method + "\n" + path + "\n" + Digests.sha256Hex(body) + "\n" + timestamp + "\n"
        + nonce).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] response(String task, String nonce, int status, byte[] body) {
    return ("PET-PEER1-RESPONSE\n" + task + "\n" + nonce + "\n" + status + "\n" + Digests.sha256Hex(body))
        .getBytes(StandardCharsets.UTF_8);
  }

}
