package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.pet.random.Randomness;
import org.pet.secagg.IdentityKeyPair;
import org.pet.server.auth.RequestSignature;

/**
 * A small synchronous JSON client for a pet server (JDK {@link HttpClient}). It authenticates as the
 * administrator (bearer token), as an agency (every request signed per {@link RequestSignature}), or not at
 * all (public endpoints). Error answers become {@link PetApiException} carrying the problem's detail.
 * Thread-safe.
 */
public final class PetClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI server;
  private final String adminToken;
  private final String agency;
  private final IdentityKeyPair agencyKey;
  /**
   * One JDK client for every PetClient in the process: it is thread-safe and pools connections, and each
   * instance owns a selector thread, so fifty simulated agencies would otherwise run a hundred of them.
   */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private PetClient(URI server, String adminToken, String agency, IdentityKeyPair agencyKey) {
    this.server = Objects.requireNonNull(server, "server");
    this.adminToken = adminToken;
    this.agency = agency;
    this.agencyKey = agencyKey;
  }

  /** A client for the public endpoints only. */
  public static PetClient anonymous(URI server) {
    return new PetClient(server, null, null, null);
  }

  /** A client that sends the administrator's bearer token. */
  public static PetClient admin(URI server, String adminToken) {
    return new PetClient(server, Objects.requireNonNull(adminToken, "adminToken"), null, null);
  }

  /** A client that signs every request as {@code agency} with its identity key. */
  public static PetClient agency(URI server, String agency, IdentityKeyPair key) {
    return new PetClient(server, null, Objects.requireNonNull(agency, "agency"), Objects.requireNonNull(key, "key"));
  }

  /** The server's base address. */
  public URI server() {
    return server;
  }

  /** {@code GET path}; returns the JSON answer. */
  public JsonNode get(String path) {
    return send("GET", path, null, null);
  }

  /** {@code POST path} with {@code body} serialised as JSON; returns the JSON answer. */
  public JsonNode post(String path, Object body) {
    try {
      return send("POST", path, JSON.writeValueAsBytes(body), "application/json");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialise the request body", e);
    }
  }

  /** {@code POST path} with raw bytes ({@code application/octet-stream}); returns the JSON answer. */
  public JsonNode postBytes(String path, byte[] body) {
    return send("POST", path, Objects.requireNonNull(body, "body"), "application/octet-stream");
  }

  /** {@code GET path} returning the raw bytes (for binary resources such as relayed linkage steps). */
  public byte[] getBytes(String path) {
    return exchange("GET", path, null, null).body();
  }

  /** {@code GET path} returning the raw text (for non-JSON resources such as {@code /metrics}). */
  public String getText(String path) {
    return new String(exchange("GET", path, null, null).body(), StandardCharsets.UTF_8);
  }

  private JsonNode send(String method, String path, byte[] body, String contentType) {
    HttpResponse<byte[]> response = exchange(method, path, body, contentType);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new PetApiException(response.statusCode(), method + " " + path + ": the answer is not JSON", e);
    }
  }

  private HttpResponse<byte[]> exchange(String method, String path, byte[] body, String contentType) {
    byte[] bytes = body == null ? new byte[0] : body;
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    if (adminToken != null) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    if (agency != null) {
      sign(request, method, server.resolve(path).getRawPath(), bytes);
    }
    HttpResponse<byte[]> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new PetApiException(0, "cannot reach the pet server at " + server + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PetApiException(0, "interrupted while calling " + server, e);
    }
    if (response.statusCode() >= 400) {
      throw new PetApiException(response.statusCode(), method + " " + path + " failed: " + response.statusCode() + " "
          + detail(new String(response.body(), StandardCharsets.UTF_8)), null);
    }
    return response;
  }

  private void sign(HttpRequest.Builder request, String method, String path, byte[] body) {
    long timestamp = System.currentTimeMillis() / 1000;
    byte[] nonceBytes = new byte[16];
    Randomness.secureRandom().nextBytes(nonceBytes);
    String nonce = B64.encodeToString(nonceBytes);
    byte[] signature = agencyKey.sign(RequestSignature.content(method, path, body, timestamp, nonce));
    request.header(RequestSignature.AGENCY, agency).header(RequestSignature.TIMESTAMP, Long.toString(timestamp))
        .header(RequestSignature.NONCE, nonce).header(RequestSignature.SIGNATURE, B64.encodeToString(signature));
  }

  /** The problem's {@code detail} (or title), else the raw body cut to one line. */
  private static String detail(String body) {
    try {
      JsonNode problem = JSON.readTree(body);
      if (problem != null && problem.hasNonNull("detail")) {
        return problem.get("detail").asText();
      }
      if (problem != null && problem.hasNonNull("title")) {
        return problem.get("title").asText();
      }
    } catch (IOException e) {
      // not a problem document; fall through to the raw text
    }
    String line = body == null ? "" : body.strip().replace('\n', ' ');
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
