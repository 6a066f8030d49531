package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.Ed25519Verify;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pet.secagg.IdentityKeyPair;
import org.pet.server.auth.RequestSignature;

/**
 * How {@link PetClient} reports each way a server can fail to give a pet answer, each against a real local
 * socket, and how it addresses a server behind a reverse proxy at a sub-path.
 */
class PetClientTest {

  private static final String HTML = "<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Whitelabel "
      + "Error Page</h1><p>java.lang.IllegalStateException at com.example.Foo</p></body></html>";

  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  /** A local HTTP server that answers every request with {@code status} and {@code body} as text/html. */
  private URI htmlServer(int status, String body) throws IOException {
    return server(exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }

  private URI server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", handler);
    http.start();
    resources.add(() -> http.stop(0));
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** The message has no Java class name and none of a foreign page's text. */
  private static void assertReadable(PetApiException e) {
    assertThat(e.getMessage()).doesNotContain("java.", "Exception", "<", "Whitelabel");
  }

  @Test
  void get_unresolvableHost_saysTheHostDoesNotResolve() {
    PetClient client = PetClient.anonymous(URI.create("http://no-such-host.invalid:8080"));

    assertThatThrownBy(() -> client.get("/v1/transparency/key")).isInstanceOfSatisfying(PetApiException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).startsWith("cannot resolve host no-such-host.invalid")
          .contains("http://no-such-host.invalid:8080");
      assertReadable(e);
    });
  }

  @Test
  void get_closedPort_saysNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    PetClient client = PetClient.anonymous(URI.create("http://127.0.0.1:" + port));

    assertThatThrownBy(() -> client.get("/v1/transparency/key")).isInstanceOfSatisfying(PetApiException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).startsWith("nothing listens at 127.0.0.1:" + port + " (connection refused)");
      assertThat(RetryPolicy.isTransient(e)).as("a restarting server refuses connections for a while").isTrue();
      assertReadable(e);
    });
  }

  @Test
  void get_serverThatNeverAnswers_saysNoAnswerWithinTheTimeout() throws IOException {
    // Connections complete in the backlog; nothing ever reads or answers them.
    ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    resources.add(silent);
    URI address = URI.create("http://127.0.0.1:" + silent.getLocalPort());
    PetClient client = PetClient.anonymous(address).withTimeout(Duration.ofSeconds(3));

    assertThatThrownBy(() -> client.get("/v1/transparency/key")).isInstanceOfSatisfying(PetApiException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).startsWith("no answer from " + address + "/v1/transparency/key within 3 s");
      assertThat(RetryPolicy.isTransient(e)).isTrue();
      assertReadable(e);
    });
  }

  @Test
  void post_connectionClosedAfterTheRequest_saysTheAnswerWasLost_notThatTheServerIsUnreachable() throws IOException {
    ServerSocket closing = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    resources.add(closing);
    Thread acceptor = new Thread(() -> {
      while (!closing.isClosed()) {
        try (Socket socket = closing.accept()) {
          socket.getInputStream().read(new byte[4096]); // the request arrives, the answer never leaves
        } catch (IOException e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    PetClient client = PetClient.anonymous(URI.create("http://127.0.0.1:" + closing.getLocalPort()));

    assertThatThrownBy(() -> client.post("/v1/rounds/r/keys", Map.of("message", "AQ")))
        .isInstanceOfSatisfying(PetApiException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.getMessage()).startsWith("the connection to 127.0.0.1:" + closing.getLocalPort()
              + " closed before the answer to POST /v1/rounds/r/keys arrived")
              .contains("may or may not have been carried out").doesNotContain("cannot reach");
          assertThat(RetryPolicy.isTransient(e)).isTrue();
          assertReadable(e);
        });
  }

  @Test
  void get_html404_saysItDoesNotLookLikeAPetServer() throws IOException {
    URI address = htmlServer(404, HTML);
    PetClient client = PetClient.anonymous(address);

    assertThatThrownBy(() -> client.get("/v1/transparency/key")).isInstanceOfSatisfying(PetApiException.class, e -> {
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.getMessage()).isEqualTo(address + "/v1/transparency/key answered GET with HTTP 404 and a non-JSON "
          + "body: it does not look like a pet server (is the URL " + address + " right?)");
      assertThat(RetryPolicy.isTransient(e)).isFalse();
      assertReadable(e);
    });
  }

  @Test
  void get_html200_saysItDoesNotLookLikeAPetServer() throws IOException {
    URI address = htmlServer(200, HTML);

    assertThatThrownBy(() -> PetClient.anonymous(address).get("/v1/rounds/r"))
        .isInstanceOfSatisfying(PetApiException.class, e -> {
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.getMessage()).contains("HTTP 200 and a non-JSON body: it does not look like a pet server");
          assertReadable(e);
        });
  }

  @Test
  void get_proxyErrorPage502_pointsAtTheServerBehindTheProxy_andStaysTransient() throws IOException {
    URI address = htmlServer(502, "<html><body>502 Bad Gateway</body></html>");

    assertThatThrownBy(() -> PetClient.anonymous(address).get("/v1/rounds/r"))
        .isInstanceOfSatisfying(PetApiException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.getMessage()).contains("HTTP 502 and a non-JSON body", "is the pet server behind it running?");
          assertThat(RetryPolicy.isTransient(e)).isTrue();
          assertReadable(e);
        });
  }

  @Test
  void get_problemJson_keepsTheProblemsDetail() throws IOException {
    URI address = server(exchange -> {
      byte[] bytes = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no round r\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
      exchange.sendResponseHeaders(404, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });

    assertThatThrownBy(() -> PetClient.anonymous(address).get("/v1/rounds/r"))
        .isInstanceOfSatisfying(PetApiException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.getMessage()).isEqualTo("GET /v1/rounds/r failed: 404 no round r");
        });
  }

  /** What a recording server saw of one request. */
  private record Seen(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {}

  private URI recordingServer(List<Seen> seen) throws IOException {
    return server((HttpExchange exchange) -> {
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
          values.get(0)));
      seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes()));
      byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }

  @Test
  void get_addressWithAPathPrefix_sendsEveryRequestUnderThePrefix() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    URI address = recordingServer(seen);

    PetClient.anonymous(URI.create(address + "/pet")).get("/v1/transparency/log?from=0&limit=10");
    PetClient.anonymous(URI.create(address + "/a/b/")).get("/health");
    PetClient.anonymous(address).get("/v1/rounds/r");

    assertThat(seen).extracting(Seen::rawPath).containsExactly("/pet/v1/transparency/log", "/a/b/health",
        "/v1/rounds/r");
    assertThat(seen.get(0).rawQuery()).isEqualTo("from=0&limit=10");
  }

  @Test
  void post_agencyBehindAPathPrefix_signsThePathWithoutThePrefix() throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    URI address = recordingServer(seen);
    IdentityKeyPair key = IdentityKeyPair.generate();

    PetClient.agency(URI.create(address + "/gateway/pet"), "council", key)
        .post("/v1/rounds/round-1/keys", Map.of("message", "AQ"));

    Seen request = seen.get(0);
    assertThat(request.rawPath()).isEqualTo("/gateway/pet/v1/rounds/round-1/keys");
    byte[] signed = RequestSignature.content("council", "POST", "/v1/rounds/round-1/keys", request.body(),
        Long.parseLong(request.headers().get("x-pet-timestamp")), request.headers().get("x-pet-nonce"));
    new Ed25519Verify(key.publicKey()).verify(Base64.getUrlDecoder().decode(request.headers().get("x-pet-signature")),
        signed); // throws unless the signature covers the path without the prefix
    assertThat(request.headers()).containsEntry("x-pet-agency", "council");
  }

  @Test
  void signedPath_dropsTheQuery() {
    assertThat(PetClient.signedPath("/v1/rounds/r?after=keys")).isEqualTo("/v1/rounds/r");
    assertThat(PetClient.signedPath("/v1/linkage/s/messages/2")).isEqualTo("/v1/linkage/s/messages/2");
  }

  @Test
  void anonymous_addressWithAQuery_isRefused() {
    assertThatThrownBy(() -> PetClient.anonymous(URI.create("http://localhost:8080/pet?x=1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no query or fragment");
    assertThatThrownBy(() -> PetClient.anonymous(URI.create("ftp://localhost/pet")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
  }

  @Test
  void withTimeout_notPositive_isRefused() {
    PetClient client = PetClient.anonymous(URI.create("http://localhost:8080"));
    assertThatThrownBy(() -> client.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`timeout` must be > 0, was PT0S");
    assertThatThrownBy(() -> client.withTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
