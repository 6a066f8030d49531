package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pet.examples.EmbeddedServer;

/**
 * An agency whose requests reach the server but whose answers are lost - the case a server crash right
 * after storing a message produces - resumes from the round's stored state: a phase message the round
 * shows as received counts as accepted (whether the phase is still open or already closed by it), and a
 * long poll that breaks is sent again. A proxy between the agencies and the server carries out each
 * agency's first POST of every phase and the first long poll for each state, then closes the connection
 * without answering.
 */
class AgencyClientLostAnswerTest {

  private static final List<String> AGENCIES = List.of("council", "nhs-trust", "police");

  /** Forwards every request to the server; drops the answer of the requests {@link #dropFirst} picks. */
  private static final class LossyProxy implements AutoCloseable {
    private final HttpServer http;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI backend;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();

    LossyProxy(URI backend) throws IOException {
      this.backend = backend;
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.setExecutor(Executors.newCachedThreadPool());
      http.createContext("/", this::forward);
      http.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Which requests lose their first answer: each agency's POST per phase, the first long poll per state. */
    private static String dropFirst(HttpExchange exchange) {
      String agency = exchange.getRequestHeaders().getFirst("X-Pet-Agency");
      String method = exchange.getRequestMethod();
      String query = exchange.getRequestURI().getRawQuery();
      if (method.equals("POST") && agency != null) {
        return agency + " POST " + exchange.getRequestURI().getPath();
      }
      return method.equals("GET") && query != null && query.startsWith("after=") ? "poll " + query : null;
    }

    private void forward(HttpExchange exchange) throws IOException {
      HttpResponse<byte[]> response = org.pet.examples.HttpForwarding.forward(client, exchange,
          backend.resolve(exchange.getRequestURI().toString()));
      String key = dropFirst(exchange);
      if (key != null && seen.add(key)) {
        dropped.add(key);
        throw new IOException("answer dropped: " + key); // the connection closes with no answer
      }
      exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
      exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
      exchange.getResponseBody().write(response.body());
      exchange.close();
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }

  @Test
  void join_answersLostAfterEveryPhaseMessage_theRoundCompletesWithTheExactSum() throws Exception {
    try (EmbeddedServer server = EmbeddedServer.start(); LossyProxy proxy = new LossyProxy(server.uri())) {
      PetClient admin = server.admin();
      Map<String, AgencyKeyFile> identities = new LinkedHashMap<>();
      for (String agency : AGENCIES) {
        identities.put(agency, AgencyKeyFile.generate(agency));
        admin.post("/v1/agencies", Map.of("id", agency, "publicKey", identities.get(agency).publicKeyBase64()));
      }
      String round = admin.post("/v1/rounds", Map.of("participants", AGENCIES, "threshold", 2, "vectorLength", 3,
          "phaseTimeoutSeconds", 600)).get("id").asText();
      // Short real pauses: the proxy answers the retry at once, there is nothing to wait for.
      RetryPolicy quick = RetryPolicy.builder().initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(10))
          .build();
      ExecutorService threads = Executors.newFixedThreadPool(AGENCIES.size());
      List<Future<AgencyClient.Outcome>> outcomes = new ArrayList<>();
      try {
        for (int i = 0; i < AGENCIES.size(); i++) {
          String agency = AGENCIES.get(i);
          AgencyClient client = new AgencyClient(proxy.uri(), agency, identities.get(agency).key(), quick);
          long[] input = {i + 1, 10L * (i + 1), 100L * (i + 1)};
          outcomes.add(threads.submit(() -> client.join(round, input)));
        }
        for (Future<AgencyClient.Outcome> outcome : outcomes) {
          AgencyClient.Outcome seen = outcome.get(10, TimeUnit.MINUTES); // a safety net only
          assertThat(seen.sum()).containsExactly(6, 60, 600);
          assertThat(seen.included()).containsExactlyInAnyOrderElementsOf(AGENCIES);
        }
      } finally {
        threads.shutdownNow();
      }
      // Every phase message lost its first answer; long polls lose theirs only when one is sent (an agency
      // that finishes a phase after it closed does not poll), so they are not counted.
      assertThat(proxy.dropped.stream().filter(key -> key.contains(" POST "))).hasSize(AGENCIES.size() * 5);
    }
  }
}
