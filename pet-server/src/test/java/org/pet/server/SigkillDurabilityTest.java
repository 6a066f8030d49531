package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.secagg.IdentityKeyPair;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages;
import org.pet.server.auth.RequestSignature;
import org.pet.server.rounds.RoundParametersJson;
import org.pet.server.testing.ServerProcess;

/**
 * Every acknowledged write survives SIGKILL of the server (issue 13, finding 1): the server runs as a
 * child JVM on embedded H2 (the default URL), is killed for real right after (or while) answering, and is
 * restarted on the same data directory; what it acknowledged must all be there - each answered query's
 * charge in the ledger and its entry in the transparency log, each accepted round message in the round.
 *
 * <p>No assertion here depends on timing: the kill comes after an observed event (the last 2xx answer, a
 * number of answers, a phase reached), and every wait has only a safety-net timeout of minutes.
 */
class SigkillDurabilityTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  /** A power of two, so that sums of charges are exact in binary floating point. */
  private static final double EPSILON = 0.25;
  private static final long NANO = 1_000_000_000L;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path dataDirectory;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(60)).build();
  private ServerProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** An HTTP answer. */
  private record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(2)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.uri() + path));
  }

  private Answer adminPost(String path, JsonObject body) throws IOException, InterruptedException {
    return send(request(path).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  private JsonObject get(String path) throws IOException, InterruptedException {
    Answer answer = send(request(path).header("Authorization", "Bearer " + TOKEN));
    assertThat(answer.status()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    return answer.json();
  }

  private String registerDataset() throws Exception {
    StringBuilder csv = new StringBuilder("person,district\n");
    for (int i = 0; i < 200; i++) {
      csv.append('p').append(i).append(",d").append(i % 3).append('\n');
    }
    Answer registered = adminPost("/v1/datasets", new JsonObject().put("name", "referrals").put("unitColumn", "person")
        .put("csv", csv.toString()).put("budget", new JsonObject().put("epsilon", 1e6)));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    return registered.json().getString("id");
  }

  private Answer count(String dataset) throws IOException, InterruptedException {
    return adminPost("/v1/datasets/" + dataset + "/queries", new JsonObject().put("type", "count")
        .put("epsilon", EPSILON));
  }

  /** The dataset's ledger total, in nano-epsilon. */
  private long chargedNanos(String dataset) throws Exception {
    return Math.round(get("/v1/datasets/" + dataset + "/budget").getDouble("spentEpsilon") * NANO);
  }

  /** The {@code query} entries of the transparency log for {@code dataset}, every page of it. */
  private List<JsonObject> loggedQueries(String dataset) throws Exception {
    List<JsonObject> queries = new ArrayList<>();
    long from = 0;
    while (true) {
      JsonArray entries = get("/v1/transparency/log?from=" + from + "&limit=1000").getJsonArray("entries");
      for (Object item : entries) {
        JsonObject entry = (JsonObject) item;
        from = Math.max(from, entry.getLong("index") + 1);
        if (entry.getString("type").equals("query") && dataset.equals(entry.getJsonObject("payload")
            .getString("dataset"))) {
          queries.add(entry);
        }
      }
      if (entries.size() < 1000) {
        return queries;
      }
    }
  }

  private static long nanos(List<JsonObject> logged) {
    return logged.stream().mapToLong(e -> Math.round(e.getJsonObject("payload").getDouble("epsilon") * NANO)).sum();
  }

  /**
   * 3 trials of: 30 count queries answered one after another, SIGKILL straight after the 30th answer,
   * restart. Each trial's ledger holds exactly 30 charges and its log exactly 30 query entries.
   */
  @Test
  void answeredQueries_sigkillRightAfterTheLastAnswer_everyChargeAndLogEntrySurvives() throws Exception {
    int trials = 3;
    int queries = 30;
    server = ServerProcess.builder(dataDirectory, TOKEN).start();
    List<String> seen = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int trial = 1; trial <= trials; trial++) {
      String dataset = registerDataset();
      for (int i = 0; i < queries; i++) {
        Answer answer = count(dataset);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      }
      assertThat(server.kill()).isEqualTo(128 + 9);
      server.restart();
      long charges = chargedNanos(dataset) / Math.round(EPSILON * NANO);
      seen.add("trial " + trial + ": answered " + queries + ", charged " + charges + ", logged "
          + loggedQueries(dataset).size());
      expected.add("trial " + trial + ": answered " + queries + ", charged " + queries + ", logged " + queries);
    }
    assertThat(seen).as(server.log()).isEqualTo(expected);
  }

  /**
   * 3 trials of: 4 threads send count queries back to back; once 40 are answered the server is killed
   * with requests in flight, then restarted. Every answered query was charged (a query in flight may be
   * charged without its answer arriving), and the ledger and the log agree: the ledger's total is the sum of
   * the log's query entries. The second half fails while a charge and its log entry are separate
   * transactions (issue 13, finding 2).
   */
  @Test
  void queriesInFlight_sigkill_everyAnsweredChargeSurvivesAndTheLogAgreesWithTheLedger() throws Exception {
    int trials = 3;
    int threads = 4;
    int answersBeforeKill = 40;
    server = ServerProcess.builder(dataDirectory, TOKEN).start();
    List<String> report = new ArrayList<>();
    boolean allAnsweredCharged = true;
    boolean ledgerMatchesLog = true;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int trial = 1; trial <= trials; trial++) {
        String dataset = registerDataset();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(answersBeforeKill);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          senders.add(pool.submit(() -> {
            while (true) {
              Answer answer;
              try {
                answer = count(dataset);
              } catch (IOException e) {
                return null; // the server is gone
              }
              if (answer.status() == 200) {
                answered.incrementAndGet();
                enough.countDown();
              } else {
                refused.incrementAndGet();
              }
            }
          }));
        }
        assertThat(enough.await(5, TimeUnit.MINUTES)).as("40 answers (safety net)").isTrue();
        server.kill();
        for (Future<?> sender : senders) {
          sender.get(5, TimeUnit.MINUTES);
        }
        server.restart();
        long charged = chargedNanos(dataset);
        List<JsonObject> logged = loggedQueries(dataset);
        long per = Math.round(EPSILON * NANO);
        report.add("trial " + trial + ": answered " + answered.get() + " (refused " + refused.get() + "), charged "
            + charged / per + ", logged " + logged.size() + " (" + nanos(logged) / per + " charges)");
        allAnsweredCharged &= refused.get() == 0 && charged >= answered.get() * per;
        ledgerMatchesLog &= charged == nanos(logged);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(allAnsweredCharged).as("every answered query charged: %s", report).isTrue();
    assertThat(ledgerMatchesLog).as("ledger total == sum of the log's query entries: %s", report).isTrue();
  }

  // ---- rounds ----

  private final Map<String, IdentityKeyPair> identities = new LinkedHashMap<>();

  private Answer signed(String agency, String method, String path, JsonObject body) throws Exception {
    byte[] bytes = body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8);
    long timestamp = System.currentTimeMillis() / 1000;
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String nonceText = B64.encodeToString(nonce);
    byte[] signature = identities.get(agency).sign(RequestSignature.content(agency, method, path, bytes, timestamp,
        nonceText));
    HttpRequest.Builder request = request(path).header(RequestSignature.AGENCY, agency)
        .header(RequestSignature.TIMESTAMP, Long.toString(timestamp)).header(RequestSignature.NONCE, nonceText)
        .header(RequestSignature.SIGNATURE, B64.encodeToString(signature));
    if (body != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    return send(request);
  }

  private void submit(String agency, String round, String phase, byte[] message) throws Exception {
    Answer answer = signed(agency, "POST", "/v1/rounds/" + round + "/" + phase,
        new JsonObject().put("message", B64.encodeToString(message)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  /** The phase's output for the agency (the phase must be closed). */
  private byte[] output(String agency, String round, String phase) throws Exception {
    Answer answer = signed(agency, "GET", "/v1/rounds/" + round + "/" + phase, null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return Base64.getUrlDecoder().decode(answer.json().getString("message"));
  }

  private JsonObject status(String round) throws Exception {
    return get("/v1/rounds/" + round);
  }

  private static Set<String> answered(JsonObject status) {
    return status.getJsonArray("answered").stream().map(String.class::cast).collect(Collectors.toSet());
  }

  /** Kills the server, restarts it and returns the round's status as the new incarnation sees it. */
  private JsonObject killAndRestart(String round) throws Exception {
    assertThat(server.kill()).isEqualTo(128 + 9);
    server.restart();
    return status(round);
  }

  /** Registers agencies agency-1 .. agency-n with fresh identity keys; returns their ids. */
  private List<String> registerAgencies(int n) throws Exception {
    for (int i = 1; i <= n; i++) {
      IdentityKeyPair key = IdentityKeyPair.generate();
      identities.put("agency-" + i, key);
      assertThat(adminPost("/v1/agencies", new JsonObject().put("id", "agency-" + i)
          .put("publicKey", B64.encodeToString(key.publicKey()))).status()).isEqualTo(201);
    }
    return List.copyOf(identities.keySet());
  }

  /** A round among {@code ids} with a 600 s phase deadline (never reached). */
  private Answer createRound(List<String> ids, int threshold) throws Exception {
    return adminPost("/v1/rounds", new JsonObject().put("participants", new JsonArray(ids))
        .put("threshold", threshold).put("vectorLength", 4).put("phaseTimeoutSeconds", 600));
  }

  /**
   * Five agencies, threshold 4 (the collusion bound with the default one tolerated colluder), phase
   * deadline 600 s (never reached). Killed with 3 of 5 key
   * advertisements accepted, the round comes back in {@code keys} with those 3 answered; the last two
   * close the phase. Killed again with 3 of 5 share messages accepted, it comes back in {@code shares}
   * with the same 3 answered; a repeat from one of them is a duplicate, and the last two close the phase.
   */
  @Test
  void acceptedRoundMessages_sigkill_theRoundComesBackInTheSamePhaseWithTheSameAnswers() throws Exception {
    server = ServerProcess.builder(dataDirectory, TOKEN).start();
    List<String> ids = registerAgencies(5);
    Answer created = createRound(ids, 4);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String round = created.json().getString("id");
    var parameters = RoundParametersJson.fromJson(status(round));
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    for (String id : ids) {
      agencies.put(id, new SecAggClient(parameters, id, new long[] {1, 2, 3, 4}, identities.get(id)));
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    agencies.forEach((id, agency) -> keys.put(id, agency.advertiseKeys().toBytes()));
    for (String id : ids.subList(0, 3)) {
      submit(id, round, "keys", keys.get(id));
    }

    JsonObject afterFirstKill = killAndRestart(round);
    assertThat(afterFirstKill.getString("state")).as(server.log()).isEqualTo("keys");
    assertThat(answered(afterFirstKill)).isEqualTo(Set.copyOf(ids.subList(0, 3)));
    for (String id : ids.subList(3, 5)) {
      submit(id, round, "keys", keys.get(id));
    }
    assertThat(status(round).getString("state")).isEqualTo("shares");
    Map<String, byte[]> shares = new LinkedHashMap<>();
    for (String id : ids) {
      var directory = SecAggMessages.KeyDirectory.fromBytes(output(id, round, "keys"));
      shares.put(id, agencies.get(id).shareKeys(directory).toBytes());
    }
    for (String id : ids.subList(0, 3)) {
      submit(id, round, "shares", shares.get(id));
    }

    JsonObject afterSecondKill = killAndRestart(round);
    assertThat(afterSecondKill.getString("state")).as(server.log()).isEqualTo("shares");
    assertThat(answered(afterSecondKill)).isEqualTo(Set.copyOf(ids.subList(0, 3)));
    Answer repeated = signed(ids.get(0), "POST", "/v1/rounds/" + round + "/shares",
        new JsonObject().put("message", B64.encodeToString(shares.get(ids.get(0)))));
    assertThat(repeated.status()).isEqualTo(409);
    assertThat(repeated.json().getString("detail")).contains("duplicate submission");
    for (String id : ids.subList(3, 5)) {
      submit(id, round, "shares", shares.get(id));
    }
    assertThat(status(round).getString("state")).isEqualTo("masked");
  }

  /**
   * The crash window between a phase's last message and its closing: the server stores the message (one
   * commit), then the phase's closing (another), then answers. Killed between the two, it holds every
   * expected answer but no closing - here made exactly so by deleting the stored closing while the server is
   * down. After the restart the phase must close at once, not wait for its deadline (600 s here, up to 7
   * days allowed) while every agency waits for it. Fails today: replay closes a phase only where a closing
   * was stored.
   */
  @Test
  void everyAnswerStoredButNotThePhaseClosing_afterRestart_thePhaseClosesWithoutWaitingForItsDeadline()
      throws Exception {
    server = ServerProcess.builder(dataDirectory, TOKEN).start();
    List<String> ids = registerAgencies(3);
    Answer created = createRound(ids, 2);
    String round = created.json().getString("id");
    var parameters = RoundParametersJson.fromJson(status(round));
    for (String id : ids) {
      submit(id, round, "keys", new SecAggClient(parameters, id, new long[4], identities.get(id)).advertiseKeys()
          .toBytes());
    }
    assertThat(status(round).getString("state")).isEqualTo("shares");
    server.kill();
    try (java.sql.Connection database = java.sql.DriverManager.getConnection(
        "jdbc:h2:file:" + dataDirectory.resolve("pet").toAbsolutePath(), "sa", "");
        java.sql.Statement statement = database.createStatement()) {
      assertThat(statement.executeUpdate("DELETE FROM round_events WHERE round_id = '" + round
          + "' AND kind = 'close'")).isEqualTo(1);
      statement.execute("SHUTDOWN");
    }
    server.restart();
    JsonObject restarted = status(round);
    assertThat(answered(restarted)).isIn(Set.copyOf(ids), Set.of()); // all answered, or the phase closed
    assertThat(restarted.getString("state")).as(restarted.encode()).isEqualTo("shares");
  }
}
