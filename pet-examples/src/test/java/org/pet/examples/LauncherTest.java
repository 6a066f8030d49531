package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code bin/pet} run for real with {@code sh}, against a stand-in for
 * {@code pet-examples/target/pet.jar}: a jar holding only a manifest whose {@code Main-Class} is
 * {@link PetCommand} and whose {@code Class-Path} is this test's class path - so the launcher runs the real
 * command line without the shaded jar having been built. Also the exit code after Ctrl-C (SIGINT) and
 * SIGTERM, which only a real process shows. Waits for a child's output have a generous timeout (three
 * minutes) that is only a safety net against a hung child; nothing is timed.
 */
class LauncherTest {

  /** The script in this checkout (tests run in pet-examples/). */
  private static final Path SCRIPT = Path.of("..", "bin", "pet").toAbsolutePath().normalize();
  /** Fast start-up for the children; also shows that JAVA_OPTS reaches the JVM. */
  private static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m";

  private static boolean posix;

  @TempDir
  Path directory;

  private final List<Process> children = new ArrayList<>();

  @BeforeAll
  static void checkShell() {
    posix = !System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
        && Files.isExecutable(Path.of("/bin/sh"));
  }

  @AfterEach
  void killChildren() {
    children.forEach(Process::destroyForcibly);
  }

  /** A checkout-like tree: ROOT/bin/pet and ROOT/pet-examples/target/pet.jar. */
  private Path checkout(String name) throws IOException {
    Path root = directory.resolve(name);
    Path script = Files.createDirectories(root.resolve("bin")).resolve("pet");
    Files.copy(SCRIPT, script);
    script.toFile().setExecutable(true);
    writeLauncherJar(Files.createDirectories(root.resolve("pet-examples/target")).resolve("pet.jar"));
    return root;
  }

