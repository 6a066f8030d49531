package org.pet.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pet.server.PetServer;
import org.pet.server.PetServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet server}: runs a {@link PetServer} until the process is interrupted (a shutdown hook closes
 * it) or the running thread is.
 */
@Command(name = "server",
    description = {
        "Run a pet server until interrupted (Ctrl-C). Prints the address it listens on.",
        "Without --admin-token or PET_ADMIN_TOKEN, a random administrator token is generated and printed once."})
final class ServerCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
      description = "TCP port, 0 for any free one (default ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--db-url", paramLabel = "JDBC_URL",
      description = "Database, e.g. jdbc:postgresql://host/pet?user=pet&password=... (default: embedded H2 in "
          + "the data directory).")
  private String dbUrl;

  @Option(names = "--data-dir", defaultValue = "pet-data", paramLabel = "DIR",
      description = "Directory of the embedded database and the log's signing key (default ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(names = "--admin-token", paramLabel = "TOKEN",
      description = "The administrator's bearer token, 16+ characters (default: the environment variable "
          + AdminOptions.TOKEN_VARIABLE + ", else a random one).")
  private String adminToken;

  @Option(names = "--max-body-bytes", defaultValue = "16777216", paramLabel = "N",
      description = "Larger request bodies are refused (default ${DEFAULT-VALUE}).")
  private long maxBodyBytes;

  @Override
  public Integer call() {
    Inputs.require(port >= 0 && port <= 65_535, "--port", "in [0, 65535]", port);
    Inputs.atLeast("--max-body-bytes", maxBodyBytes, 1024);
    String token = adminToken != null ? adminToken : PetCommand.environment(spec).get(AdminOptions.TOKEN_VARIABLE);
    boolean generated = token == null;
    if (generated) {
      token = EmbeddedServer.randomAdminToken();
    }
    Inputs.require(token.length() >= 16, adminToken != null ? "--admin-token" : AdminOptions.TOKEN_VARIABLE,
        "at least 16 characters long", token.length() + " characters");
    PetServerConfig config = new PetServerConfig(port, dbUrl, token, dataDir, maxBodyBytes);
    PetServer server = new PetServer();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "pet-server-shutdown");
    try {
      int bound;
      try {
        bound = server.start(config);
      } catch (RuntimeException e) {
        throw new FailureException("cannot start the server: " + e.getMessage());
      }
      Runtime.getRuntime().addShutdownHook(hook);
      PrintWriter out = spec.commandLine().getOut();
      out.println("pet server listening on http://localhost:" + bound + " (" + config + ")");
      if (generated) {
        out.println("administrator token (generated, shown once): " + token);
      }
      out.flush();
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      removeHook(hook);
      server.close();
    }
    return 0;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it closes the server itself
    }
  }
}
