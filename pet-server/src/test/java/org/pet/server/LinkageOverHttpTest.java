package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.linkage.PsiMessage;
import org.pet.linkage.PsiParameters;
import org.pet.linkage.PsiParty;
import org.pet.linkage.PsiRecord;
import org.pet.linkage.PsiResult;
import org.pet.linkage.PsiWire;
import org.pet.secagg.IdentityKeyPair;

/** Two agencies run a linkage session through the relay over real HTTP, on H2 and on PostgreSQL. */
class LinkageOverHttpTest {

  private static final String TOKEN = "admin-token-for-linkage-tests-0123";
  private static final String COUNCIL = "council";
  private static final String NHS = "nhs-trust";

  @TempDir
  Path dataDirectory;

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx);
  private final Map<String, IdentityKeyPair> keys = Map.of(COUNCIL, IdentityKeyPair.generate(), NHS,
      IdentityKeyPair.generate(), "outsider", IdentityKeyPair.generate());
  private PetServer server;
  private PetServerConfig config;
  private int port;

  /** Children known to social care (council) and A&E visits (NHS): 60 of 150 children had visits. */
  private final List<String> children = IntStream.range(0, 150).mapToObj(i -> "CH" + (4_000_000 + i * 37)).toList();
  private final List<PsiRecord> visits = IntStream.range(90, 400)
      .mapToObj(i -> new PsiRecord("ch" + (4_000_000 + i * 37), 1 + i % 4)).toList();
  private final long expectedVisits = IntStream.range(90, 150).map(i -> 1 + i % 4).sum();

  @AfterEach
  void stop() {
    client.close();
    vertx.close();
    if (server != null) {
      server.close();
    }
  }

  private void start(String databaseUrl) throws Exception {
    config = new PetServerConfig(0, databaseUrl, TOKEN, dataDirectory, 1 << 20);
    server = new PetServer();
    port = server.start(config);
    for (Map.Entry<String, IdentityKeyPair> agency : keys.entrySet()) {
      JsonObject body = new JsonObject().put("id", agency.getKey())
          .put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(agency.getValue().publicKey()));
      assertThat(admin("POST", "/v1/agencies", body).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void session_onH2_bothPartiesGetTheResultTheRelaySeesNoIdentifierAndTheLogRecordsIt() throws Exception {
    start(null);
    LogCapture logs = LogCapture.start();
    JsonObject session = create(new JsonObject().put("maxValue", 4));
    String id = session.getString("id");
    assertThat(session.getString("state")).isEqualTo("step-1");
    assertThat(session.getString("normalisation")).isEqualTo("standard");

    List<PsiResult> results = run(id, new PsiParameters(id, 4, 0, 0));
    logs.stop();

    assertThat(results.get(0)).isEqualTo(results.get(1));
    assertThat(results.get(0).cardinality()).isEqualTo(60);
    assertThat(results.get(0).sum()).hasValue(expectedVisits);
    JsonObject done = get("/v1/linkage/" + id).bodyAsJsonObject();
    assertThat(done.getString("state")).isEqualTo("completed");
    assertThat(done.getJsonObject("result")).isEqualTo(new JsonObject().put("cardinality", 60).put("sum", expectedVisits));
    List<JsonObject> log = logEntries();
    assertThat(log).extracting(e -> e.getString("type")).containsSubsequence("linkage-created", "linkage-completed");
    JsonObject completed = log.get(log.size() - 1).getJsonObject("payload");
    assertThat(completed.getString("purpose")).isEqualTo("children in care with A&E visits");
    assertThat(completed.getString("identifierParty")).isEqualTo(COUNCIL);
    assertThat(completed.getDouble("epsilon")).isZero();
    assertThat(completed.getJsonObject("result").getLong("cardinality")).isEqualTo(60);
    assertThat(get("/v1/transparency/log/verify").bodyAsJsonObject().getBoolean("valid")).isTrue();

    List<byte[]> stored = storedMessages();
    assertThat(stored).hasSize(4);
    for (String child : children) {
      String upper = child.toUpperCase();
      assertThat(logs.text()).doesNotContain(child).doesNotContain(child.substring(2));
      for (byte[] message : stored) {
        assertThat(new String(message, StandardCharsets.ISO_8859_1)).doesNotContain(upper).doesNotContain(child.toLowerCase());
      }
    }
  }

  @Test
  void session_onPostgresqlWithNoise_completesAndStatesEpsilon() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      start(postgres.getJdbcUrl("postgres", "postgres") + "&user=postgres&password=postgres");
      JsonObject session = create(new JsonObject().put("maxValue", 4)
          .put("noise", new JsonObject().put("cardinalityEpsilon", 1.0).put("sumEpsilon", 1.0)));
      String id = session.getString("id");
      assertThat(session.getDouble("epsilon")).isEqualTo(2.0);

      List<PsiResult> results = run(id, new PsiParameters(id, 4, 1.0, 1.0));

      // discrete Laplace of scale 1 and 4: beyond +-30 and +-120 with probability below 1e-12
      assertThat(results.get(0).cardinality()).isBetween(60L - 30, 60L + 30);
      assertThat(results.get(0).sum().orElseThrow()).isBetween(expectedVisits - 120, expectedVisits + 120);
      assertThat(results.get(0).epsilon()).isEqualTo(2.0);
      assertThat(get("/v1/linkage/" + id).bodyAsJsonObject().getJsonObject("result").getLong("cardinality"))
          .isEqualTo(results.get(0).cardinality());
      assertThat(get("/metrics").bodyAsString()).contains("source=\"linkage\"");
      server.close();
      server = null;
    }
  }

  @Test
  void relay_refusesBadRequestsAndChangesNothing() throws Exception {
    start(null);
    String id = create(new JsonObject().put("maxValue", 4)).getString("id");
    PsiParameters parameters = new PsiParameters(id, 4, 0, 0);
    PsiParty council = PsiParty.identifierParty(parameters, children);
    byte[] step1 = PsiWire.encode(council.start().get(0));
    String messages = "/v1/linkage/" + id + "/messages";

    assertThat(signed(NHS, "POST", messages, step1).statusCode()).as("not the value party's turn").isEqualTo(409);
    assertThat(signed("outsider", "POST", messages, step1).statusCode()).isEqualTo(403);
    assertThat(signed(COUNCIL, "POST", messages, new byte[] {'P', 'S', 'I', '1', 1, 0}).statusCode()).isEqualTo(400);
    assertThat(signed(COUNCIL, "GET", messages + "/1", null).statusCode()).as("not relayed yet").isEqualTo(409);
    assertThat(post(messages, step1).statusCode()).as("unsigned").isEqualTo(401);
    assertThat(get("/v1/linkage/" + id).bodyAsJsonObject().getString("state")).isEqualTo("step-1");

    assertThat(signed(COUNCIL, "POST", messages, step1).statusCode()).isEqualTo(200);
    assertThat(signed(COUNCIL, "POST", messages, step1).statusCode()).as("duplicate").isEqualTo(409);
    assertThat(signed("outsider", "GET", messages + "/1", null).statusCode()).isEqualTo(403);
    assertThat(signed(NHS, "GET", messages + "/9", null).statusCode()).isEqualTo(404);
    assertThat(signed(NHS, "GET", messages + "/1", null).bodyAsBuffer().getBytes()).isEqualTo(step1);
    // A step 2 that drops one doubly blinded value is refused by the relay.
    PsiParty nhs = PsiParty.valueParty(parameters, visits);
    PsiMessage.ValuePartyReply reply = (PsiMessage.ValuePartyReply) nhs.receive(PsiWire.decode(step1)).get(0);
    byte[] shortened = java.util.Arrays.copyOf(reply.doublyBlinded().toBytes(), 33 * 149);
    byte[] bad = PsiWire.encode(new PsiMessage.ValuePartyReply(org.pet.linkage.PointList.fromBytes(shortened),
        reply.blinded(), reply.encryptedValues(), reply.publicKey()));
    HttpResponse<Buffer> refused = signed(NHS, "POST", messages, bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("one doubly blinded value per step 1 value");
    assertThat(get("/v1/linkage/" + id).bodyAsJsonObject().getString("state")).isEqualTo("step-2");

    assertThat(admin("POST", "/v1/linkage", new JsonObject().put("purpose", "p").put("identifierParty", COUNCIL)
        .put("valueParty", "unknown")).statusCode()).isEqualTo(422);
    assertThat(admin("POST", "/v1/linkage", new JsonObject().put("purpose", "p").put("identifierParty", COUNCIL)
        .put("valueParty", NHS).put("maxValue", 4).put("noise", new JsonObject().put("cardinalityEpsilon", -1)))
        .bodyAsJsonObject().getString("detail")).contains("cardinalityEpsilon");
    assertThat(admin("POST", "/v1/linkage", new JsonObject().put("purpose", "p").put("identifierParty", COUNCIL)
        .put("valueParty", NHS).put("normalisation", "soundex")).bodyAsJsonObject().getString("detail"))
        .contains("`normalisation` must be one of [standard, exact]");
    assertThat(await(client.post(port, "localhost", "/v1/linkage").sendJsonObject(new JsonObject())).statusCode())
        .isEqualTo(401);
    assertThat(get("/v1/linkage/nope").statusCode()).isEqualTo(404);
  }

  /** Runs both parties step by step through the relay; returns the council's and the NHS trust's results. */
  private List<PsiResult> run(String id, PsiParameters parameters) throws Exception {
    PsiParty council = PsiParty.identifierParty(parameters, children);
    PsiParty nhs = PsiParty.valueParty(parameters, visits);
    String messages = "/v1/linkage/" + id + "/messages";
    List<PsiMessage> outgoing = council.start();
    PsiParty sender = council;
    for (int step = 1; step <= 4; step++) {
      String from = sender == council ? COUNCIL : NHS;
      PsiParty receiver = sender == council ? nhs : council;
      HttpResponse<Buffer> posted = signed(from, "POST", messages, PsiWire.encode(outgoing.get(0)));
      assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(200);
      HttpResponse<Buffer> fetched = signed(receiver == council ? COUNCIL : NHS, "GET", messages + "/" + step, null);
      assertThat(fetched.statusCode()).isEqualTo(200);
      outgoing = receiver.receive(PsiWire.decode(fetched.bodyAsBuffer().getBytes()));
      sender = receiver;
    }
    assertThat(outgoing).isEmpty();
    return List.of(council.result().orElseThrow(), nhs.result().orElseThrow());
  }

  private JsonObject create(JsonObject extra) throws Exception {
    HttpResponse<Buffer> created = admin("POST", "/v1/linkage", extra.copy().put("purpose", "children in care with A&E visits")
        .put("identifierParty", COUNCIL).put("valueParty", NHS));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private List<JsonObject> logEntries() throws Exception {
    List<JsonObject> entries = new ArrayList<>();
    get("/v1/transparency/log?limit=1000").bodyAsJsonObject().getJsonArray("entries")
        .forEach(e -> entries.add((JsonObject) e));
    return entries;
  }

  private List<byte[]> storedMessages() throws Exception {
    List<byte[]> messages = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(config.effectiveDatabaseUrl(), "sa", "");
        ResultSet rows = connection.createStatement().executeQuery("SELECT message FROM linkage_messages ORDER BY step")) {
      while (rows.next()) {
        messages.add(Base64.getUrlDecoder().decode(rows.getString(1)));
      }
    }
    return messages;
  }

  private HttpResponse<Buffer> signed(String agency, String method, String path, byte[] body) throws Exception {
    return SignedRequests.send(client, port, agency, keys.get(agency), method, path, body, 0);
  }

  private HttpResponse<Buffer> admin(String method, String path, JsonObject body) throws Exception {
    return await(client.request(io.vertx.core.http.HttpMethod.valueOf(method), port, "localhost", path)
        .putHeader("Authorization", "Bearer " + TOKEN).sendJsonObject(body));
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return await(client.get(port, "localhost", path).send());
  }

  private HttpResponse<Buffer> post(String path, byte[] body) throws Exception {
    return await(client.post(port, "localhost", path).sendBuffer(Buffer.buffer(body)));
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
