package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.secagg.IdentityKeyPair;
import org.pet.server.tasks.PeerSignature;
import org.pet.server.tasks.ReportJson;
import org.pet.vdaf.CollectorShares;
import org.pet.vdaf.Hpke;
import org.pet.vdaf.Prio3;
import org.pet.vdaf.Report;
import org.pet.vdaf.TwoAggregatorPrio3;

/**
 * Two-aggregator Prio3 tasks over real HTTP: a leader (embedded H2) and a helper (embedded PostgreSQL),
 * each a PetServer with its own database, keys and log. Councils submit sealed, signed reports to the
 * leader; the collector opens the two aggregate shares. Valid reports sum exactly, an out-of-range report
 * (a forged encoding with a proof) is rejected by both and logged by both, bad input is refused with 4xx
 * at every step, and the helper accepts only its leader's signed requests.
 */
class TwoAggregatorOverHttpTest {

  private static final String TOKEN = "admin-token-for-two-aggregator-tests";
  private static final String TASK = "rough-sleepers-2026";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final List<String> COUNCILS = List.of("council-a", "council-b", "council-c", "council-d",
      "council-e", "council-f");
  private static EmbeddedPostgres postgres;

  @TempDir
  Path leaderData;
  @TempDir
  Path helperData;

  private final Map<String, IdentityKeyPair> councils = new LinkedHashMap<>();
  private final Hpke.KeyPair collector = Hpke.generateKeyPair();
  private final SecureRandom random = new SecureRandom();
  private PetServer leader;
  private PetServer helper;
  private int leaderPort;
  private int helperPort;
  private Vertx vertx;
  private WebClient client;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    leader = new PetServer();
    leaderPort = leader.start(new PetServerConfig(0, null, TOKEN, leaderData, 1 << 22, null, "leader"));
    helper = new PetServer();
    helperPort = helper.start(new PetServerConfig(0, FreshPostgres.url(postgres), TOKEN, helperData, 1 << 22, null,
        "helper"));
    for (String council : COUNCILS) {
      IdentityKeyPair key = IdentityKeyPair.generate();
      councils.put(council, key);
      for (int port : new int[] {leaderPort, helperPort}) {
        assertThat(await(admin(client.post(port, "localhost", "/v1/agencies")).sendJsonObject(new JsonObject()
            .put("id", council).put("publicKey", B64.encodeToString(key.publicKey())))).statusCode()).isEqualTo(201);
      }
    }
  }

  @AfterEach
  void stop() {
    client.close();
    vertx.close();
    leader.close();
    helper.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }

  private static HttpRequest<Buffer> admin(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + TOKEN);
  }

  private JsonObject get(int port, String path) throws Exception {
    HttpResponse<Buffer> response = await(client.get(port, "localhost", path).send());
    assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private JsonObject taskBody(JsonObject vdaf, int peerPort, int minBatchSize, byte[] verifyKey, JsonObject noise)
      throws Exception {
    JsonObject peer = get(peerPort, "/v1/aggregator");
    return new JsonObject().put("id", TASK).put("vdaf", vdaf).put("peerUrl", "http://127.0.0.1:" + peerPort)
        .put("peerSigningKey", peer.getString("signingKey")).put("verifyKey", B64.encodeToString(verifyKey))
        .put("minBatchSize", minBatchSize).put("collectorKey", B64.encodeToString(collector.publicKey()))
        .put("noise", noise);
  }

  private HttpResponse<Buffer> createTask(int port, JsonObject body) throws Exception {
    return await(admin(client.post(port, "localhost", "/v1/tasks")).sendJsonObject(body));
  }

  /** Creates the task on both aggregators, as their two administrators would. */
  private void createTaskOnBoth(JsonObject vdaf, int minBatchSize, JsonObject noise) throws Exception {
    byte[] verifyKey = new byte[32];
    random.nextBytes(verifyKey);
    assertThat(createTask(leaderPort, taskBody(vdaf, helperPort, minBatchSize, verifyKey, noise)).statusCode())
        .isEqualTo(201);
    assertThat(createTask(helperPort, taskBody(vdaf, leaderPort, minBatchSize, verifyKey, noise)).statusCode())
        .isEqualTo(201);
  }

  private TwoAggregatorPrio3 vdaf(JsonObject vdafJson) {
    return TwoAggregatorPrio3.of(org.pet.server.tasks.VdafJson.parse(vdafJson));
  }

  private byte[] hpkeKey(int port) throws Exception {
    return Base64.getUrlDecoder().decode(get(port, "/v1/tasks/" + TASK).getString("hpkePublicKey"));
  }

  private JsonObject sealed(String council, Report report) {
    return ReportJson.toJson(report, report.sign(councils.get(council).privateKey()));
  }

  private JsonObject honestReport(TwoAggregatorPrio3 vdaf, String council, long value) throws Exception {
    return sealed(council, Report.seal(vdaf, TASK, council, new long[] {value}, hpkeKey(leaderPort),
        hpkeKey(helperPort), random));
  }

  private HttpResponse<Buffer> upload(String council, JsonObject report) throws Exception {
    String path = "/v1/tasks/" + TASK + "/reports";
    return SignedRequests.send(client, leaderPort, council, councils.get(council), "POST", path,
        report.toBuffer().getBytes(), 0);
  }

  private HttpResponse<Buffer> collect() throws Exception {
    return await(admin(client.post(leaderPort, "localhost", "/v1/tasks/" + TASK + "/collections")).send());
  }

  private long[] open(TwoAggregatorPrio3 vdaf, JsonObject collection) throws Exception {
    long batch = collection.getLong("batch");
    long count = collection.getLong("reportCount");
    byte[] leaderShare = CollectorShares.open(collector, TASK, batch, count, TwoAggregatorPrio3.LEADER,
        Base64.getUrlDecoder().decode(collection.getString("leaderShare")));
    byte[] helperShare = CollectorShares.open(collector, TASK, batch, count, TwoAggregatorPrio3.HELPER,
        Base64.getUrlDecoder().decode(collection.getString("helperShare")));
    return vdaf.unshard(List.of(leaderShare, helperShare));
  }

  private List<JsonObject> log(int port) throws Exception {
    List<JsonObject> entries = new ArrayList<>();
    for (Object entry : get(port, "/v1/transparency/log?from=0&limit=1000").getJsonArray("entries")) {
      entries.add((JsonObject) entry);
    }
    return entries;
  }

  private static List<JsonObject> ofType(List<JsonObject> log, String type) {
    return log.stream().filter(e -> type.equals(e.getString("type")))
        .map(e -> e.getJsonObject("payload")).toList();
  }

  @Test
  void validReportsSumExactlyAndAnOutOfRangeReportIsRejectedAndLoggedByBoth() throws Exception {
    JsonObject vdafJson = new JsonObject().put("type", "Prio3Sum").put("maxMeasurement", 100);
    createTaskOnBoth(vdafJson, 5, null);
    TwoAggregatorPrio3 vdaf = vdaf(vdafJson);
    long[] counts = {12, 0, 100, 37, 5};
    for (int i = 0; i < counts.length; i++) {
      HttpResponse<Buffer> accepted = upload(COUNCILS.get(i), honestReport(vdaf, COUNCILS.get(i), counts[i]));
      assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
    }
    // council-f's client skips validation and claims 1,000 rough sleepers where at most 100 are allowed.
    BigInteger[] encoded = new BigInteger[vdaf.encodedMeasurementLength()];
    java.util.Arrays.fill(encoded, BigInteger.ZERO);
    encoded[0] = BigInteger.valueOf(1000);
    byte[] reportId = new byte[16];
    random.nextBytes(reportId);
    byte[] rand = new byte[vdaf.randSize()];
    random.nextBytes(rand);
    Prio3.Sharded forged = vdaf.shardUnchecked(Report.applicationContext(TASK), encoded, reportId, rand);
    Report forgedReport = Report.seal(TASK, reportId, "council-f", forged, hpkeKey(leaderPort), hpkeKey(helperPort));
    assertThat(upload("council-f", sealed("council-f", forgedReport)).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> collected = collect();
    assertThat(collected.statusCode()).as(collected.bodyAsString()).isEqualTo(200);
    JsonObject collection = collected.bodyAsJsonObject();
    assertThat(collection.getLong("reportCount")).isEqualTo(5);
    assertThat(collection.getLong("rejected")).isEqualTo(1);
    assertThat(open(vdaf, collection)).containsExactly(154);
    assertThat(collection.getString("guarantee")).contains("no DP noise");

    // The same batch again, from the leader's store; the next batch is empty.
    HttpResponse<Buffer> again = await(admin(client.get(leaderPort, "localhost", "/v1/tasks/" + TASK
        + "/collections/0")).send());
    assertThat(open(vdaf, again.bodyAsJsonObject())).containsExactly(154);
    HttpResponse<Buffer> empty = collect();
    assertThat(empty.statusCode()).isEqualTo(409);
    assertThat(empty.bodyAsJsonObject().getString("detail")).contains("0 accepted reports", "minimum batch size 5");

    for (int port : new int[] {leaderPort, helperPort}) {
      List<JsonObject> log = log(port);
      assertThat(ofType(log, "task-created")).singleElement()
          .satisfies(e -> assertThat(e.getString("id")).isEqualTo(TASK));
      assertThat(ofType(log, "reports-rejected")).singleElement().satisfies(e -> {
        JsonObject rejected = e.getJsonArray("reports").getJsonObject(0);
        assertThat(rejected.getString("agency")).isEqualTo("council-f");
        assertThat(rejected.getString("reason")).isEqualTo("proof-rejected");
      });
      assertThat(ofType(log, "batch-collected")).singleElement()
          .satisfies(e -> assertThat(e.getLong("reports")).isEqualTo(5));
      JsonObject status = get(port, "/v1/tasks/" + TASK);
      assertThat(status.getJsonObject("reports").getLong("accepted")).isEqualTo(5);
      assertThat(status.getJsonObject("reports").getLong("rejected")).isEqualTo(1);
      assertThat(status.getJsonArray("releasedBatches").size()).isEqualTo(1);
      assertThat(status.getJsonArray("releasedBatches").getLong(0)).isZero();
      assertThat(status.containsKey("verifyKey")).isFalse();
      assertThat(get(port, "/v1/transparency/log/verify").getBoolean("valid")).isTrue();
      String metrics = await(client.get(port, "localhost", "/metrics").send()).bodyAsString();
      assertThat(metrics).containsPattern("pet_vdaf_reports_total\\{[^}]*outcome=\"accepted\"[^}]*} 5\\.0")
          .containsPattern("pet_vdaf_reports_total\\{[^}]*outcome=\"proof-rejected\"[^}]*} 1\\.0");
    }
  }

  @Test
  void badInputIsRefusedAtEveryStep() throws Exception {
    JsonObject vdafJson = new JsonObject().put("type", "Prio3Histogram").put("length", 4).put("chunkLength", 2);
    // Task creation: invalid definitions are 400, a duplicate 409.
    byte[] verifyKey = new byte[32];
    JsonObject good = taskBody(vdafJson, helperPort, 2, verifyKey, null);
    assertThat(createTask(leaderPort, good.copy().put("vdaf", new JsonObject().put("type", "Prio3Median")))
        .bodyAsJsonObject().getString("detail")).contains("unknown VDAF");
    assertThat(createTask(leaderPort, good.copy().put("minBatchSize", 0)).statusCode()).isEqualTo(400);
    assertThat(createTask(leaderPort, good.copy().put("verifyKey", "AAAA")).statusCode()).isEqualTo(400);
    assertThat(createTask(leaderPort, good.copy().put("peerUrl", "ftp://x")).statusCode()).isEqualTo(400);
    assertThat(createTask(leaderPort, good.copy().put("noise", new JsonObject().put("mechanism", "gaussian")))
        .statusCode()).isEqualTo(400);
    assertThat(createTask(leaderPort, good.copy().put("extra", 1)).statusCode()).isEqualTo(400);
    assertThat(await(client.post(leaderPort, "localhost", "/v1/tasks").sendJsonObject(good)).statusCode())
        .isEqualTo(401);
    createTaskOnBoth(vdafJson, 2, null);
    assertThat(createTask(leaderPort, good).statusCode()).isEqualTo(409);
    TwoAggregatorPrio3 vdaf = vdaf(vdafJson);

    JsonObject report = honestReport(vdaf, "council-a", 3);
    assertThat(upload("council-a", report).statusCode()).isEqualTo(201);
    // A replay of the same report (same id) is refused.
    HttpResponse<Buffer> replay = upload("council-a", report);
    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.bodyAsJsonObject().getString("detail")).contains("submitted before");
    // Another agency cannot submit council-a's report, nor alter one.
    assertThat(upload("council-b", honestReport(vdaf, "council-a", 1)).statusCode()).isEqualTo(403);
    JsonObject altered = honestReport(vdaf, "council-b", 1);
    altered.put("publicShare", B64.encodeToString(new byte[64]));
    assertThat(upload("council-b", altered).bodyAsJsonObject().getString("detail")).contains("bad-signature");
    // A leader share sealed to the wrong key does not open.
    Report wrongKey = Report.seal(vdaf, TASK, "council-b", new long[] {1}, hpkeKey(helperPort), hpkeKey(helperPort),
        random);
    assertThat(upload("council-b", sealed("council-b", wrongKey)).bodyAsJsonObject().getString("detail"))
        .contains("undecryptable");
    assertThat(upload("council-b", new JsonObject().put("reportId", "x")).statusCode()).isEqualTo(400);
    // Reports go to the leader only.
    HttpResponse<Buffer> toHelper = SignedRequests.send(client, helperPort, "council-b", councils.get("council-b"),
        "POST", "/v1/tasks/" + TASK + "/reports", honestReport(vdaf, "council-b", 1).toBuffer().getBytes(), 0);
    assertThat(toHelper.statusCode()).isEqualTo(409);
    // Below the minimum batch size the batch stays open.
    HttpResponse<Buffer> tooSmall = collect();
    assertThat(tooSmall.statusCode()).isEqualTo(409);
    assertThat(tooSmall.bodyAsJsonObject().getString("detail")).contains("1 accepted reports", "stays open");

    // The helper's peer routes take only the leader's signed requests.
    String jobPath = "/v1/tasks/" + TASK + "/aggregation-jobs/job-1";
    JsonObject job = new JsonObject().put("batch", 0).put("taskDigest", "x").put("reports", new JsonArray());
    assertThat(await(client.post(helperPort, "localhost", jobPath).sendJsonObject(job)).statusCode()).isEqualTo(401);
    byte[] strangerSeed = new byte[32];
    assertThat(peerPost(strangerSeed, jobPath, job).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> wrongDigest = peerPost(leaderSeed(), jobPath, job);
    assertThat(wrongDigest.statusCode()).isEqualTo(409);
    assertThat(wrongDigest.bodyAsJsonObject().getString("detail")).contains("other parameters");

    assertThat(upload("council-b", honestReport(vdaf, "council-b", 0)).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> collected = collect();
    assertThat(collected.statusCode()).as(collected.bodyAsString()).isEqualTo(200);
    assertThat(open(vdaf, collected.bodyAsJsonObject())).containsExactly(1, 0, 0, 1);
  }

  @Test
  void theHelperAnswersARepeatedJobAsBeforeAndRejectsReplayedReportIds() throws Exception {
    JsonObject vdafJson = new JsonObject().put("type", "Prio3Count");
    createTaskOnBoth(vdafJson, 1, null);
    TwoAggregatorPrio3 vdaf = vdaf(vdafJson);
    Report report = Report.seal(vdaf, TASK, "council-a", new long[] {1}, hpkeKey(leaderPort), hpkeKey(helperPort),
        random);
    // A job whose leader verifier share is wrong is answered with a rejection; the same job id gets the
    // same answer (stored, not recomputed); a new job with the same report id is answered "replayed".
    JsonObject reportJson = sealed("council-a", report).put("leaderVerifierShare", B64.encodeToString(new byte[16]));
    String digest = get(helperPort, "/v1/tasks/" + TASK).getString("digest");
    JsonObject job = new JsonObject().put("batch", 0).put("taskDigest", digest)
        .put("reports", new JsonArray().add(reportJson));
    String path = "/v1/tasks/" + TASK + "/aggregation-jobs/job-7";
    HttpResponse<Buffer> first = peerPost(leaderSeed(), path, job);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getString("rejected"))
        .isEqualTo("malformed");
    HttpResponse<Buffer> repeated = peerPost(leaderSeed(), path, job);
    assertThat(repeated.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    HttpResponse<Buffer> other = peerPost(leaderSeed(), "/v1/tasks/" + TASK + "/aggregation-jobs/job-8", job);
    assertThat(other.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getString("rejected"))
        .isEqualTo("replayed");
  }

  @Test
  void eachAggregatorAddsNoiseThatAloneMeetsTheTarget() throws Exception {
    JsonObject vdafJson = new JsonObject().put("type", "Prio3Count");
    JsonObject noise = new JsonObject().put("mechanism", "discrete-laplace").put("epsilon", 1.0);
    createTaskOnBoth(vdafJson, 4, noise);
    TwoAggregatorPrio3 vdaf = vdaf(vdafJson);
    for (int i = 0; i < 6; i++) {
      String council = COUNCILS.get(i);
      assertThat(upload(council, honestReport(vdaf, council, i % 2)).statusCode()).isEqualTo(201);
    }
    JsonObject collection = collect().bodyAsJsonObject();
    assertThat(collection.getLong("reportCount")).isEqualTo(6);
    assertThat(collection.getString("guarantee")).contains("(1.0, 0.0)-DP", "either aggregator");
    // Two discrete Laplace draws of scale 1: |noise| > 40 has probability below 1e-16.
    assertThat(Math.abs(open(vdaf, collection)[0] - 3)).isLessThanOrEqualTo(40);
    // Released once: a second read returns the same noisy shares, never a fresh draw.
    JsonObject again = await(admin(client.get(leaderPort, "localhost", "/v1/tasks/" + TASK + "/collections/0"))
        .send()).bodyAsJsonObject();
    assertThat(again.getString("leaderShare")).isEqualTo(collection.getString("leaderShare"));
    assertThat(again.getString("helperShare")).isEqualTo(collection.getString("helperShare"));
  }

  private byte[] leaderSeed() throws Exception {
    return Base64.getDecoder().decode(Files.readAllLines(leaderData.resolve("aggregator.keys")).get(0).strip());
  }

  /** A request to the helper signed with an Ed25519 seed as the leader signs its requests. */
  private HttpResponse<Buffer> peerPost(byte[] seed, String path, JsonObject body) throws Exception {
    byte[] bytes = body.toBuffer().getBytes();
    long timestamp = System.currentTimeMillis() / 1000;
    byte[] nonce = new byte[18];
    random.nextBytes(nonce);
    String nonceText = B64.encodeToString(nonce);
    com.google.crypto.tink.subtle.Ed25519Sign.KeyPair keys =
        com.google.crypto.tink.subtle.Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
    byte[] content = ("PET-PEER1\n" + TASK + "\nPOST\n" + path + "\n" + sha256Hex(bytes) + "\n" + timestamp + "\n"
        + nonceText).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String signature = B64.encodeToString(new com.google.crypto.tink.subtle.Ed25519Sign(keys.getPrivateKey())
        .sign(content));
    return await(client.post(helperPort, "localhost", path).putHeader(PeerSignature.TIMESTAMP, Long.toString(timestamp))
        .putHeader(PeerSignature.NONCE, nonceText).putHeader(PeerSignature.SIGNATURE, signature)
        .sendBuffer(Buffer.buffer(bytes)));
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
