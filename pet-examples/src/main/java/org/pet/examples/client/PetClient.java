package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.pet.random.Randomness;
import org.pet.secagg.IdentityKeyPair;
import org.pet.server.auth.RequestSignature;

/**
 * A small synchronous JSON client for a pet server (JDK {@link HttpClient}). It authenticates as the
 * administrator (bearer token), as an agency (every request signed per {@link RequestSignature}), or not at
 * all (public endpoints). Error answers become {@link PetApiException} carrying the problem's detail.
 *
 * <p>The server address may carry a path - {@code https://gateway.example/pet} for a pet server behind a
 * reverse proxy at a sub-path - and every request then goes to that path followed by the API path
 * ({@code https://gateway.example/pet/v1/rounds/...}). The proxy is expected to strip the prefix, since a
 * pet server routes {@code /v1/...}; an agency therefore signs the API path without the prefix - the path
 * the pet server receives (docs/PROTOCOL.md section 7).
 *
 * <p>Failures say what to check, without Java class names or the body of a foreign error page: a host
 * name that does not resolve, nothing listening at the address (connection refused), no answer within
 * the timeout, a connection closed after the request was sent (it may have been carried out), and an
 * answer that is not JSON (not a pet server, or a proxy's error page). Each of them but the last has
 * {@link PetApiException#status()} 0 and an {@link IOException} as its cause, which is what
 * {@link RetryPolicy#isTransient} retries.
 *
 * <p>Thread-safe.
 */
