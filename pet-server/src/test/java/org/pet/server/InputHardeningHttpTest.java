package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.secagg.IdentityKeyPair;

/**
 * What a fuzzer and an attacker found, each refused with a 4xx problem and nothing written: uploads,
 * forms, bodies that are JSON but not objects, numbers past the budget units, ids too long or not ASCII,
 * malformed paths, a key registered twice; and nonces pruned once the timestamp window refuses them.
 */
class InputHardeningHttpTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  private static final String LONG = "x".repeat(300);

  @TempDir
  Path dataDirectory;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
  private PetServer server;
  private PetServerConfig config;
  private Vertx vertx;
  private WebClient client;
  private int port;
  private LogCapture logs;

  @BeforeEach
  void start() {
    logs = LogCapture.start();
    config = new PetServerConfig(0, null, TOKEN, dataDirectory, 1 << 20);
    server = new PetServer(clock);
    port = server.start(config);
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    vertx.close();
    server.close();
    logs.stop();
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> post(String path, String contentType, Buffer body, boolean admin) throws Exception {
    var request = client.post(port, "localhost", path).putHeader("Content-Type", contentType);
    if (admin) {
      request.putHeader("Authorization", "Bearer " + TOKEN);
    }
    return await(request.sendBuffer(body));
  }

  private HttpResponse<Buffer> postJson(String path, Object body) throws Exception {
    return post(path, "application/json", Buffer.buffer(body instanceof JsonObject json ? json.encode()
        : String.valueOf(body)), true);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(detail);
  }

  private void assertNoStackTraceLogged() {
    assertThat(logs.aboveDebug()).doesNotContain("\tat ").doesNotContain("SEVERE").doesNotContain("WARNING")
        .doesNotContain("Exception");
  }

  private long rows(String table) throws Exception {
    try (Connection connection = DriverManager.getConnection(config.effectiveDatabaseUrl(), "sa", "");
        ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      row.next();
      return row.getLong(1);
    }
  }

  @Test
  void multipartUpload_withoutCredentials_415_andNothingWrittenToDisk() throws Exception {
    byte[] file = new byte[2 << 20];
    String boundary = "pet-boundary";
    Buffer body = Buffer.buffer("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"2MB.bin\""
        + "\r\nContent-Type: application/octet-stream\r\n\r\n").appendBytes(file)
        .appendString("\r\n--" + boundary + "--\r\n");
    HttpResponse<Buffer> response = await(client.post(port, "localhost", "/v1/agreements")
        .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(body));
    assertProblem(response, 415, "multipart and form bodies are not accepted");
    assertThat(Path.of("file-uploads")).doesNotExist();
    try (var files = Files.walk(dataDirectory)) {
      assertThat(files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum()).isLessThan(1 << 20);
    }
    assertNoStackTraceLogged();
  }

  @Test
  void formBody_withALargeField_415_withoutAStackTrace() throws Exception {
    Buffer form = Buffer.buffer("purpose=" + "a".repeat(10_000));
    assertProblem(post("/v1/agreements", "application/x-www-form-urlencoded", form, false), 415, "form");
    assertProblem(post("/v1/agreements", "application/x-www-form-urlencoded", form, true), 415, "form");
    assertNoStackTraceLogged();
  }

  @Test
  void jsonBodiesThatAreNotObjects_400_onEveryJsonPost() throws Exception {
    List<String> paths = List.of("/v1/agreements", "/v1/datasets", "/v1/datasets/some-id/queries", "/v1/analysts",
        "/v1/agencies", "/v1/rounds", "/v1/linkage");
    for (String path : paths) {
      for (String body : List.of("\"x\"", "[1,2]", "1", "null", "true", "{")) {
        HttpResponse<Buffer> response = post(path, "application/json", Buffer.buffer(body), true);
        assertThat(response.statusCode()).as("%s %s: %s", path, body, response.bodyAsString()).isEqualTo(400);
      }
    }
    assertNoStackTraceLogged();
  }

  @Test
  void epsilonBeyondTheBudgetUnits_400_andNothingCharged() throws Exception {
    assertProblem(postJson("/v1/datasets", new JsonObject().put("name", "n").put("unitColumn", "a")
        .put("csv", "a,b\n1,2\n").put("budget", new JsonObject().put("epsilon", 1e10))), 400, "`budget.epsilon`");
    String id = postJson("/v1/datasets", new JsonObject().put("name", "n").put("unitColumn", "a").put("csv", "a,b\n1,2\n")
        .put("budget", new JsonObject().put("epsilon", 1e6))).bodyAsJsonObject().getString("id");
    for (double epsilon : new double[] {1e10, 1.0000001e6, Double.MAX_VALUE}) {
      assertProblem(postJson("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "count")
          .put("epsilon", epsilon)), 400, "`epsilon` must be a number in (0, 1e6]");
    }
    assertThat(rows("dataset_queries")).isZero();
    assertNoStackTraceLogged();
  }

  /** Found by OpenApiFuzzTest: query fields of the wrong shape reached the query's JSON handling and got 500. */
  @Test
  void queryFieldsOfTheWrongShape_400_andNothingCharged() throws Exception {
    String id = postJson("/v1/datasets", new JsonObject().put("name", "n").put("unitColumn", "a")
        .put("csv", "a,b\n1,x\n").put("budget", new JsonObject().put("epsilon", 10))).bodyAsJsonObject()
        .getString("id");
    String deep = "[".repeat(999) + "]".repeat(999);
    for (String query : List.of(
        "{\"type\":\"histogram\",\"epsilon\":1,\"groupBy\":\"b\",\"keys\":\"x\"}",
        "{\"type\":\"count\",\"epsilon\":1,\"lower\":" + deep + "}",
        "{\"type\":\"count\",\"epsilon\":1,\"extra\":{\"a\":" + deep + "}}")) {
      HttpResponse<Buffer> response = postJson("/v1/datasets/" + id + "/queries", query);
      assertThat(response.statusCode()).as("%s: %s", query.substring(0, Math.min(query.length(), 80)),
          response.bodyAsString()).isEqualTo(400);
    }
    assertThat(rows("dataset_queries")).isZero();
    assertNoStackTraceLogged();
  }

  @Test
  void idsAndNamesTooLongOrNotAscii_4xx_neverEchoed() throws Exception {
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(IdentityKeyPair.generate().publicKey());
    assertProblem(postJson("/v1/agencies", new JsonObject().put("id", LONG).put("publicKey", key)), 400, "`id` must be");
    assertProblem(postJson("/v1/agencies", new JsonObject().put("id", "conseil-général").put("publicKey", key)), 400,
        "ASCII");
    assertProblem(postJson("/v1/analysts", new JsonObject().put("id", LONG)), 400, "`id` must be");
    assertProblem(postJson("/v1/analysts", new JsonObject().put("id", "a@b.org")), 400, "`id` must be");
    assertProblem(postJson("/v1/datasets", new JsonObject().put("name", LONG).put("unitColumn", "a")
        .put("csv", "a\n1\n").put("budget", new JsonObject().put("epsilon", 1))), 400, "`name` must have at most 200");
    assertProblem(postJson("/v1/rounds", new JsonObject().put("participants", new JsonArray().add(LONG).add("b"))
        .put("threshold", 2).put("vectorLength", 1)), 400, "`participants` must be");
    assertProblem(postJson("/v1/linkage", new JsonObject().put("purpose", "p").put("identifierParty", LONG)
        .put("valueParty", "b")), 400, "`identifierParty` must be");
    for (String path : List.of("/v1/rounds/" + LONG, "/v1/rounds/" + LONG + "/result", "/v1/linkage/" + LONG,
        "/v1/datasets/" + LONG + "/budget")) {
      var request = client.get(port, "localhost", path).putHeader("Authorization", "Bearer " + TOKEN);
      HttpResponse<Buffer> response = await(request.send());
      assertProblem(response, 404, "no ");
      assertThat(response.bodyAsString()).doesNotContain(LONG);
    }
    assertThat(rows("agencies") + rows("analysts") + rows("datasets") + rows("rounds")).isZero();
    assertThat(logs.aboveDebug()).doesNotContain(LONG);
    assertNoStackTraceLogged();
  }

  @Test
  void malformedPercentEncoding_4xx_withoutASevereLog() throws Exception {
    HttpClient raw = vertx.createHttpClient();
    for (String path : List.of("/v1/rounds/%u0", "/%u0", "/v1/transparency/log?from=%u0", "/v1/%")) {
      HttpClientResponse response = await(raw.request(new RequestOptions().setMethod(HttpMethod.GET)
          .setHost("localhost").setPort(port).setURI(path)).compose(request -> request.send()));
      assertThat(response.statusCode()).as(path).isBetween(400, 499);
    }
    raw.close();
    assertNoStackTraceLogged();
  }

  /**
   * A bad escape in the query of a route with path parameters (found by OpenApiFuzzTest): the router decodes
   * the query while matching the route, before any handler runs; it logged SEVERE with a stack trace and
   * answered a bare 400 without problem JSON.
   */
  @Test
  void malformedPercentEncodingInTheQuery_onRoutesWithPathParameters_400_withoutASevereLog() throws Exception {
    HttpClient raw = vertx.createHttpClient();
    for (String uri : List.of("/v1/rounds/x?after=%u0", "/v1/rounds/x/keys?%zz=1", "/v1/datasets/x/budget?a=%",
        "/v1/linkage/x/messages/1?b=%4")) {
      HttpClientResponse response = await(raw.request(new RequestOptions().setMethod(HttpMethod.GET)
          .setHost("localhost").setPort(port).setURI(uri)).compose(request -> request.send()));
      assertThat(response.statusCode()).as(uri).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    raw.close();
    assertNoStackTraceLogged();
  }

  @Test
  void agencyHeaderNotAscii_401_neverA500() throws Exception {
    HttpResponse<Buffer> response = await(client.post(port, "localhost", "/v1/rounds/x/keys")
        .putHeader("X-Pet-Agency", new String("agénce".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
        .putHeader("X-Pet-Timestamp", Long.toString(clock.millis() / 1000)).putHeader("X-Pet-Nonce", "A".repeat(22))
        .putHeader("X-Pet-Signature", "AAAA").sendJsonObject(new JsonObject().put("message", "AA")));
    assertProblem(response, 401, "unknown agency");
  }

  /**
   * A timestamp 2^63 seconds from the server's clock is stale: |now - timestamp| must not overflow into a
   * fresh-looking value (its nonce, stored with that timestamp, would be pruned at once and the request
   * replayable).
   */
  @Test
  void signedRequest_timestampSoFarOffThatTheSkewOverflows_401Stale() throws Exception {
    IdentityKeyPair key = IdentityKeyPair.generate();
    postJson("/v1/agencies", new JsonObject().put("id", "council")
        .put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey())));
    long now = clock.millis() / 1000;
    for (long timestamp : new long[] {Long.MIN_VALUE + now, Long.MIN_VALUE, Long.MAX_VALUE}) {
      var request = client.get(port, "localhost", "/v1/rounds/none/keys");
      SignedRequests.headers("council", key, "GET", "/v1/rounds/none/keys", null, timestamp, "A".repeat(22) + timestamp)
          .forEach(request::putHeader);
      assertProblem(await(request.send()), 401, "stale request timestamp");
    }
  }

  @Test
  void samePublicKeyUnderASecondId_409() throws Exception {
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(IdentityKeyPair.generate().publicKey());
    assertThat(postJson("/v1/agencies", new JsonObject().put("id", "council").put("publicKey", key)).statusCode())
        .isEqualTo(201);
    assertProblem(postJson("/v1/agencies", new JsonObject().put("id", "council-2").put("publicKey", key)), 409,
        "already registered for another agency");
    assertProblem(postJson("/v1/agencies", new JsonObject().put("id", "council").put("publicKey",
        Base64.getUrlEncoder().withoutPadding().encodeToString(IdentityKeyPair.generate().publicKey()))), 409,
        "agency council is already registered");
    assertThat(rows("agencies")).isOne();
  }

  @Test
  void nonces_prunedOnceTheTimestampWindowRefusesTheirRequests() throws Exception {
    IdentityKeyPair key = IdentityKeyPair.generate();
    postJson("/v1/agencies", new JsonObject().put("id", "council")
        .put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey())));
    long offset = (clock.millis() - System.currentTimeMillis()) / 1000;
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> response = SignedRequests.send(client, port, "council", key, "GET", "/v1/rounds/none/keys",
          null, offset);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(404);
    }
    assertThat(rows("request_nonces")).isEqualTo(5);
    clock.advance(Duration.ofMinutes(10));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (rows("request_nonces") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(rows("request_nonces")).isZero();
  }
}
