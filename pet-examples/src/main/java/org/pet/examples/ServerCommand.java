package org.pet.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
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
 * it) or the running thread is. Settings come from {@link PetServerConfig}'s sources - a properties file
 * ({@code --config}), overridden by the {@code PET_*} environment variables - and the options override
 * both.
 */
@Command(name = "server",
    description = {
        "Run a pet server until interrupted (Ctrl-C: exit code 130). Prints the address it listens on.",
        "Settings: the options, else the environment (PET_PORT, PET_DB_URL, PET_ADMIN_TOKEN, PET_DATA_DIR, "
            + "PET_MAX_BODY_BYTES, PET_SPARK_MASTER), else the --config file, else the defaults. Without any administrator token "
            + "a random one is generated and printed once."})
final class ServerCommand implements Callable<Integer> {

  private static final String TOKEN_KEY = "admin.token";

  @Spec
  private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A properties file: port, db.url, admin.token, data.dir, max.body.bytes, spark.master.")
  private Path configFile;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port, 0 for any free one (default 8080).")
  private Integer port;

  @Option(names = "--db-url", paramLabel = "JDBC_URL",
      description = "Database, e.g. jdbc:postgresql://host/pet?user=pet&password=... (default: embedded H2 in "
          + "the data directory).")
  private String dbUrl;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory of the embedded database and the log's signing key (default pet-data).")
  private Path dataDir;

  @Option(names = "--admin-token", paramLabel = "TOKEN",
      description = "The administrator's bearer token, 16+ characters (prefer PET_ADMIN_TOKEN: options are "
          + "visible in the process list).")
  private String adminToken;

  @Option(names = "--max-body-bytes", paramLabel = "N",
      description = "Larger request bodies are refused (default 16777216).")
  private Long maxBodyBytes;

  @Option(names = "--spark-master", paramLabel = "URL",
      description = "Spark master (e.g. local[4], spark://host:7077) answering datasets registered with "
          + "\"engine\": \"spark\"; needs pet-spark and Spark SQL on the server's classpath (default: none).")
  private String sparkMaster;

  @Option(names = "--role", paramLabel = "ROLE",
      description = "leader or helper: take part in two-aggregator Prio3 tasks in this role, with this server's "
          + "own database, keys and log (default: no role).")
  private String role;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve HTTPS with this PEM certificate chain (with --tls-key); default: plain HTTP, e.g. behind a "
          + "TLS-terminating proxy.")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM (PKCS#8) private key of --tls-cert.")
  private Path tlsKey;

  @Option(names = "--peer-ca", paramLabel = "FILE",
      description = "A leader's trust for its helpers' HTTPS certificates: a PEM file of CA certificates (besides the "
          + "JDK's authorities).")
  private Path peerCa;

  @Override
  public Integer call() {
    Map<String, String> settings = new HashMap<>(PetCommand.environment(spec));
    if (port != null) {
      Inputs.require(port >= 0 && port <= 65_535, "--port", "in [0, 65535]", port);
      settings.put("PET_PORT", port.toString());
    }
    if (maxBodyBytes != null) {
      settings.put("PET_MAX_BODY_BYTES", Long.toString(Inputs.atLeast("--max-body-bytes", maxBodyBytes, 1024)));
    }
    if (adminToken != null) {
      Inputs.require(adminToken.length() >= 16, "--admin-token", "at least 16 characters long",
          adminToken.length() + " characters");
      settings.put(AdminOptions.TOKEN_VARIABLE, adminToken);
    }
    putIfGiven(settings, "PET_DB_URL", dbUrl);
    putIfGiven(settings, "PET_SPARK_MASTER", sparkMaster);
    putIfGiven(settings, "PET_ROLE", role);
    putIfGiven(settings, "PET_TLS_CERT", tlsCert == null ? null : Inputs.readableFile("--tls-cert", tlsCert).toString());
    putIfGiven(settings, "PET_TLS_KEY", tlsKey == null ? null : Inputs.readableFile("--tls-key", tlsKey).toString());
    putIfGiven(settings, "PET_PEER_CA", peerCa == null ? null : Inputs.readableFile("--peer-ca", peerCa).toString());
    putIfGiven(settings, "PET_DATA_DIR", dataDir == null ? null : dataDir.toString());
    Properties file = configFile == null ? new Properties() : readProperties(configFile);
    boolean generated = !settings.containsKey(AdminOptions.TOKEN_VARIABLE) && file.getProperty(TOKEN_KEY) == null;
    if (generated) {
      settings.put(AdminOptions.TOKEN_VARIABLE, EmbeddedServer.randomAdminToken());
    }
    PetServerConfig config;
    try {
      config = configFile == null ? PetServerConfig.fromEnvironment(settings)
          : PetServerConfig.fromFile(configFile, settings);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid server settings: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configFile, e);
    }
    return run(config, generated);
  }

  /**
   * Starts the server, prints its address (and a generated token) and waits for an interrupt; returns
   * {@link PetCommand#INTERRUPTED}. (After Ctrl-C the JVM exits with that code itself once the shutdown hook
   * has closed the server; an interrupt of this thread returns it, for the same exit code either way.)
   */
  private int run(PetServerConfig config, boolean generatedToken) {
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
      out.println("pet server listening on " + (config.tls() ? "https" : "http") + "://localhost:" + bound + " ("
          + config + ")");
      if (generatedToken) {
        out.println("administrator token (generated, shown once): " + config.adminToken());
      }
      out.flush();
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      removeHook(hook);
      server.close();
    }
    return PetCommand.INTERRUPTED;
  }

  private static void putIfGiven(Map<String, String> settings, String variable, String value) {
    if (value != null) {
      settings.put(variable, value);
    }
  }

  private static Properties readProperties(Path file) {
    Inputs.readableFile("--config", file);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IllegalArgumentException e) {
      throw new UsageException(file + ": not a properties file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return properties;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it closes the server itself
    }
  }
}
