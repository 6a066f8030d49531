package org.pet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.pet.examples.client.PetClient;
import org.pet.server.PetServer;
import org.pet.server.PetServerConfig;

/**
 * A throw-away {@link PetServer} for demos, scenarios and tests: embedded H2 in a new temporary directory,
 * a free port, a random administrator token. {@link #close()} stops it and deletes the directory.
 */
public final class EmbeddedServer implements AutoCloseable {

  private final PetServer server = new PetServer();
  private final Path directory;
  private final String adminToken = randomAdminToken();
  private final URI uri;
  private final PetServerConfig config;

  private EmbeddedServer() throws IOException {
    directory = Files.createTempDirectory("pet-server");
    try {
      config = new PetServerConfig(0, null, adminToken, directory, PetServerConfig.DEFAULT_MAX_BODY_BYTES);
      int port = server.start(config);
      uri = URI.create("http://localhost:" + port);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts a server.
   *
   * @throws IOException if the temporary directory cannot be created
   * @throws IllegalStateException if the server cannot start
   */
  public static EmbeddedServer start() throws IOException {
    return new EmbeddedServer();
  }

  /** The server's address, {@code http://localhost:PORT}. */
  public URI uri() {
    return uri;
  }

  /** The administrator's bearer token. */
  public String adminToken() {
    return adminToken;
  }

  /** A client sending the administrator's token. */
  public PetClient adminClient() {
    return PetClient.admin(uri, adminToken);
  }

  /** The JDBC URL of the server's database, for inspecting (or, in tests, tampering with) what it stores. */
  public String jdbcUrl() {
    return config.effectiveDatabaseUrl();
  }

  /** A random administrator token: 24 bytes from {@link SecureRandom}, base64url. */
  public static String randomAdminToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Stops the server, shuts its database down (the embedded H2 database otherwise stays open until the JVM
   * exits) and deletes its directory.
   */
  @Override
  public void close() {
    server.close();
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot shut down the embedded database", e);
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
