package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.transparency.LogEntry;
import org.pet.transparency.MerkleTree;
import org.pet.transparency.SignedCheckpoint;

/**
 * The transparency log as a signed Merkle tree over real HTTP on embedded H2: checkpoints and proofs
 * verify; ledgers are audited from the log; and a server refuses to start on a log whose key is missing
 * or wrong, or whose entries were deleted or edited while it was down.
 */
class TransparencyLogHttpTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  private static final HexFormat HEX = HexFormat.of();

  @TempDir
  Path dataDirectory;

  private PetServer server;
  private PetServerConfig config;
  private Vertx vertx;
  private WebClient client;
  private int port;

  @BeforeEach
  void start() {
    config = new PetServerConfig(0, null, TOKEN, dataDirectory, 1 << 20);
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

  private HttpResponse<Buffer> get(String path) throws Exception {
    return client.get(port, "localhost", path).send().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
    return client.post(port, "localhost", path).putHeader("Authorization", "Bearer " + TOKEN).sendJsonObject(body)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private void agreements(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      HttpResponse<Buffer> response = post("/v1/agreements", new JsonObject()
          .put("parties", new JsonArray().add("Northshire Council").add("Northshire NHS Trust"))
          .put("purpose", "purpose " + i).put("legalBasis", "DEA 2017 s.35").put("data", "counts"));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    }
  }

  private byte[] serverKey() throws Exception {
    return Base64.getUrlDecoder().decode(get("/v1/transparency/key").bodyAsJsonObject().getString("publicKey"));
  }

  private SignedCheckpoint checkpoint() throws Exception {
    return SignedCheckpoint.parse(get("/v1/transparency/checkpoint").bodyAsJsonObject().getString("note"));
  }

  private List<LogEntry> entries() throws Exception {
    List<LogEntry> entries = new ArrayList<>();
    for (Object json : get("/v1/transparency/log?limit=1000").bodyAsJsonObject().getJsonArray("entries")) {
      JsonObject entry = (JsonObject) json;
      entries.add(new LogEntry(entry.getLong("index"), entry.getString("timestamp"), entry.getString("type"),
          entry.getString("payloadText")));
    }
    return entries;
  }

  private static List<byte[]> hashes(JsonArray hex) {
    List<byte[]> hashes = new ArrayList<>();
    hex.forEach(h -> hashes.add(HEX.parseHex((String) h)));
    return hashes;
  }

  private void sql(String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(config.effectiveDatabaseUrl(), "sa", "");
        Statement sql = connection.createStatement()) {
      sql.executeUpdate(statement);
    }
  }

  private void restart() {
    server.close();
    server = new PetServer();
    port = server.start(config);
  }

  @Test
  void checkpoint_signedByTheServerKey_coversEveryEntry_andEveryProofVerifies() throws Exception {
    agreements(7);
    SignedCheckpoint checkpoint = checkpoint();
    assertThat(checkpoint.verifiedBy(serverKey())).isTrue();
    assertThat(checkpoint.checkpoint().treeSize()).isEqualTo(7);
    assertThat(checkpoint.checkpoint().origin())
        .isEqualTo(get("/v1/transparency/key").bodyAsJsonObject().getString("origin"));
    List<LogEntry> entries = entries();
    byte[] root = checkpoint.checkpoint().rootHash();
    assertThat(MerkleTree.root(entries.stream().map(LogEntry::leafHash).toList())).isEqualTo(root);
    for (int size = 1; size <= 7; size++) {
      byte[] rootOfSize = MerkleTree.root(entries.subList(0, size).stream().map(LogEntry::leafHash).toList());
      for (int index = 0; index < size; index++) {
        JsonObject proof = get("/v1/transparency/proof/inclusion?index=" + index + "&size=" + size).bodyAsJsonObject();
        assertThat(proof.getString("leafHash")).isEqualTo(HEX.formatHex(entries.get(index).leafHash()));
        assertThat(MerkleTree.verifyInclusion(entries.get(index).leafHash(), index, size,
            hashes(proof.getJsonArray("auditPath")), rootOfSize)).as("entry %d of %d", index, size).isTrue();
      }
      JsonObject consistency = get("/v1/transparency/proof/consistency?from=" + size + "&to=7").bodyAsJsonObject();
      assertThat(MerkleTree.verifyConsistency(size, 7, rootOfSize, root, hashes(consistency.getJsonArray("proof"))))
          .as("from %d", size).isTrue();
    }
  }

  @Test
  void proofs_outOfRange_400() throws Exception {
    assertThat(get("/v1/transparency/proof/inclusion?index=0").statusCode()).isEqualTo(400);
    agreements(3);
    assertThat(get("/v1/transparency/proof/inclusion?index=3").statusCode()).isEqualTo(400);
    assertThat(get("/v1/transparency/proof/inclusion?index=0&size=4").statusCode()).isEqualTo(400);
    assertThat(get("/v1/transparency/proof/inclusion?size=2").statusCode()).isEqualTo(400);
    assertThat(get("/v1/transparency/proof/inclusion?index=-1").statusCode()).isEqualTo(400);
    assertThat(get("/v1/transparency/proof/consistency?from=2&to=1").statusCode()).isEqualTo(400);
    assertThat(get("/v1/transparency/proof/consistency?from=1&to=9").statusCode()).isEqualTo(400);
    assertThat(get("/v1/transparency/proof/consistency?to=2").statusCode()).isEqualTo(400);
    assertThat(get("/v1/transparency/proof/consistency?from=x").statusCode()).isEqualTo(400);
  }

  @Test
  void emptyLog_hasASignedCheckpointOfTheEmptyTree() throws Exception {
    SignedCheckpoint checkpoint = checkpoint();
    assertThat(checkpoint.verifiedBy(serverKey())).isTrue();
    assertThat(checkpoint.checkpoint().treeSize()).isZero();
    assertThat(checkpoint.checkpoint().rootHash()).isEqualTo(MerkleTree.emptyRoot());
  }

  @Test
  void registrations_areLoggedWithTheirKeys() throws Exception {
    byte[] key = org.pet.secagg.IdentityKeyPair.generate().publicKey();
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    assertThat(post("/v1/agencies", new JsonObject().put("id", "council").put("publicKey", encoded)).statusCode())
        .isEqualTo(201);
    assertThat(post("/v1/analysts", new JsonObject().put("id", "researcher.1")).statusCode()).isEqualTo(201);
    List<LogEntry> entries = entries();
    assertThat(entries).extracting(LogEntry::type).containsExactly("agency-registered", "analyst-registered");
    assertThat(new JsonObject(entries.get(0).payload()).getString("publicKey")).isEqualTo(encoded);
  }

  @Test
  void restart_keepsTheLogAndItsCheckpoint_andNewEntriesExtendIt() throws Exception {
    agreements(3);
    SignedCheckpoint before = checkpoint();
    restart();
    assertThat(checkpoint()).isEqualTo(before);
    agreements(2);
    JsonObject proof = get("/v1/transparency/proof/consistency?from=3&to=5").bodyAsJsonObject();
    assertThat(MerkleTree.verifyConsistency(3, 5, before.checkpoint().rootHash(), checkpoint().checkpoint().rootHash(),
        hashes(proof.getJsonArray("proof")))).isTrue();
    assertThat(get("/v1/transparency/log/verify").bodyAsJsonObject().getBoolean("valid")).isTrue();
  }

  /** The signing key is created readable by its owner only, from its first byte, and nothing else is left. */
  @Test
  void signingKeyFile_isOwnerOnly_andNoTemporaryFileRemains() throws Exception {
    Path key = dataDirectory.resolve("server-ed25519.key");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dataDirectory)) {
      assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".new"));
    }
  }

  @Test
  void restart_withTheKeyFileMissing_refusesToStart_andCreatesNoKey() throws Exception {
    agreements(2);
    server.close();
    Path key = dataDirectory.resolve("server-ed25519.key");
    Files.delete(key);
    assertThatThrownBy(() -> new PetServer().start(config)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds 2 entries").hasMessageContaining("signing key").hasMessageContaining("missing")
        .hasMessageContaining("Restore the key file");
    assertThat(key).doesNotExist();
  }

  @Test
  void restart_withAnotherKey_refusesToStart() throws Exception {
    agreements(2);
    server.close();
    byte[] otherSeed = new byte[32];
    otherSeed[0] = 7;
    Files.writeString(dataDirectory.resolve("server-ed25519.key"), Base64.getEncoder().encodeToString(otherSeed));
    assertThatThrownBy(() -> new PetServer().start(config)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not match the transparency log");
  }

  @Test
  void restart_afterTheLastEntryWasDeleted_refusesToStart() throws Exception {
    agreements(3);
    server.close();
    sql("DELETE FROM transparency_log WHERE entry_index = 2");
    assertThatThrownBy(() -> new PetServer().start(config)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the log has 2 entries but its latest signed checkpoint covers 3");
  }

  @Test
  void restart_afterAnEntryWasEdited_refusesToStart() throws Exception {
    agreements(3);
    server.close();
    sql("UPDATE transparency_log SET payload = '{\"purpose\":\"rewritten\"}' WHERE entry_index = 1");
    assertThatThrownBy(() -> new PetServer().start(config)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("an entry was edited");
  }

  @Test
  void whileRunning_deletedOrEditedRows_areReportedByVerify() throws Exception {
    agreements(4);
    sql("DELETE FROM transparency_log WHERE entry_index = 3");
    sql("UPDATE transparency_log SET payload = '{\"purpose\":\"rewritten\"}' WHERE entry_index = 1");
    JsonObject result = get("/v1/transparency/log/verify").bodyAsJsonObject();
    assertThat(result.getBoolean("valid")).isFalse();
    assertThat(result.getJsonArray("problems").encode()).contains("entry 1 differs").contains("entries 3 to 3 are missing");
  }

  @Test
  void ledgerRolledBackInTheDatabase_isReportedByVerify_andServedAsHeld() throws Exception {
    String csv = "person,age\np1,3\np2,5\np3,7\n";
    String id = post("/v1/datasets", new JsonObject().put("name", "ages").put("unitColumn", "person").put("csv", csv)
        .put("budget", new JsonObject().put("epsilon", 5))).bodyAsJsonObject().getString("id");
    for (int i = 0; i < 3; i++) {
      assertThat(post("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "count").put("epsilon", 0.5))
          .statusCode()).isEqualTo(200);
    }
    assertThat(get("/v1/transparency/log/verify").bodyAsJsonObject().getBoolean("valid")).isTrue();
    assertThat(get("/v1/transparency/ledgers").bodyAsJsonObject().getJsonObject("datasets").getJsonObject(id)
        .getJsonObject("*").getLong("spentEpsilonNano")).isEqualTo(1_500_000_000L);
    sql("UPDATE budget_ledgers SET spent_epsilon_nano = 0");
    JsonObject result = get("/v1/transparency/log/verify").bodyAsJsonObject();
    assertThat(result.getBoolean("valid")).isFalse();
    assertThat(result.getJsonArray("problems").getString(0)).contains("dataset " + id)
        .contains("holds epsilon 0.0").contains("log records epsilon 1.5");
  }
}
