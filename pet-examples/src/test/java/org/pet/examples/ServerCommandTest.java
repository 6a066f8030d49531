package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.client.PetClient;

class ServerCommandTest {

  @TempDir
  Path directory;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** Starts {@code pet server} on a thread, waits for its address line and returns the output so far. */
  private Future<Integer> start(Map<String, String> environment, StringWriter out, String... options)
      throws Exception {
    String[] args = new String[1 + options.length];
    args[0] = "server";
    System.arraycopy(options, 0, args, 1, options.length);
    StringWriter err = new StringWriter();
    Future<Integer> exit = executor.submit(() ->
        PetCommand.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true), args));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!out.toString().contains("listening on") && !exit.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(out.toString()).as("stderr: %s", err).contains("listening on");
    return exit;
  }

  private static URI address(String out) {
    Matcher url = Pattern.compile("listening on (http://localhost:\\d+)").matcher(out);
    assertThat(url.find()).isTrue();
    return URI.create(url.group(1));
  }

  @Test
  void server_generatedToken_isPrintedOnce_andServesUntilInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    Future<Integer> exit = start(Map.of(), out, "--port", "0", "--data-dir", directory.toString());
    Matcher token = Pattern.compile("administrator token \\(generated, shown once\\): (\\S+)").matcher(out.toString());
    assertThat(token.find()).isTrue();
    PetClient admin = PetClient.admin(address(out.toString()), token.group(1));
    assertThat(admin.get("/health").path("status").asText()).isEqualTo("UP");
    assertThat(admin.post("/v1/agreements", Map.of("parties", java.util.List.of("a", "b"), "purpose", "p",
        "legalBasis", "l", "data", "d")).path("index").asLong()).isZero();
    executor.shutdownNow();
    assertThat(exit.get(30, TimeUnit.SECONDS)).as("exit code after an interrupt").isEqualTo(130);
    assertThat(directory.resolve("server-ed25519.key")).exists();
  }

  @Test
  void server_tokenFromTheEnvironment_isUsedAndNotPrinted() throws Exception {
    StringWriter out = new StringWriter();
    String token = "token-from-the-environment";
    Future<Integer> exit = start(Map.of("PET_ADMIN_TOKEN", token), out, "--port", "0", "--data-dir",
        directory.toString());
    assertThat(out.toString()).doesNotContain("administrator token").doesNotContain(token);
    PetClient admin = PetClient.admin(address(out.toString()), token);
    assertThat(admin.post("/v1/agreements", Map.of("parties", java.util.List.of("a", "b"), "purpose", "p",
        "legalBasis", "l", "data", "d")).path("index").asLong()).isZero();
    executor.shutdownNow();
    assertThat(exit.get(30, TimeUnit.SECONDS)).as("exit code after an interrupt").isEqualTo(130);
  }

  @Test
  void server_configFile_isOverriddenByTheEnvironmentAndTheEnvironmentByOptions() throws Exception {
    Path fromFile = directory.resolve("from-file");
    Path fromOption = directory.resolve("from-option");
    Path config = directory.resolve("pet.properties");
    Files.writeString(config, "port=0\nadmin.token=token-from-the-config-file\ndata.dir=" + fromFile + "\n");
    String token = "token-from-the-environment";
    StringWriter out = new StringWriter();
    Future<Integer> exit = start(Map.of("PET_ADMIN_TOKEN", token), out, "--config", config.toString(), "--data-dir",
        fromOption.toString());
    assertThat(out.toString()).doesNotContain("administrator token");
    PetClient admin = PetClient.admin(address(out.toString()), token);
    assertThat(admin.post("/v1/agreements", Map.of("parties", java.util.List.of("a", "b"), "purpose", "p",
        "legalBasis", "l", "data", "d")).path("index").asLong()).isZero();
    executor.shutdownNow();
    assertThat(exit.get(30, TimeUnit.SECONDS)).as("exit code after an interrupt").isEqualTo(130);
    assertThat(fromOption.resolve("server-ed25519.key")).exists();
    assertThat(fromFile).doesNotExist();
  }

  @Test
  void server_badConfigFile_exitsTwo() throws Exception {
    Cli.run("server", "--config", directory.resolve("none.properties").toString())
        .failed(2, "pet server", "--config: no such file");
    Path config = directory.resolve("pet.properties");
    Files.writeString(config, "port=eighty\n");
    Cli.run("server", "--config", config.toString(), "--data-dir", directory.toString())
        .failed(2, "pet server", "invalid server settings: PET_PORT (port) must be an integer, was eighty");
  }

  @Test
  void server_shortToken_exitsTwo() {
    Cli.run("server", "--port", "0", "--admin-token", "short", "--data-dir", directory.toString())
        .failed(2, "pet server", "--admin-token must be at least 16 characters long, was 5 characters");
  }

  @Test
  void server_portOutOfRange_exitsTwo() {
    Cli.run("server", "--port", "70000").failed(2, "pet server", "--port must be in [0, 65535], was 70000");
    Cli.run("server", "--port", "http").failed(2, "pet server", "'http' is not an int");
  }

  @Test
  void server_portInUse_exitsOneBeforeCreatingTheDataDirectoryOrPrintingAToken() throws Exception {
    Path dataDir = directory.resolve("pet-data");
    try (ServerSocket busy = new ServerSocket(0)) {
      Cli.Result result = Cli.run("server", "--port", Integer.toString(busy.getLocalPort()), "--data-dir",
          dataDir.toString()).failed(1, "pet server", "cannot start the server: cannot listen on port "
              + busy.getLocalPort());
      assertThat(result.out()).doesNotContain("administrator token");
    }
    assertThat(dataDir).as("no data directory, database or signing key").doesNotExist();
  }
}
