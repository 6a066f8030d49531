package org.pet.server.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pet server ({@code org.pet.server.PetServer#main}) in a child JVM, for tests that must crash it for real:
 * {@link #kill()} sends SIGKILL (no shutdown hook, no close, no flush), {@link #restart()} starts a new
 * process on the same data directory, as an operator would after a crash.
 *
 * <p>The child runs with this JVM's class path (a Surefire manifest-only booter jar is expanded to the
 * entries its manifest lists) and a properties file written next to its data; no {@code PET_*} variable of
 * this process's environment reaches it. Its standard output and error go, line by line, to one log file
 * per incarnation ({@link #logFile()}); {@link #log()} reads them all back. Starting waits for the line
 * {@code pet server listening on port N} - never for a fixed time - with a generous timeout (default three
 * minutes) that is only a safety net against a hung child.
 *
 * <p>Every child is killed by {@link #close()}, and by a shutdown hook if the test JVM exits first. Not
 * thread-safe: one test thread drives it, while any number of threads talk to the server.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("pet server listening on port (\\d+)");
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
        "kill-pet-server-children"));
  }

  private final Builder settings;
  private final String classPath;
  private final List<Path> logs = new ArrayList<>();
  private Process process;
  private int port;

  private ServerProcess(Builder settings) {
    this.settings = settings;
    this.classPath = childClassPath(System.getProperty("java.class.path"));
  }

  /**
   * Settings for a server on {@code dataDirectory} (created if missing), administered with
   * {@code adminToken} (at least 16 characters).
   */
  public static Builder builder(Path dataDirectory, String adminToken) {
    return new Builder(dataDirectory, adminToken);
  }

  /** How to run the child. Setters check their argument at once. */
  public static final class Builder {
    private final Path dataDirectory;
    private final String adminToken;
    private String databaseUrl;
    private String role;
    private long maxBodyBytes = 16L << 20;
    private Duration startTimeout = Duration.ofMinutes(3);
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"));

    private Builder(Path dataDirectory, String adminToken) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath();
      if (Objects.requireNonNull(adminToken, "adminToken").length() < 16) {
        throw new IllegalArgumentException("`adminToken` must have at least 16 characters");
      }
      this.adminToken = adminToken;
    }

    /** A JDBC URL instead of the default embedded H2 under the data directory. */
    public Builder databaseUrl(String url) {
      this.databaseUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** {@code leader} or {@code helper}: the server's role in two-aggregator tasks (default: none). */
    public Builder role(String role) {
      if (!org.pet.server.PetServerConfig.ROLES.contains(role)) {
        throw new IllegalArgumentException("`role` must be one of " + org.pet.server.PetServerConfig.ROLES + ", was "
            + role);
      }
      this.role = role;
      return this;
    }

    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("`maxBodyBytes` must be >= 1024, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** The longest a start may take before the child is killed and the start fails (a safety net). */
    public Builder startTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("`startTimeout` must be > 0, was " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /** Adds an option to the child's {@code java} command line (after the defaults). */
    public Builder jvmOption(String option) {
      jvmOptions.add(Objects.requireNonNull(option, "option"));
      return this;
    }

    /**
     * Starts the server on a free port and waits until it listens.
     *
     * @throws IllegalStateException if it exits or does not listen within the start timeout (the message
     *     holds the end of its log)
     */
    public ServerProcess start() {
      ServerProcess server = new ServerProcess(this);
      server.launch(0);
      return server;
    }
  }

  /** The port the current incarnation listens on. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Path dataDirectory() {
    return settings.dataDirectory;
  }

  public String adminToken() {
    return settings.adminToken;
  }

  /** The JDBC URL the server uses (to inspect its database while it is stopped). */
  public String jdbcUrl() {
    return settings.databaseUrl != null ? settings.databaseUrl
        : "jdbc:h2:file:" + settings.dataDirectory.resolve("pet") + ";DB_CLOSE_DELAY=-1";
  }

  /** Whether the current incarnation is running. */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The current incarnation's process id. */
  public long pid() {
    return requireProcess().pid();
  }

  /**
   * Kills the server with SIGKILL ({@link Process#destroyForcibly()} on Linux and macOS) and waits for it to
   * be gone.
   *
   * @return the child's exit status (137 = 128 + SIGKILL, unless it had already exited)
   * @throws IllegalStateException if there is no child, or it is still alive a minute after SIGKILL
   */
  public int kill() {
    Process child = requireProcess();
    child.destroyForcibly();
    try {
      if (!child.waitFor(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("pet server " + child.pid() + " still alive a minute after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the killed server", e);
    } finally {
      LIVE.remove(child);
    }
    return child.exitValue();
  }

  /**
   * Starts a new incarnation on the same data directory and database, on a free port.
   *
   * @throws IllegalStateException if the current one is still running, or the new one does not start
   */
  public void restart() {
    requireStopped();
    launch(0);
  }

  /**
   * Starts a new incarnation on the same data directory, database and port (for clients that hold the
   * server's address).
   *
   * @throws IllegalStateException if the current one is still running, or the new one does not start
   */
  public void restartOnSamePort() {
    requireStopped();
    launch(port);
  }

  /** The current incarnation's log file (standard output and error). */
  public Path logFile() {
    return logs.get(logs.size() - 1);
  }

  /** Every incarnation's log, in order, each under a {@code === incarnation N ===} header. */
  public String log() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < logs.size(); i++) {
      text.append("=== incarnation ").append(i + 1).append(" ===\n");
      try {
        text.append(Files.readString(logs.get(i), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.append("(cannot read ").append(logs.get(i)).append(": ").append(e).append(")\n");
      }
    }
    return text.toString();
  }

  /** Kills the current incarnation if it is still running. */
  @Override
  public void close() {
    if (isAlive()) {
      kill();
    }
  }

  private Process requireProcess() {
    if (process == null) {
      throw new IllegalStateException("no server process");
    }
    return process;
  }

  private void requireStopped() {
    if (isAlive()) {
      throw new IllegalStateException("the server is still running: kill() it first");
    }
  }

  private void launch(int requestedPort) {
    try {
      Files.createDirectories(settings.dataDirectory);
      Path configuration = writeConfiguration(requestedPort);
      Path log = settings.dataDirectory.resolve("server-process-" + (logs.size() + 1) + ".log");
      logs.add(log);
      Path arguments = settings.dataDirectory.resolve("server-process.args");
      // The class path goes in an @argfile: it can be longer than one command-line argument may be.
      Files.writeString(arguments, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(settings.jvmOptions);
      command.add("@" + arguments);
      command.add("org.pet.server.PetServer");
      command.add(configuration.toString());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .directory(settings.dataDirectory.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("PET_"));
      process = builder.start();
      LIVE.add(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the pet server process", e);
    }
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Process child = process;
    Path log = logFile();
    Thread pump = new Thread(() -> copyOutput(child, log, listening), "pet-server-" + child.pid() + "-output");
    pump.setDaemon(true);
    pump.start();
    try {
      port = listening.get(settings.startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      close();
      throw new IllegalStateException("the pet server did not start (" + describe(e) + "); its log ends:\n"
          + tail(log()), e);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the pet server to start", e);
    }
  }

  private Path writeConfiguration(int requestedPort) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("port", Integer.toString(requestedPort));
    properties.setProperty("admin.token", settings.adminToken);
    properties.setProperty("data.dir", settings.dataDirectory.toString());
    properties.setProperty("max.body.bytes", Long.toString(settings.maxBodyBytes));
    if (settings.role != null) {
      properties.setProperty("role", settings.role);
    }
    if (settings.databaseUrl != null) {
      properties.setProperty("db.url", settings.databaseUrl);
    }
    Path file = settings.dataDirectory.resolve("server-process.properties");
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "written by ServerProcess");
    }
    return file;
  }

  /** Copies the child's output to its log, line by line, and reports the port once it listens. */
  private static void copyOutput(Process child, Path log, CompletableFuture<Integer> listening) {
    try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8)); Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = output.readLine()) != null) {
        file.write(line);
        file.write('\n');
        file.flush();
        Matcher matcher = LISTENING.matcher(line);
        if (!listening.isDone() && matcher.find()) {
          listening.complete(Integer.parseInt(matcher.group(1)));
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
      return;
    }
    listening.completeExceptionally(new IllegalStateException("the process ended before it listened"));
  }

  private static String describe(Exception e) {
    return e instanceof TimeoutException ? "no \"listening\" line in time" : String.valueOf(e.getCause());
  }

  private static String tail(String text) {
    return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
  }

  /**
   * A JVM's class path, with any manifest-only jar (Surefire's booter) replaced by the entries its
   * {@code Class-Path} lists, so that the child sees the classes whether or not Surefire rewrote
   * {@code java.class.path}.
   */
  static String childClassPath(String javaClassPath) {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : javaClassPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      List<String> listed = manifestClassPath(Path.of(entry));
      if (listed.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      } else {
        entries.addAll(listed);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The entries a jar's manifest {@code Class-Path} lists (resolved against the jar), or none. */
  private static List<String> manifestClassPath(Path jar) {
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      return List.of();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (listed == null || listed.isBlank() || file.stream().anyMatch(e -> e.getName().endsWith(".class"))) {
        return List.of(); // an ordinary jar: keep it as it is
      }
      URI base = jar.toAbsolutePath().getParent().toUri();
      List<String> entries = new ArrayList<>();
      for (String url : listed.trim().split("\\s+")) {
        entries.add(Path.of(base.resolve(url)).toString());
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + jar, e);
    }
  }
}
