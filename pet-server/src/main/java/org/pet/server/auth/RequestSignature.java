package org.pet.server.auth;

import java.nio.charset.StandardCharsets;

/**
 * What an agency signs for each request (Ed25519, base64url without padding in {@code X-Pet-Signature}):
 * the UTF-8 bytes of {@code "PET2\n" + agency + "\n" + METHOD + "\n" + path + "\n" + hex(SHA-256(body)) + "\n" + timestamp
 * + "\n" + nonce}, with the timestamp in Unix seconds ({@code X-Pet-Timestamp}) and a fresh random nonce of
 * at least 16 bytes in base64url ({@code X-Pet-Nonce}); {@code X-Pet-Agency} names the agency.
 */
public final class RequestSignature {

  public static final String AGENCY = "X-Pet-Agency";
  public static final String TIMESTAMP = "X-Pet-Timestamp";
  public static final String NONCE = "X-Pet-Nonce";
  public static final String SIGNATURE = "X-Pet-Signature";
  /** Requests whose timestamp is further than this from the server's clock are refused. */
  public static final long MAX_SKEW_SECONDS = 300;

  private RequestSignature() {}

  /** A signed request's timestamp (Unix seconds) and decoded signature. */
  public record Stamp(long timestamp, byte[] signature) {}

  /**
   * Parses the timestamp and signature headers of a signed request and checks the timestamp against the
   * clock and the nonce's length.
   *
   * @throws org.pet.server.http.HttpProblem 401 naming what is malformed or stale
   */
  public static Stamp checkedStamp(String timestamp, String signature, String nonce, java.time.Clock clock) {
    long time;
    byte[] signatureBytes;
    try {
      time = Long.parseLong(timestamp);
      signatureBytes = java.util.Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw org.pet.server.http.HttpProblem.unauthorized("malformed timestamp or signature header");
    }
    long now = clock.millis() / 1000;
    if (time < now - MAX_SKEW_SECONDS || time > now + MAX_SKEW_SECONDS) {
      throw org.pet.server.http.HttpProblem.unauthorized("stale request timestamp");
    }
    if (nonce.length() < 22 || nonce.length() > 100) {
      throw org.pet.server.http.HttpProblem.unauthorized("the nonce must be 16 to 75 random bytes in base64url");
    }
    return new Stamp(time, signatureBytes);
  }

  /**
   * The text an agency signs. The agency's id is part of it, so a request signed for one id can never be
   * taken as another's (and one public key registers one agency).
   */
  public static byte[] content(String agency, String method, String path, byte[] body, long timestamp, String nonce) {
    String digest = org.pet.server.http.Digests.sha256Hex(body);
    return ("PET2\n" + agency + "\n" + method + "\n" + path + "\n" + digest + "\n" + timestamp + "\n" + nonce)
        .getBytes(StandardCharsets.UTF_8);
  }
}
