package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real HTTP on a real (embedded H2) database. */
class PetServerTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";

  @TempDir
  Path dataDirectory;

  private PetServer server;
  private Vertx vertx;
  private WebClient client;
  private int port;
  private PetServerConfig config;

  @BeforeEach
  void start() {
    config = new PetServerConfig(0, null, TOKEN, dataDirectory, 64 * 1024);
    server = new PetServer();
    port = server.start(config);
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    vertx.close();
    server.close();
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return await(client.get(port, "localhost", path).send());
  }

  private HttpResponse<Buffer> postAgreement(String token, Buffer body) throws Exception {
    var request = client.post(port, "localhost", "/v1/agreements").putHeader("Content-Type", "application/json");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return await(request.sendBuffer(body));
  }

  private static Buffer agreement(String purpose) {
    return new JsonObject().put("parties", new JsonArray().add("Northshire Council").add("Northshire NHS Trust"))
        .put("purpose", purpose).put("legalBasis", "DEA 2017 s.35").put("data", "referral counts by age band")
        .toBuffer();
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String detailFragment) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).contains(detailFragment);
    assertThat(response.bodyAsString()).doesNotContain("at org.pet");
  }

  @Test
  void health_isUp() throws Exception {
    HttpResponse<Buffer> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(response.bodyAsJsonObject().getJsonObject("database").getString("status")).isEqualTo("UP");
    assertThat(response.bodyAsJsonObject().getJsonObject("log").getString("status")).isEqualTo("UP");
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/health/live").bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void health_reportsTheLogDownWhenItsRowsChangeBehindTheServer_whileStayingLive() throws Exception {
    postAgreement(TOKEN, agreement("one"));
    postAgreement(TOKEN, agreement("two"));
    assertThat(get("/health").statusCode()).isEqualTo(200);
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(config.effectiveDatabaseUrl(), "sa",
        "");
        java.sql.Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate("DELETE FROM transparency_log WHERE entry_index = 1")).isEqualTo(1);
    }
    HttpResponse<Buffer> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(503);
    JsonObject body = health.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("DOWN");
    assertThat(body.getJsonObject("database").getString("status")).isEqualTo("UP");
    assertThat(body.getJsonObject("log").getString("status")).isEqualTo("DOWN");
    assertThat(body.getJsonObject("log").getString("reason")).contains("holds 1 entries but the signed log 2");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void agreements_withoutOrWithWrongToken_unauthorizedAndNothingLogged() throws Exception {
    assertProblem(postAgreement(null, agreement("research")), 401, "bearer token");
    assertProblem(postAgreement("not-the-token-0123456789", agreement("research")), 401, "bearer token");
    assertThat(get("/v1/transparency/log").bodyAsJsonObject().getJsonArray("entries")).isEmpty();
  }

  @Test
  void agreements_areLeavesOfTheSignedTree() throws Exception {
    HttpResponse<Buffer> first = postAgreement(TOKEN, agreement("child protection research"));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getLong("index")).isZero();
    HttpResponse<Buffer> second = postAgreement(TOKEN, agreement("fraud signals"));
    assertThat(second.bodyAsJsonObject().getLong("index")).isEqualTo(1);
    JsonArray entries = get("/v1/transparency/log?from=0&limit=10").bodyAsJsonObject().getJsonArray("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.getJsonObject(1).getJsonObject("payload").getString("purpose")).isEqualTo("fraud signals");
    assertThat(entries.getJsonObject(1).getString("leafHash")).hasSize(64);
    JsonObject checkpoint = get("/v1/transparency/checkpoint").bodyAsJsonObject();
    assertThat(checkpoint.getLong("treeSize")).isEqualTo(2);
    assertThat(get("/v1/transparency/log/verify").bodyAsJsonObject().getBoolean("valid")).isTrue();
    assertThat(get("/v1/transparency/key").bodyAsJsonObject().getString("publicKey")).hasSize(43);
  }

  @Test
  void transparencyLog_tamperedRow_verifierReportsItsIndex() throws Exception {
    for (String purpose : new String[] {"a", "b", "c"}) {
      postAgreement(TOKEN, agreement(purpose));
    }
    try (Connection connection = DriverManager.getConnection(config.effectiveDatabaseUrl(), "sa", "");
        PreparedStatement update = connection.prepareStatement(
            "UPDATE transparency_log SET payload = ? WHERE entry_index = 1")) {
      update.setString(1, "{\"parties\":[\"x\",\"y\"],\"purpose\":\"rewritten\"}");
      update.executeUpdate();
    }
    JsonObject result = get("/v1/transparency/log/verify").bodyAsJsonObject();
    assertThat(result.getBoolean("valid")).isFalse();
    assertThat(result.getJsonArray("problems").getString(0)).contains("entry 1 differs");
  }

  @Test
  void badInput_getsTheDocumentedProblemAndChangesNothing() throws Exception {
    assertProblem(postAgreement(TOKEN, Buffer.buffer("{not json")), 400, "not valid JSON");
    assertProblem(postAgreement(TOKEN, new JsonObject().put("parties", new JsonArray().add("only one"))
        .put("purpose", "p").put("legalBasis", "l").put("data", "d").toBuffer()), 400, "`parties`");
    assertProblem(postAgreement(TOKEN, new JsonObject().put("parties", new JsonArray().add("a").add("b"))
        .put("purpose", " ").put("legalBasis", "l").put("data", "d").toBuffer()), 400, "`purpose`");
    assertProblem(postAgreement(TOKEN, Buffer.buffer(new byte[100 * 1024])), 413, "larger");
    assertProblem(get("/v1/transparency/log?limit=0"), 400, "`limit`");
    assertProblem(get("/v1/transparency/log?from=abc"), 400, "`from`");
    assertProblem(get("/v1/nothing-here"), 404, "no such resource");
    assertThat(get("/v1/transparency/log").bodyAsJsonObject().getJsonArray("entries")).isEmpty();
  }

  @Test
  void metrics_countRequests() throws Exception {
    get("/health");
    String metrics = get("/metrics").bodyAsString();
    assertThat(metrics).contains("pet_http_requests_seconds_count").contains("status=\"200\"");
  }

  @Test
  void openApi_documentsEveryRoute() throws Exception {
    String document = get("/openapi.yaml").bodyAsString();
    assertThat(server.routePaths()).isNotEmpty();
    for (String path : server.routePaths()) {
      String documented = path.replaceAll(":(\\w+)", "{$1}");
      assertThat(document).as("route %s", path).contains("\n  " + documented + ":");
    }
  }

  @Test
  void restart_keepsTheLogAndTheSigningKey() throws Exception {
    postAgreement(TOKEN, agreement("before restart"));
    String key = get("/v1/transparency/key").bodyAsJsonObject().getString("publicKey");
    server.close();
    server = new PetServer();
    port = server.start(config);
    assertThat(get("/v1/transparency/key").bodyAsJsonObject().getString("publicKey")).isEqualTo(key);
    postAgreement(TOKEN, agreement("after restart"));
    assertThat(get("/v1/transparency/log/verify").bodyAsJsonObject().getBoolean("valid")).isTrue();
    assertThat(Files.exists(dataDirectory.resolve("server-ed25519.key"))).isTrue();
  }

  /** The request-signing vector of docs/PROTOCOL.md section 7. */
  @Test
  void requestSignatureVector() {
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (1 + i);
    }
    byte[] content = org.pet.server.auth.RequestSignature.content("alice", "POST", "/v1/rounds/round-1/keys",
        "{\"message\":\"AQ\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1764300000L, "AAAAAAAAAAAAAAAAAAAAAA");
    assertThat(new String(content, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("PET2\nalice\nPOST\n"
        + "/v1/rounds/round-1/keys\ne6d8c2fca2ed08aca31b96dbaf36b87eded0b27ae14bb151f36f658fda3373e9\n1764300000\n"
        + "AAAAAAAAAAAAAAAAAAAAAA");
    assertThat(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        org.pet.secagg.IdentityKeyPair.fromPrivateKey(seed).sign(content)))
        .isEqualTo("_nwDMNSh6jsCuoeo-nKHdp5bcte1MpaplouZCz4OV9QRqzOdTQRIW_HFOMSVC0GlxDZQ4ZfgFRtpHSV3XnOkBA");
  }
}