public final class PetClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  /** How long a request waits for its answer unless {@link #withTimeout} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI server;
  /** The address without a trailing slash, to which each API path is appended. */
  private final String base;
  private final Duration timeout;
  private final String adminToken;
  private final String agency;
  private final IdentityKeyPair agencyKey;
  /**
   * One JDK client for every PetClient in the process: it is thread-safe and pools connections, and each
   * instance owns a selector thread, so fifty simulated agencies would otherwise run a hundred of them.
   */
  private static volatile HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT).build();

  /**
   * Makes every client in this process trust the CA certificates of {@code caPem} as well as the JDK's
   * authorities: for pet servers whose HTTPS certificate a private CA issued ({@code --ca FILE}).
   *
   * @throws IllegalArgumentException if the file is not a PEM file of certificates
   * @throws java.io.UncheckedIOException if it cannot be read
   */
  public static synchronized void trust(java.nio.file.Path caPem) {
    try {
      HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
          .sslContext(org.pet.server.http.PemTrust.sslContext(caPem)).build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + caPem, e);
    }
  }

  private PetClient(URI server, Duration timeout, String adminToken, String agency, IdentityKeyPair agencyKey) {
    this.server = checkAddress(server);
    String address = server.toString();
    this.base = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    this.timeout = timeout;
    this.adminToken = adminToken;
    this.agency = agency;
    this.agencyKey = agencyKey;
  }

  private static URI checkAddress(URI server) {
    Objects.requireNonNull(server, "server");
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || server.getHost() == null
        || server.getRawQuery() != null || server.getRawFragment() != null) {
      throw new IllegalArgumentException("`server` must be an http:// or https:// address with a host and no query "
          + "or fragment, was " + server);
    }
    return server;
  }

  /**
   * A client for the public endpoints only.
   *
   * @throws IllegalArgumentException if {@code server} is not an http(s) address with a host, or has a query or
   *     fragment
   */
  public static PetClient anonymous(URI server) {
    return new PetClient(server, DEFAULT_TIMEOUT, null, null, null);
  }

  /** A client that sends the administrator's bearer token; {@code server} as for {@link #anonymous}. */
  public static PetClient admin(URI server, String adminToken) {
    return new PetClient(server, DEFAULT_TIMEOUT, Objects.requireNonNull(adminToken, "adminToken"), null, null);
  }

  /** A client that signs every request as {@code agency} with its identity key; {@code server} as for {@link #anonymous}. */
  public static PetClient agency(URI server, String agency, IdentityKeyPair key) {
    return new PetClient(server, DEFAULT_TIMEOUT, null, Objects.requireNonNull(agency, "agency"),
        Objects.requireNonNull(key, "key"));
  }

  /**
   * This client with another limit on how long each request waits for its answer (default
   * {@link #DEFAULT_TIMEOUT}).
   *
   * @throws IllegalArgumentException unless {@code timeout} is > 0
   */
  public PetClient withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("`timeout` must be > 0, was " + timeout);
    }
    return new PetClient(server, timeout, adminToken, agency, agencyKey);
  }

  /** The server's base address, as given (with its path prefix, if any). */
  public URI server() {
    return server;
  }

  /**
   * Where a request for the API path {@code path} goes: the base address followed by {@code path}.
   *
   * @throws IllegalArgumentException unless {@code path} starts with '/'
   */
  public URI resolve(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("`path` must start with '/', was " + path);
    }
    return URI.create(base + path);
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
    JsonNode json = json(response.body());
    if (json == null) {
      throw notJson(response.statusCode(), method, path, null);
    }
    return json;
  }

  private HttpResponse<byte[]> exchange(String method, String path, byte[] body, String contentType) {
    byte[] bytes = body == null ? new byte[0] : body;
    URI target = resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    if (adminToken != null) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    if (agency != null) {
      sign(request, method, signedPath(path), bytes);
    }
    HttpResponse<byte[]> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new PetApiException(0, noAnswer(e, method, path, target), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PetApiException(0, "interrupted while calling " + target, e);
    }
    if (response.statusCode() >= 400) {
      JsonNode problem = json(response.body());
      if (problem == null || !problem.isObject()) {
        throw notJson(response.statusCode(), method, path, null);
      }
      throw new PetApiException(response.statusCode(), method + " " + path + " failed: " + response.statusCode() + " "
          + detail(problem, response.body()), null);
    }
    return response;
  }

  /**
   * The path an agency signs: the API path without a query, and without the base address's path prefix - the
   * path the pet server receives once a reverse proxy has stripped the prefix (docs/PROTOCOL.md section 7).
   */
  static String signedPath(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** What to check when a request got no answer, in words (the cause keeps the details for --verbose). */
  private String noAnswer(IOException e, String method, String path, URI target) {
    String hostPort = target.getHost() + ":" + port(target);
    if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
      return "cannot resolve host " + target.getHost() + " (is the server address " + server + " right?)";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "cannot connect to " + hostPort + ": no answer to the connection within " + seconds(CONNECT_TIMEOUT)
          + " (is the address right? is a firewall dropping the packets?)";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer from " + target + " within " + seconds(timeout) + " (is the server overloaded, or is it not a "
          + "pet server?)";
    }
    if (e instanceof ConnectException) {
      String reason = innermostMessage(e);
      if (reason != null && !reason.toLowerCase(Locale.ROOT).contains("refused")) {
        return "cannot connect to " + hostPort + " (" + reason.toLowerCase(Locale.ROOT) + ")";
      }
      return "nothing listens at " + hostPort + " (connection refused): is the pet server running, and is the "
          + "port right?";
    }
    if (causedBy(e, SSLException.class)) {
      return "the TLS handshake with " + hostPort + " failed (does it serve https? is its certificate trusted?)";
    }
    return "the connection to " + hostPort + " closed before the answer to " + method + " " + path
        + " arrived: the request may or may not have been carried out";
  }

  /** An answer that is not a JSON document where a pet server always sends one. */
  private PetApiException notJson(int status, String method, String path, Throwable cause) {
    String what = resolve(path) + " answered " + method + " with HTTP " + status + " and a non-JSON body";
    if (status == 502 || status == 503 || status == 504) {
      return new PetApiException(status, what + ": a proxy's error page? (is the pet server behind it running?)",
          cause);
    }
    return new PetApiException(status, what + ": it does not look like a pet server (is the URL " + server
        + " right?)", cause);
  }

  private static JsonNode json(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static int port(URI target) {
    return target.getPort() >= 0 ? target.getPort() : target.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static String innermostMessage(Throwable e) {
    String message = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
        : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private void sign(HttpRequest.Builder request, String method, String path, byte[] body) {
    long timestamp = System.currentTimeMillis() / 1000;
    byte[] nonceBytes = new byte[16];
    Randomness.secureRandom().nextBytes(nonceBytes);
    String nonce = B64.encodeToString(nonceBytes);
    byte[] signature = agencyKey.sign(RequestSignature.content(agency, method, path, body, timestamp, nonce));
    request.header(RequestSignature.AGENCY, agency).header(RequestSignature.TIMESTAMP, Long.toString(timestamp))
        .header(RequestSignature.NONCE, nonce).header(RequestSignature.SIGNATURE, B64.encodeToString(signature));
  }

  /** The problem's {@code detail} (or title), else the raw JSON cut to one line. */
  private static String detail(JsonNode problem, byte[] body) {
    if (problem.hasNonNull("detail")) {
      return problem.get("detail").asText();
    }
    if (problem.hasNonNull("title")) {
      return problem.get("title").asText();
    }
    String line = new String(body, StandardCharsets.UTF_8).strip().replace('\n', ' ');
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
