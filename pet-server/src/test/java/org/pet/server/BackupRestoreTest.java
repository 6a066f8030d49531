package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DEPLOYMENT.md's backup and restore, done for real: a server's state is backed up as the guide says -
 * for embedded H2 the stopped server's data directory; for PostgreSQL a {@code pg_dump} taken while the
 * server runs plus the data directory's key files - and restored into a fresh server (new directory, new
 * database), whose log verifies, with the same key, the same checkpoint and the same entries, and which
 * goes on appending. Restoring the database without the signing key is refused with a message naming the
 * key file.
 */
class BackupRestoreTest {

  private static final String TOKEN = "admin-token-for-backup-tests-01234";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path directory;

  private JsonObject call(int port, String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN);
    request = body == null ? request.GET() : request.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
    return new JsonObject(response.body());
  }

  /** Records an agreement, a dataset and a query; returns the checkpoint. */
  private JsonObject record(int port) throws Exception {
    call(port, "POST", "/v1/agreements", new JsonObject().put("parties", new JsonArray(List.of("A council", "A trust")))
        .put("purpose", "backup test").put("legalBasis", "none needed: synthetic").put("data", "counts"));
    JsonObject dataset = call(port, "POST", "/v1/datasets", new JsonObject().put("name", "claims").put("unitColumn",
        "claimant").put("csv", "claimant,age\na,34\nb,51\n").put("budget", new JsonObject().put("epsilon", 1.0)));
    call(port, "POST", "/v1/datasets/" + dataset.getString("id") + "/queries", new JsonObject().put("type", "count")
        .put("epsilon", 0.25));
    return call(port, "GET", "/v1/transparency/checkpoint", null);
  }

  private void assertRestored(int port, JsonObject checkpoint, String key) throws Exception {
    JsonObject verified = call(port, "GET", "/v1/transparency/log/verify", null);
    assertThat(verified.getBoolean("valid")).as(verified.encode()).isTrue();
    assertThat(call(port, "GET", "/v1/transparency/checkpoint", null).getString("note"))
        .isEqualTo(checkpoint.getString("note"));
    assertThat(call(port, "GET", "/v1/transparency/key", null).getString("publicKey")).isEqualTo(key);
    assertThat(call(port, "GET", "/health", null).getString("status")).isEqualTo("UP");
    call(port, "POST", "/v1/agreements", new JsonObject().put("parties", new JsonArray(List.of("A", "B")))
        .put("purpose", "after the restore").put("legalBasis", "synthetic").put("data", "counts"));
    assertThat(call(port, "GET", "/v1/transparency/log/verify", null).getLong("treeSize"))
        .isEqualTo(checkpoint.getLong("treeSize") + 1);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Test
  void embeddedH2_theStoppedServersDataDirectoryRestoresIntoAFreshServer() throws Exception {
    Path live = directory.resolve("live");
    Path backup = directory.resolve("backup");
    JsonObject checkpoint;
    String key;
    try (PetServer server = new PetServer()) {
      int port = server.start(new PetServerConfig(0, null, TOKEN, live, 1 << 20));
      checkpoint = record(port);
      key = call(port, "GET", "/v1/transparency/key", null).getString("publicKey");
    }
    copyTree(live, backup); // the guide: stop the server, copy the data directory
    Path restored = directory.resolve("restored");
    copyTree(backup, restored);
    try (PetServer server = new PetServer()) {
      assertRestored(server.start(new PetServerConfig(0, null, TOKEN, restored, 1 << 20)), checkpoint, key);
    }
    Path withoutKey = directory.resolve("without-key");
    copyTree(backup, withoutKey);
    Files.delete(withoutKey.resolve("server-ed25519.key"));
    try (PetServer server = new PetServer()) {
      assertThatThrownBy(() -> server.start(new PetServerConfig(0, null, TOKEN, withoutKey, 1 << 20)))
          .hasMessageContaining("server-ed25519.key").hasMessageContaining("Restore the key file");
    }
  }

  @Test
  void postgresql_anOnlineDumpAndTheKeyFilesRestoreIntoAFreshServer() throws Exception {
    Path pgDump = Path.of("/usr/bin/pg_dump");
    Path pgRestore = Path.of("/usr/bin/pg_restore");
    assertThat(pgDump).as("PostgreSQL's client tools (apt-get install postgresql-client; .ci/run does)").exists();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String liveUrl = FreshPostgres.url(postgres);
      Path live = directory.resolve("live");
      Path dump = directory.resolve("pet.dump");
      JsonObject checkpoint;
      String key;
      try (PetServer server = new PetServer()) {
        int port = server.start(new PetServerConfig(0, liveUrl, TOKEN, live, 1 << 20));
        checkpoint = record(port);
        key = call(port, "GET", "/v1/transparency/key", null).getString("publicKey");
        // The guide: pg_dump while the server runs (a consistent snapshot), and the data directory's key files.
        run(pgDump.toString(), "--format=custom", "--no-owner", "--file=" + dump, "--dbname="
            + libpqUrl(postgres, database(liveUrl)));
      }
      Path restored = directory.resolve("restored");
      Files.createDirectories(restored);
      Files.copy(live.resolve("server-ed25519.key"), restored.resolve("server-ed25519.key"));
      String restoredUrl = FreshPostgres.url(postgres);
      run(pgRestore.toString(), "--no-owner", "--exit-on-error", "--dbname=" + libpqUrl(postgres, database(restoredUrl)),
          dump.toString());
      try (PetServer server = new PetServer()) {
        assertRestored(server.start(new PetServerConfig(0, restoredUrl, TOKEN, restored, 1 << 20)), checkpoint, key);
      }
    }
  }

  private static String database(String jdbcUrl) {
    String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
    return path.substring(1);
  }

  private static String libpqUrl(EmbeddedPostgres postgres, String database) {
    return "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/" + database;
  }

  private void run(String... command) throws Exception {
    Path log = Files.createTempFile(directory, "pg", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
    assertThat(process.exitValue()).as("%s: %s", command[0], Files.readString(log)).isZero();
  }
}
