package org.pet.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pet server ({@code org.pet.server.PetServer#main}) in a child JVM for the HTTP benchmarks: a fresh
 * temporary data directory (embedded H2), this JVM's class path, a properties file, no {@code PET_*}
 * variable of this environment, the heap given, and a GC log from which {@link #peakHeap()} reads the peak
 * heap. {@link #start} waits for the line {@code pet server listening on port N}; the output after it is
 * drained and discarded.
 */
final class ChildServer implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("pet server listening on port (\\d+)");
  /** A unified-logging GC line: "... 123M->45M(256M) ..." (before, after, committed). */
  private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private final Process process;
  private final URI uri;
  private final Path gcLog;

  private ChildServer(Process process, URI uri, Path gcLog) {
    this.process = process;
    this.uri = uri;
    this.gcLog = gcLog;
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param role {@code leader}, {@code helper}, or null for none
   * @throws IllegalStateException if it exits before listening
   */
  static ChildServer start(String name, String adminToken, String role, String heap) throws IOException {
    Path directory = Files.createTempDirectory("pet-" + name + "-");
    Properties properties = new Properties();
    properties.setProperty("port", "0");
    properties.setProperty("admin.token", adminToken);
    properties.setProperty("data.dir", directory.toString());
    properties.setProperty("max.body.bytes", Long.toString(64L << 20));
    if (role != null) {
      properties.setProperty("role", role);
    }
    Path configuration = directory.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(configuration)) {
      properties.store(writer, name);
    }
    Path gcLog = directory.resolve("gc.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
        "org.pet.server.PetServer", configuration.toString()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(variable -> variable.startsWith("PET_"));
    Process process = builder.start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    int port = -1;
    for (String line = output.readLine(); line != null && port < 0; line = port < 0 ? output.readLine() : null) {
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        port = Integer.parseInt(listening.group(1));
      }
    }
    if (port < 0) {
      process.destroy();
      throw new IllegalStateException("the " + name + " server exited before listening");
    }
    Thread drain = new Thread(() -> output.lines().forEach(line -> { }), name + "-output");
    drain.setDaemon(true);
    drain.start();
    return new ChildServer(process, URI.create("http://127.0.0.1:" + port), gcLog);
  }

  URI uri() {
    return uri;
  }

  /** The largest heap in use before a collection and the largest left after one, in MiB, from the GC log. */
  long[] peakHeap() throws IOException {
    long[] peak = new long[2];
    for (String line : Files.readAllLines(gcLog)) {
      Matcher heap = HEAP.matcher(line);
      if (heap.find()) {
        peak[0] = Math.max(peak[0], Long.parseLong(heap.group(1)));
        peak[1] = Math.max(peak[1], Long.parseLong(heap.group(2)));
      }
    }
    return peak;
  }

  /** Stops the server (and any process it started) and waits for it. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
