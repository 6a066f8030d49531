package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.client.DatasetRegistration;
import org.pet.examples.client.DpQueryRequest;
import org.pet.examples.client.QueryServiceClient;

/** {@code pet log verify} against an embedded server, and on exported copies that were tampered with. */
class LogVerifyCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  private EmbeddedServer server;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Three agreements, a dataset (with a fractional delta in its payload) and a query of 0.1: five entries. */
  private void fillLog() {
    for (String purpose : List.of("child protection", "fraud signals", "research")) {
      server.admin().post("/v1/agreements", Map.of("parties", List.of("council", "nhs-trust"),
          "purpose", purpose, "legalBasis", "DEA 2017 s.35", "data", "counts by age band"));
    }
    QueryServiceClient service = new QueryServiceClient(server.admin());
    String id = service.register(DatasetRegistration.upload("claims", "id", "id,x\n1,2\n2,3\n", 1.5, 1e-6)).path("id").asText();
    service.query(id, DpQueryRequest.count(0.1));
  }

  private Cli.Result verify(String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "log";
    args[1] = "verify";
    args[2] = "--server=" + server.uri();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return Cli.run(args);
  }

  /** An exported copy of a filled log. */
  private record Copy(Path file, String key, ObjectNode dump) {

    /** Verifies the copy as it now is (after {@link #save()}). */
    Cli.Result verify() {
      return Cli.run("log", "verify", "--file", file.toString(), "--key", key);
    }

    /** Writes the (tampered) dump back to the file. */
    void save() throws java.io.IOException {
      JSON.writeValue(file.toFile(), dump);
    }
  }

  /** Fills the log and exports it with {@code --save}. */
  private Copy savedCopy() throws java.io.IOException {
    fillLog();
    Path file = directory.resolve("log.json");
    String key = line(verify("--save", file.toString()).succeeded().out(), "server key: ");
    return new Copy(file, key, (ObjectNode) JSON.readTree(file.toFile()));
  }

  private static String line(String output, String prefix) {
    Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "(.*)$").matcher(output);
    assertThat(matcher.find()).as("a line %s in %s", prefix, output).isTrue();
    return matcher.group(1).strip();
  }

  private void sql(String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
        PreparedStatement update = connection.prepareStatement(statement)) {
      assertThat(update.executeUpdate()).isPositive();
    }
  }

  @Test
  void verify_server_checksEveryEntryAgainstTheCheckpointAndPrintsItsRoot() {
    fillLog();
    Cli.Result result = verify().succeeded();
    assertThat(line(result.out(), "entries checked: ")).isEqualTo("5");
    JsonNode checkpoint = server.admin().get("/v1/transparency/checkpoint");
    assertThat(line(result.out(), "root hash: ")).isEqualTo(checkpoint.path("rootHash").asText());
    assertThat(line(result.out(), "server key: "))
        .isEqualTo(server.admin().get("/v1/transparency/key").path("publicKey").asText());
    assertThat(line(result.out(), "ledgers checked against the log's charges: ")).isEqualTo("1");
  }

  @Test
  void verify_emptyLog_isValid() {
    Cli.Result result = verify().succeeded();
    assertThat(line(result.out(), "entries checked: ")).isEqualTo("0");
  }

  @Test
  void verify_checkpointFile_savedOnTheFirstRun_andTheGrownLogExtendsIt() throws Exception {
    fillLog();
    Path saved = directory.resolve("checkpoint.json");
    assertThat(verify("--checkpoint", saved.toString()).succeeded().out()).contains("saved checkpoint: none before");
    assertThat(JSON.readTree(saved.toFile()).path("checkpoint").asText()).contains("\n5\n");
    server.admin().post("/v1/agreements", Map.of("parties", List.of("council", "police"), "purpose", "later",
        "legalBasis", "DEA 2017", "data", "counts"));
    assertThat(verify("--checkpoint", saved.toString()).succeeded().out())
        .contains("the log extends the one of 5 entries");
    assertThat(JSON.readTree(saved.toFile()).path("checkpoint").asText()).contains("\n6\n");
  }

  /** Tamper case: an entry's payload edited in the database. */
  @Test
  void verify_payloadEditedInTheDatabase_namesTheEntry() throws Exception {
    fillLog();
    sql("UPDATE transparency_log SET payload = '{\"dataset\":\"rewritten\"}' WHERE entry_index = 3");
    Cli.Result result = verify().failed(1, "pet log verify", "entry 3 differs from the entry the server signed");
    assertThat(result.out()).contains("problem: entry 3 differs");
  }

  /** Tamper case: an entry deleted from the middle. */
  @Test
  void verify_entryDeletedInTheMiddle_namesTheGap() throws Exception {
    fillLog();
    sql("DELETE FROM transparency_log WHERE entry_index = 1");
    verify().failed(1, "pet log verify", "entry 1 is missing: the server skips from entry 0 to 2");
  }

  /** Tamper case: the last entries deleted while the server runs. */
  @Test
  void verify_tailDeleted_namesTheMissingEntries() throws Exception {
    fillLog();
    sql("DELETE FROM transparency_log WHERE entry_index >= 3");
    verify().failed(1, "pet log verify", "the server serves 3 entries but its signed checkpoint covers 5");
  }

  /** Tamper case: a ledger rolled back in the database. */
  @Test
  void verify_ledgerRolledBack_namesTheLedger() throws Exception {
    fillLog();
    sql("UPDATE budget_ledgers SET spent_epsilon_nano = 0");
    verify().failed(1, "pet log verify", "the server holds epsilon 0.0, delta 0.0 spent but the log records epsilon 0.1");
  }

  /** Tamper case: another server (another key) answers at the address of the one saved. */
  @Test
  void verify_anotherKeyThanTheSavedCheckpoints_isAKeySwap() throws Exception {
    fillLog();
    Path saved = directory.resolve("checkpoint.json");
    verify("--checkpoint", saved.toString()).succeeded();
    try (EmbeddedServer other = EmbeddedServer.start()) {
      Cli.run("log", "verify", "--server", other.uri().toString(), "--checkpoint", saved.toString())
          .failed(1, "pet log verify", "a key swap");
    }
  }

  @Test
  void verify_pinnedKeyOfAnotherServer_fails() throws Exception {
    fillLog();
    try (EmbeddedServer other = EmbeddedServer.start()) {
      String otherKey = other.admin().get("/v1/transparency/key").path("publicKey").asText();
      verify("--key", otherKey).failed(1, "pet log verify", "not the expected key");
    }
  }

  /**
   * Tamper cases: a database restored from an older copy (the log shrank) and a forked history (the
   * older copy then grew differently), both signed by the right key and valid on their own.
   */
  @Test
  void verify_rolledBackOrForkedLog_againstTheSavedCheckpoint_fails() throws Exception {
    Path data = directory.resolve("data");
    Path fork = directory.resolve("fork");
    EmbeddedServer original = EmbeddedServer.startIn(data);
    agreement(original, "first");
    agreement(original, "second");
    original.close();
    copy(data, fork);
    original = EmbeddedServer.startIn(data);
    agreement(original, "third, in the original only");
    Path saved = directory.resolve("checkpoint.json");
    Cli.run("log", "verify", "--server", original.uri().toString(), "--checkpoint", saved.toString()).succeeded();
    original.close();
    try (EmbeddedServer rolledBack = EmbeddedServer.startIn(fork)) {
      Cli.run("log", "verify", "--server", rolledBack.uri().toString()).succeeded();
      Cli.run("log", "verify", "--server", rolledBack.uri().toString(), "--checkpoint", saved.toString())
          .failed(1, "pet log verify", "the log shrank: the saved checkpoint covers 3 entries, the server's latest only 2");
      agreement(rolledBack, "third, in the fork");
      agreement(rolledBack, "fourth, in the fork");
      Cli.run("log", "verify", "--server", rolledBack.uri().toString(), "--checkpoint", saved.toString())
          .failed(1, "pet log verify", "the first 3 entries are not those of the saved checkpoint");
    }
  }

  private static void agreement(EmbeddedServer server, String purpose) {
    server.admin().post("/v1/agreements", Map.of("parties", List.of("council", "nhs-trust"), "purpose", purpose,
        "legalBasis", "DEA 2017 s.35", "data", "counts"));
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
  }

  @Test
  void verifyFile_savedCopy_verifiesOffline_andAnEditedPayloadFails() throws Exception {
    Copy copy = savedCopy();
    copy.verify().succeeded();
    ObjectNode entry = (ObjectNode) copy.dump().path("entries").get(2);
    ((ObjectNode) entry.path("payload")).put("purpose", "something else");
    copy.save();
    copy.verify().failed(1, "pet log verify", "entry 2 is malformed: `payload` is not `payloadText` parsed");
    entry.put("payloadText", entry.path("payload").toString());
    copy.save();
    copy.verify().failed(1, "pet log verify", "root of the 5 entries does not match the checkpoint");
  }

  @Test
  void verifyFile_removedEntry_fails() throws Exception {
    Copy copy = savedCopy();
    ((ArrayNode) copy.dump().path("entries")).remove(1);
    copy.save();
    copy.verify().failed(1, "pet log verify", "entry 1 has index 2");
  }

  @Test
  void verifyFile_alteredCheckpoint_fails() throws Exception {
    Copy again = savedCopy();
    String note = again.dump().path("checkpoint").asText();
    again.dump().put("checkpoint", note.replace("\n5\n", "\n4\n"));
    again.save();
    again.verify().failed(1, "pet log verify", "checkpoint signature does not verify");
  }

  @Test
  void verifyFile_withoutKey_orWithABadKey_exitsTwo() throws Exception {
    Path copy = directory.resolve("log.json");
    Files.writeString(copy, "{\"checkpoint\": \"x\", \"entries\": []}");
    Cli.run("log", "verify", "--file", copy.toString()).failed(2, "pet log verify", "--file needs --key");
    Cli.run("log", "verify", "--file", copy.toString(), "--key", "c2hvcnQ")
        .failed(2, "pet log verify", "--key: the key is not a 32-byte Ed25519 public key");
    Cli.run("log", "verify", "--file", copy.toString(), "--key", "#!").failed(2, "pet log verify", "not base64url");
  }

  @Test
  void verifyFile_missingNotJsonOrNotADump_exitsTwo() throws Exception {
    String key = "A".repeat(43);
    Cli.run("log", "verify", "--file", directory.resolve("none.json").toString(), "--key", key)
        .failed(2, "pet log verify", "--file: no such file");
    Path notJson = directory.resolve("bad.json");
    Files.writeString(notJson, "{entries");
    Cli.run("log", "verify", "--file", notJson.toString(), "--key", key).failed(2, "pet log verify", "not JSON");
    Files.writeString(notJson, "[1, 2]");
    Cli.run("log", "verify", "--file", notJson.toString(), "--key", key)
        .failed(2, "pet log verify", "no `entries` array");
  }

  @Test
  void verify_serverAndFileTogether_orNeither_exitsTwo() {
    Cli.run("log", "verify", "--server", "http://localhost:1", "--file", "x.json")
        .failed(2, "pet log verify", "mutually exclusive");
    Cli.run("log", "verify").failed(2, "pet log verify", "Missing required argument");
  }

  @Test
  void verify_saveOrCheckpointInAMissingDirectory_exitsTwoBeforeFetching() throws Exception {
    try (RecordingServer recording = new RecordingServer()) {
      Path missing = directory.resolve("missing");
      Cli.run("log", "verify", "--server", recording.url(), "--save", missing.resolve("log.json").toString())
          .failed(2, "pet log verify", "--save: no such directory: " + missing);
      Cli.run("log", "verify", "--server", recording.url(), "--checkpoint", missing.resolve("cp").toString())
          .failed(2, "pet log verify", "--checkpoint: no such directory: " + missing);
      assertThat(recording.requests()).isZero();
    }
  }

  @Test
  void verify_badServerAddress_exitsTwo_andAnUnreachableServerOne() throws Exception {
    Cli.run("log", "verify", "--server", "localhost:8080").failed(2, "pet log verify", "--server must be an http://");
    RecordingServer closed = new RecordingServer();
    String url = closed.url();
    closed.close();
    Cli.run("log", "verify", "--server", url).failed(1, "pet log verify",
        "nothing listens at localhost:" + url.substring(url.lastIndexOf(':') + 1) + " (connection refused)");
  }
}
