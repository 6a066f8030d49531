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

  /** Three agreements, a dataset (with a fractional delta in its payload) and a query: five entries. */
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

  @Test
  void verify_server_checksEveryEntryAndPrintsTheHeadHash() {
    fillLog();
    Cli.Result result = verify().succeeded();
    assertThat(line(result.out(), "entries checked: ")).isEqualTo("5");
    JsonNode last = server.admin().get("/v1/transparency/log?from=4&limit=1").path("entries").get(0);
    assertThat(line(result.out(), "head hash: ")).isEqualTo(last.path("hash").asText());
    assertThat(line(result.out(), "server key: "))
        .isEqualTo(server.admin().get("/v1/transparency/key").path("publicKey").asText());
  }

  @Test
  void verify_emptyLog_isValid() {
    Cli.Result result = verify().succeeded();
    assertThat(line(result.out(), "entries checked: ")).isEqualTo("0");
    assertThat(result.out()).contains("head hash: none (the log is empty)");
  }

  @Test
  void verify_rowTamperedInTheDatabase_failsAtItsIndex() throws Exception {
    fillLog();
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
        PreparedStatement update = connection.prepareStatement(
            "UPDATE transparency_log SET payload = ? WHERE entry_index = 3")) {
      update.setString(1, "{\"dataset\":\"rewritten\"}");
      assertThat(update.executeUpdate()).isOne();
    }
    Cli.Result result = verify().failed(1, "pet log verify",
        "the log is invalid at entry 3: hash does not match the entry's contents");
    assertThat(result.out()).contains("entries checked: 3 of 5");
  }

  @Test
  void verify_pinnedKeyOfAnotherServer_fails() throws Exception {
    fillLog();
    try (EmbeddedServer other = EmbeddedServer.start()) {
      String otherKey = other.admin().get("/v1/transparency/key").path("publicKey").asText();
      verify("--key", otherKey).failed(1, "pet log verify", "is not the --key given");
    }
  }

  @Test
  void verifyFile_savedCopy_verifiesOffline_andATamperedPayloadFailsAtItsIndex() throws Exception {
    Copy copy = savedCopy();
    copy.verify().succeeded();
    ObjectNode entry = (ObjectNode) copy.dump().path("entries").get(2);
    ((ObjectNode) entry.path("payload")).put("purpose", "something else");
    copy.save();
    copy.verify().failed(1, "pet log verify",
        "the log is invalid at entry 2: malformed entry: `payload` is not `payloadText` parsed");
    // Altering the signed text itself, consistently with the parsed payload, breaks the hash.
    entry.put("payloadText", entry.path("payload").toString());
    copy.save();
    copy.verify().failed(1, "pet log verify", "the log is invalid at entry 2: hash does not match the entry's contents");
  }

  @Test
  void verifyFile_olderDumpWithoutPayloadText_isHashedAsCompactPayload() throws Exception {
    Copy copy = savedCopy();
    for (var entry : copy.dump().path("entries")) {
      ((ObjectNode) entry).remove("payloadText");
    }
    copy.save();
    copy.verify().succeeded();
  }

  @Test
  void verifyFile_removedEntry_failsAtTheGap() throws Exception {
    Copy copy = savedCopy();
    ((ArrayNode) copy.dump().path("entries")).remove(1);
    copy.save();
    copy.verify().failed(1, "pet log verify", "the log is invalid at entry 1: expected index 1, found 2");
  }

  @Test
  void verifyFile_forgedSignatureOrMalformedHash_failAtTheirIndex() throws Exception {
    Copy copy = savedCopy();
    ObjectNode entry = (ObjectNode) copy.dump().path("entries").get(4);
    String signature = entry.path("signature").asText();
    entry.put("signature", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));
    copy.save();
    copy.verify().failed(1, "pet log verify", "at entry 4: invalid server signature");
    entry.put("hash", "not hex");
    copy.save();
    copy.verify().failed(1, "pet log verify", "at entry 4: malformed entry: `hash` must be hex");
  }

  @Test
  void verifyFile_withoutKey_orWithABadKey_exitsTwo() throws Exception {
    Path copy = directory.resolve("log.json");
    Files.writeString(copy, "{\"entries\": []}");
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
  void verify_badServerAddress_exitsTwo_andAnUnreachableServerOne() throws Exception {
    Cli.run("log", "verify", "--server", "localhost:8080").failed(2, "pet log verify", "--server must be an http://");
    RecordingServer closed = new RecordingServer();
    String url = closed.url();
    closed.close();
    Cli.run("log", "verify", "--server", url).failed(1, "pet log verify", "cannot reach the pet server");
  }
}
