package org.pet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.pet.examples.client.PetClient;
import org.pet.random.Randomness;
import org.pet.server.PetServer;
import org.pet.server.PetServerConfig;

/**
 * A throw-away pet server for demos and scenarios: embedded H2 in a fresh temporary directory, a random
 * port on loopback and a random administrator token. {@link #close()} stops it and deletes the directory.
 */
public final class EmbeddedServer implements AutoCloseable {

  private final Path directory;
  private final PetServer server = new PetServer();
  private final String adminToken;
  private final URI uri;

  private EmbeddedServer(Path directory) {
    this.directory = directory;
    byte[] secret = new byte[24];
    Randomness.secureRandom().nextBytes(secret);
    this.adminToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    int port = server.start(new PetServerConfig(0, null, adminToken, directory,
        PetServerConfig.DEFAULT_MAX_BODY_BYTES));
    this.uri = URI.create("http://127.0.0.1:" + port);
  }

  /** Starts a server in a new temporary directory. */
  public static EmbeddedServer start() {
    try {
      return new EmbeddedServer(Files.createTempDirectory("pet-demo-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data directory", e);
    }
  }

  public URI uri() {
    return uri;
  }

  /** A client holding the administrator token. */
  public PetClient admin() {
    return PetClient.admin(uri, adminToken);
  }

  /** The server's data directory (datasets placed under {@code datasets/} can be registered by path). */
  public Path dataDirectory() {
    return directory;
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is in the system's temporary space
    }
  }
}