  /** A manifest-only jar that runs {@link PetCommand} on this test's class path. */
  private static void writeLauncherJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, PetCommand.class.getName());
    main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPathUris()));
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // the manifest is the whole jar
    }
  }

  /** This JVM's class path as file URIs, a Surefire manifest-only booter jar expanded to what it lists. */
  private static List<String> classPathUris() throws IOException {
    Set<String> uris = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath();
      String listed = null;
      if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
        try (JarFile jar = new JarFile(path.toFile())) {
          Manifest manifest = jar.getManifest();
          listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
      }
      if (listed != null && !listed.isBlank()) {
        for (String uri : listed.trim().split("\\s+")) {
          uris.add(path.getParent().toUri().resolve(uri).toString());
        }
      } else {
        uris.add(path.toUri().toString());
      }
    }
    return new ArrayList<>(uris);
  }

  private Process start(Path script, Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("PET_JAR");
    builder.environment().remove("PET_ADMIN_TOKEN");
    builder.environment().put("JAVA_OPTS", JAVA_OPTS);
    builder.environment().putAll(environment);
    Process process = builder.start();
    children.add(process);
    return process;
  }

  /** What a finished child printed and returned. */
  private record Run(int exitCode, String out, String err) {}

  private Run run(Path script, Map<String, String> environment, String... args) throws Exception {
    Process process = start(script, environment, args);
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the child finished").isTrue();
    return new Run(process.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** Reads the child's output until a line contains {@code text}; returns the lines read. */
  private static String awaitLine(Process process, String text) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          seen.append(line).append('\n');
          if (line.contains(text)) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    assertThat(found.get(3, TimeUnit.MINUTES)).as("the child printed %s; it printed %s", text, seen).isTrue();
    return seen.toString();
  }

  /** Whether the child process ignores SIGINT (inherited: a shell starts background jobs so). */
  private static boolean ignoresSigint(Process process) throws IOException {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0; // bit 1: signal 2
      }
    }
    return false;
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  @Test
  void script_isValidPosixSh_andExecutable() throws Exception {
    assumeTrue(posix, "needs a POSIX sh");
    assertThat(SCRIPT).isRegularFile();
    assertThat(Files.isExecutable(SCRIPT)).as("bin/pet is executable").isTrue();
    Process check = new ProcessBuilder("sh", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
    assertThat(check.waitFor()).as(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
  }

  @Test
  void pet_inACheckout_findsTheJar_andPassesArgumentsAndTheExitCodeThrough() throws Exception {
    assumeTrue(posix, "needs a POSIX sh");
    Path root = checkout("checkout");
    Path script = root.resolve("bin/pet");

    Run version = run(script, Map.of(), "--version");
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).isEqualTo("pet 0.1.0-SNAPSHOT\n");

    Run bad = run(script, Map.of(), "release", "--input", directory.resolve("no such file.csv").toString(),
        "--group-by", "district", "--epsilon", "1", "--delta", "1e-6");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("pet release: --input: no such file: " + directory.resolve("no such file.csv")
        + "\n");
  }

  @Test
  void pet_symbolicLinkToTheScript_findsTheJarNextToTheRealScript() throws Exception {
    assumeTrue(posix, "needs a POSIX sh");
    Path root = checkout("linked");
    Path onThePath = Files.createDirectories(directory.resolve("home/bin"));
    Path link = Files.createSymbolicLink(onThePath.resolve("pet"), Path.of("../../linked/bin/pet"));

    Run version = run(link, Map.of(), "--version");
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("pet ");
  }

  @Test
  void pet_jarNextToTheScriptOrInPetJar_isUsed() throws Exception {
    assumeTrue(posix, "needs a POSIX sh");
    Path installed = Files.createDirectories(directory.resolve("opt/pet"));
    Files.copy(SCRIPT, installed.resolve("pet"));
    installed.resolve("pet").toFile().setExecutable(true);
    writeLauncherJar(installed.resolve("pet.jar"));
    assertThat(run(installed.resolve("pet"), Map.of(), "--version").exitCode()).isZero();

    Path bare = Files.createDirectories(directory.resolve("bare"));
    Files.copy(SCRIPT, bare.resolve("pet"));
    bare.resolve("pet").toFile().setExecutable(true);
    assertThat(run(bare.resolve("pet"), Map.of("PET_JAR", installed.resolve("pet.jar").toString()), "--version")
        .exitCode()).isZero();
  }

  @Test
  void pet_noJar_exitsOneSayingHowToBuildIt() throws Exception {
    assumeTrue(posix, "needs a POSIX sh");
    Path bare = Files.createDirectories(directory.resolve("bare/bin"));
    Files.copy(SCRIPT, bare.resolve("pet"));
    bare.resolve("pet").toFile().setExecutable(true);

    Run missing = run(bare.resolve("pet"), Map.of(), "--version");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("pet: cannot find pet.jar").contains("mvn -B -q package -DskipTests");
    Run wrong = run(bare.resolve("pet"), Map.of("PET_JAR", "/no/such/pet.jar"), "--version");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).isEqualTo("pet: PET_JAR is /no/such/pet.jar, which is not a file\n");
  }

  @Test
  void server_ctrlC_exits130_afterClosingTheServer_andSigtermExits143() throws Exception {
    assumeTrue(posix, "needs a POSIX sh");
    Path script = checkout("server").resolve("bin/pet");
    Map<String, String> token = Map.of("PET_ADMIN_TOKEN", "launcher-test-token-0123456789");

    Process interrupted = start(script, token, "server", "--port", "0", "--data-dir",
        directory.resolve("data-1").toString());
    awaitLine(interrupted, "listening on");
    assumeTrue(!ignoresSigint(interrupted), "this test runs where SIGINT is ignored (a background job)");
    signal(interrupted, "INT");
    assertThat(interrupted.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(interrupted.exitValue()).as("exit code after Ctrl-C").isEqualTo(130);

    Process terminated = start(script, token, "server", "--port", "0", "--data-dir",
        directory.resolve("data-2").toString());
    awaitLine(terminated, "listening on");
    terminated.destroy(); // SIGTERM
    assertThat(terminated.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(terminated.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
  }

  @Test
  void clientWaitingForAnAnswer_ctrlC_exits130() throws Exception {
    assumeTrue(posix, "needs a POSIX sh");
    Path script = checkout("client").resolve("bin/pet");
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Process client = start(script, Map.of(), "log", "verify", "--server",
          "http://127.0.0.1:" + silent.getLocalPort());
      CompletableFuture<Socket> connected = CompletableFuture.supplyAsync(() -> {
        try {
          return silent.accept(); // the request is on its way: the client now waits for an answer
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      try (Socket request = connected.get(3, TimeUnit.MINUTES)) {
        assumeTrue(!ignoresSigint(client), "this test runs where SIGINT is ignored (a background job)");
        signal(client, "INT");
        assertThat(client.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(client.exitValue()).as("exit code after Ctrl-C").isEqualTo(130);
      }
    }
  }
}
