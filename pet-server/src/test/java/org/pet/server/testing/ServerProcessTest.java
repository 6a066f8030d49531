package org.pet.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-JVM harness itself: it starts, is really killed, restarts on the same data and port. */
class ServerProcessTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();

  @TempDir
  Path directory;

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> recordAgreement(ServerProcess server, String purpose) throws Exception {
    return send(HttpRequest.newBuilder(server.uri().resolve("/v1/agreements"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"parties\":[\"a\",\"b\"],\"purpose\":\"" + purpose
            + "\",\"legalBasis\":\"test\",\"data\":\"none\"}")));
  }

  private static String log(ServerProcess server) throws Exception {
    return send(HttpRequest.newBuilder(server.uri().resolve("/v1/transparency/log"))).body();
  }

  @Test
  void start_serverListensAndItsOutputIsCaptured() throws Exception {
    try (ServerProcess server = ServerProcess.builder(directory, TOKEN).start()) {
      assertThat(server.isAlive()).isTrue();
      assertThat(server.port()).isPositive();
      assertThat(send(HttpRequest.newBuilder(server.uri().resolve("/health"))).statusCode()).isEqualTo(200);
      assertThat(server.log()).contains("pet server listening on port " + server.port());
      assertThat(Files.readString(server.logFile())).contains("listening on port");
    }
  }

  @Test
  void kill_isSigkillAndTheServerIsGone() throws Exception {
    try (ServerProcess server = ServerProcess.builder(directory, TOKEN).start()) {
      assertThat(server.kill()).isEqualTo(128 + 9);
      assertThat(server.isAlive()).isFalse();
      assertThatThrownBy(() -> send(HttpRequest.newBuilder(server.uri().resolve("/health"))))
          .isInstanceOf(ConnectException.class);
      assertThatCode(server::kill).doesNotThrowAnyException(); // killing a dead child is harmless
    }
  }

  @Test
  void restart_onTheSameDataAndPort_servesWhatWasWrittenBefore() throws Exception {
    try (ServerProcess server = ServerProcess.builder(directory.resolve("data"), TOKEN).start()) {
      int port = server.port();
      assertThat(recordAgreement(server, "first").statusCode()).isEqualTo(201);
      assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("kill()");
      server.kill();
      server.restartOnSamePort();
      assertThat(server.port()).isEqualTo(port);
      assertThat(log(server)).contains("\"purpose\":\"first\"");
      server.kill();
      server.restart();
      assertThat(log(server)).contains("\"purpose\":\"first\"");
      assertThat(server.log()).contains("=== incarnation 3 ===");
    }
  }

  @Test
  void start_whenTheServerCannotStart_failsWithItsLog() {
    ServerProcess.Builder broken = ServerProcess.builder(directory, TOKEN).databaseUrl("jdbc:nothing:here");
    assertThatThrownBy(broken::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start").hasMessageContaining("jdbc:nothing:here");
  }

  @Test
  void builder_refusesBadSettings() {
    assertThatThrownBy(() -> ServerProcess.builder(directory, "short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerProcess.builder(directory, TOKEN).maxBodyBytes(10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerProcess.builder(directory, TOKEN).startTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void childClassPath_expandsAManifestOnlyJarAndKeepsOrdinaryEntries() throws IOException {
    Path classes = Files.createDirectories(directory.resolve("classes"));
    Path booter = directory.resolve("booter.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "classes/ " + directory.resolve("lib dir/x.jar")
        .toUri());
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(booter), manifest)) {
      out.flush();
    }
    String expanded = ServerProcess.childClassPath(booter + File.pathSeparator + "other.jar");
    assertThat(expanded.split(File.pathSeparator)).containsExactly(classes.toString(),
        directory.resolve("lib dir/x.jar").toString(), Path.of("other.jar").toAbsolutePath().toString());
  }
}
