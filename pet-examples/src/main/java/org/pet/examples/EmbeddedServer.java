package org.pet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.pet.examples.client.PetClient;
import org.pet.random.Randomness;
import org.pet.server.PetServer;
import org.pet.server.PetServerConfig;

/**
 * A throw-away pet server for demos, scenarios and tests: embedded H2 in a fresh temporary directory, a
 * random port on loopback and a random administrator token. {@link #close()} stops it, shuts the
 * database down and deletes the directory.
 */
public final class EmbeddedServer implements AutoCloseable {

  private final Path directory;
  /** Whether the directory is this server's own temporary one, deleted on close. */
  private final boolean temporary;
  private final PetServer server = new PetServer();
  private final PetServerConfig config;
  private final URI uri;

  private EmbeddedServer(Path directory, boolean temporary, String role) {
    this.directory = directory;
    this.temporary = temporary;
    this.config = new PetServerConfig(0, null, randomAdminToken(), directory, PetServerConfig.DEFAULT_MAX_BODY_BYTES,
        null, role);
    int port;
    try {
      port = server.start(config);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.uri = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Starts a server in a new temporary directory.
   *
   * @throws UncheckedIOException if the directory cannot be created
   * @throws IllegalStateException if the server cannot start
   */
  public static EmbeddedServer start() {
    return startAs(null);
  }

  /**
   * Starts a server in a new temporary directory in a two-aggregator role ({@code leader} or {@code helper}),
   * or in none (null).
   *
   * @throws UncheckedIOException if the directory cannot be created
   * @throws IllegalStateException if the server cannot start
   */
  public static EmbeddedServer startAs(String role) {
    try {
      return new EmbeddedServer(Files.createTempDirectory("pet-demo-"), true, role);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data directory", e);
    }
  }

  /**
   * Starts a server on the data directory {@code directory}, which {@link #close()} keeps (for restarting
   * a server on the same data).
   *
   * @throws IllegalStateException if the server cannot start
   */
  public static EmbeddedServer startIn(Path directory) {
    return new EmbeddedServer(directory, false, null);
  }

  /** The server's address, {@code http://127.0.0.1:PORT}. */
  public URI uri() {
    return uri;
  }

  /** A client holding the administrator token. */
  public PetClient admin() {
    return PetClient.admin(uri, config.adminToken());
  }

  /** The administrator's bearer token. */
  public String adminToken() {
    return config.adminToken();
  }

  /** The server's data directory (datasets placed under {@code datasets/} can be registered by path). */
  public Path dataDirectory() {
    return directory;
  }

  /** The JDBC URL of the server's database, for inspecting (or, in tests, tampering with) what it stores. */
  public String jdbcUrl() {
    return config.effectiveDatabaseUrl();
  }

  /** A random administrator token: 24 bytes of secure randomness in base64url. */
  public static String randomAdminToken() {
    byte[] secret = new byte[24];
    Randomness.secureRandom().nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /**
   * Stops the server, shuts its database down (embedded H2 otherwise stays open until the JVM exits, and
   * then writes into the deleted directory) and deletes a temporary directory, best effort.
   *
   * @throws IllegalStateException if the database cannot be shut down
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
    if (!temporary) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is in the system's temporary space
    }
  }
}
