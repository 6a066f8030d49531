package org.pet.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.AgencyPool;
import org.pet.examples.client.PetClient;
import org.pet.secagg.SecAggPlus;

/**
 * Not JMH: one SecAgg+ round of N agencies over HTTP (issue #17: N = 1,000) against a pet server in its own
 * JVM (embedded H2, GC log on), the agencies in this JVM - one thread each, sharing one HttpClient - with
 * k and t from {@link SecAggPlus#recommend} for 10% dropouts and c = floor(N / 3). The last 10% stop after
 * sharing keys. Prints the wall time from round creation to the public result, checks the sum against the
 * survivors' inputs, and reads the server's peak heap from its GC log: the largest heap in use before a
 * collection and the largest left after one.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.pet.benchmarks.HttpRoundScale N LENGTH SERVER_HEAP</pre>
 */
public final class HttpRoundScale {

  private static final Pattern LISTENING = Pattern.compile("pet server listening on port (\\d+)");
  /** A unified-logging GC line: "... 123M->45M(256M) ..." (before, after, committed). */
  private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private HttpRoundScale() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int length = Integer.parseInt(args[1]);
    String serverHeap = args[2];
    Path directory = Files.createTempDirectory("pet-http-scale-");
    String token = "http-round-scale-admin-token";
    Properties properties = new Properties();
    properties.setProperty("port", "0");
    properties.setProperty("admin.token", token);
    properties.setProperty("data.dir", directory.toString());
    properties.setProperty("max.body.bytes", Long.toString(64L << 20));
    Path configuration = directory.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(configuration)) {
      properties.store(writer, "HttpRoundScale");
    }
    Path gcLog = directory.resolve("gc.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + serverHeap, "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
        "org.pet.server.PetServer", configuration.toString()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("PET_"));
    Process server = builder.start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      int port = -1;
      while (port < 0) {
        String line = output.readLine();
        if (line == null) {
          break;
        }
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          port = Integer.parseInt(listening.group(1));
        }
      }
      if (port < 0) {
        throw new IllegalStateException("the server exited before listening");
      }
      Thread drain = new Thread(() -> output.lines().forEach(line -> { }), "server-output");
      drain.setDaemon(true);
      drain.start();
      run(PetClient.admin(java.net.URI.create("http://127.0.0.1:" + port), token), n, length);
    } finally {
      server.destroy();
      server.waitFor();
    }
    long peakUsed = 0;
    long peakLive = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher heap = HEAP.matcher(line);
      if (heap.find()) {
        peakUsed = Math.max(peakUsed, Long.parseLong(heap.group(1)));
        peakLive = Math.max(peakLive, Long.parseLong(heap.group(2)));
      }
    }
    System.out.printf("server heap (-Xmx%s): at most %d MiB in use before a GC, at most %d MiB live after one%n",
        serverHeap, peakUsed, peakLive);
  }

  private static void run(PetClient admin, int n, int length) {
    List<String> names = IntStream.rangeClosed(1, n).mapToObj(i -> String.format("agency-%04d", i)).toList();
    int colluders = n / 3;
    long start = System.nanoTime();
    AgencyPool agencies = AgencyPool.register(admin, names, colluders);
    System.out.printf("registered %d agencies in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    SecAggPlus.Recommendation plus = SecAggPlus.recommend(n, 0.1, (double) colluders / n);
    SplittableRandom random = new SplittableRandom(5);
    Map<String, long[]> inputs = new LinkedHashMap<>();
    names.forEach(name -> inputs.put(name, random.longs(length, 0, 1_000_000).toArray()));
    int dropouts = n / 10;
    long[] expected = new long[length];
    for (String name : names.subList(0, n - dropouts)) {
      long[] input = inputs.get(name);
      for (int i = 0; i < length; i++) {
        expected[i] += input[i];
      }
    }
    long roundStart = System.nanoTime();
    String round = agencies.createSecAggPlusRound(plus.threshold(), plus.neighbours(), length, null);
    AgencyClient.Outcome outcome = agencies.run(round, inputs, dropouts);
    double seconds = (System.nanoTime() - roundStart) / 1e9;
    if (!Arrays.equals(outcome.sum(), expected)) {
      throw new AssertionError("the sum is not the survivors' exact sum");
    }
    System.out.printf("round of %d agencies (k = %d, t = %d, c = %d, %d dropped after sharing keys), vectors of %d:"
        + " %.1f s from creation to the result; sum exact%n", n, plus.neighbours(), plus.threshold(), colluders,
        dropouts, length, seconds);
  }
}
