package org.pet.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TaskClient;
import org.pet.secagg.IdentityKeyPair;
import org.pet.vdaf.Hpke;
import org.pet.vdaf.Prio3Config;

/**
 * Not JMH: issue #18's target - a two-aggregator Prio3 round of N reports (default 10,000) over loopback
 * HTTP between two pet servers, each in its own JVM ({@code role=leader} and {@code role=helper}, embedded
 * H2, {@value #SERVER_HEAP} heap, GC log on). N agencies are registered on both servers and the task is
 * created on both; then every agency submits one report to the leader ({@value #THREADS} client threads,
 * one shared HttpClient) and the collector collects: the leader prepares every pending report with the
 * helper in aggregation jobs of 200 and both release their aggregate shares, which the collector opens and
 * checks against the exact aggregate of the submitted measurements.
 *
 * <p>Three times are reported: (a) the upload, (b) the collection - preparation of what is still pending,
 * plus the release - and (c) the total from the first upload to the opened result. The leader also
 * prepares pending reports in the background every second, so part of the preparation overlaps the upload
 * (and competes with it for the CPUs): the leader's report counts read when the upload ends say how much,
 * and the preparation rate is given both over the reports left for the collection and over the total.
 *
 * <p>For issue #18's comparison with "the same count of reports through a one-server pet round", the
 * report cites the committed SecAgg+ figure of {@code benchmarks/results/http-round-1000.txt} (1,000
 * agencies; a round of 10,000 over HTTP takes far too long here), and, given SECAGG_N > 0, also runs
 * {@link HttpRoundScale} with SECAGG_N agencies and vectors of length 1 in a child JVM (server heap
 * {@value #SECAGG_SERVER_HEAP}, as in the committed run) in the same run, after the two-aggregator round.
 * Progress goes to standard error, the report to standard output.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.pet.benchmarks.TwoAggregatorScale [N] [sum|histogram] [SECAGG_N]</pre>
 *
 * {@code sum} is Prio3Sum with measurements in [0, 65535] (the default), {@code histogram} Prio3Histogram
 * with 100 buckets (chunk length 10); SECAGG_N defaults to 0 (no one-server round).
 */
public final class TwoAggregatorScale {

  /** HttpRoundScale's result line: "... %.1f s from creation to the result; sum exact". */
  private static final Pattern ROUND_SECONDS = Pattern.compile("([\\d.]+) s from creation to the result");
  private static final String TOKEN = "two-aggregator-scale-admin-token";
  private static final String SERVER_HEAP = "1g";
  private static final int THREADS = 8;
  private static final String TASK = "scale-task";
  /** The committed one-server figure: benchmarks/results/http-round-1000.txt (SecAgg+, vectors of 10,000). */
  private static final int COMMITTED_AGENCIES = 1000;
  private static final double COMMITTED_SECONDS = 217.4;
  /** The one-server round's heap, as in the committed run (at 1g, 1,000 agencies nearly fill it). */
  private static final String SECAGG_SERVER_HEAP = "2g";

  private TwoAggregatorScale() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String kind = args.length > 1 ? args[1] : "sum";
    int secAggN = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    Prio3Config vdaf = switch (kind) {
      case "sum" -> Prio3Config.sum(65535);
      case "histogram" -> Prio3Config.histogram(100, 10);
      default -> throw new IllegalArgumentException("the VDAF must be `sum` or `histogram`, was " + kind);
    };
    List<AutoCloseable> children = new CopyOnWriteArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> children.forEach(TwoAggregatorScale::closeQuietly)));
    ChildServer leader = ChildServer.start("leader", TOKEN, "leader", SERVER_HEAP);
    children.add(leader);
    ChildServer helper = ChildServer.start("helper", TOKEN, "helper", SERVER_HEAP);
    children.add(helper);
    System.out.printf("# java -cp benchmarks/target/benchmarks.jar org.pet.benchmarks.TwoAggregatorScale %s%n",
        String.join(" ", args));
    System.out.printf("# %s, %d CPUs, Java %s; leader and helper each in its own JVM (-Xmx%s, embedded H2),"
        + " agencies and collector in this JVM (%d client threads)%s%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SERVER_HEAP, THREADS,
        loadAverage());
    boolean exact;
    try {
      exact = run(leader.uri(), helper.uri(), n, vdaf);
    } finally {
      leader.close();
      helper.close();
    }
    for (String role : List.of("leader", "helper")) {
      long[] peak = (role.equals("leader") ? leader : helper).peakHeap();
      System.out.printf("%s heap (-Xmx%s): at most %d MiB in use before a GC, at most %d MiB live after one%n",
          role, SERVER_HEAP, peak[0], peak[1]);
    }
    compareWithOneServer(n, secAggN, children);
    if (!exact) {
      System.exit(1);
    }
  }

  /** Registers the agencies, creates the task, uploads, collects and prints the figures; true if exact. */
  private static boolean run(URI leaderUri, URI helperUri, int n, Prio3Config vdaf) throws Exception {
    PetClient leaderAdmin = PetClient.admin(leaderUri, TOKEN);
    PetClient helperAdmin = PetClient.admin(helperUri, TOKEN);
    List<String> names = IntStream.rangeClosed(1, n).mapToObj(i -> String.format("agency-%05d", i)).toList();
    IdentityKeyPair[] keys = new IdentityKeyPair[n];
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      long start = System.nanoTime();
      parallel(threads, n, "registered", i -> {
        keys[i] = IdentityKeyPair.generate();
        Map<String, String> agency = Map.of("id", names.get(i),
            "publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(keys[i].publicKey()));
        leaderAdmin.post("/v1/agencies", agency);
        helperAdmin.post("/v1/agencies", agency);
      });
      System.out.printf("registered %d agencies on both servers in %.1f s%n", n, seconds(start));

      Hpke.KeyPair collector = Hpke.generateKeyPair();
      TaskClient.createOnBoth(leaderAdmin, helperAdmin, TASK, vdaf, 1, collector.publicKey(), null);
      TaskClient.TaskView view = TaskClient.view(leaderUri, TASK, null);
      SplittableRandom random = new SplittableRandom(18);
      long[] measurements = IntStream.range(0, n).mapToLong(i -> vdaf.type() == Prio3Config.Type.SUM
          ? random.nextLong(vdaf.maxMeasurement() + 1) : random.nextInt(vdaf.length())).toArray();
      long[] expected = new long[vdaf.outputLength()];
      for (long measurement : measurements) {
        if (vdaf.type() == Prio3Config.Type.SUM) {
          expected[0] += measurement;
        } else {
          expected[(int) measurement]++;
        }
      }

      long uploadStart = System.nanoTime();
      parallel(threads, n, "uploaded", i -> TaskClient.submit(leaderUri, names.get(i), keys[i], view,
          new long[] {measurements[i]}));
      double upload = seconds(uploadStart);
      JsonNode reports = PetClient.anonymous(leaderUri).get("/v1/tasks/" + TASK).path("reports");
      long prepared = reports.path("accepted").asLong() + reports.path("rejected").asLong();
      long pending = reports.path("pending").asLong();

      long collectStart = System.nanoTime();
      TaskClient.Collected collected = TaskClient.collect(leaderAdmin.withTimeout(Duration.ofHours(1)), TASK,
          collector);
      double collect = seconds(collectStart);
      double total = seconds(uploadStart);

      System.out.printf("%s, %d reports (one per agency), minimum batch size 1%n", describe(vdaf), n);
      System.out.printf("(a) upload:     %7.1f s  %7.1f reports/s  (%d client threads)%n", upload, n / upload,
          THREADS);
      System.out.printf("    when the upload ended the leader had already prepared %d reports with the helper in"
          + " the background (%d pending)%n", prepared, pending);
      System.out.printf("(b) collection: %7.1f s  %7.1f reports/s over the %d reports it prepared (jobs of 200,"
          + " then both aggregate shares released and opened)%n", collect, pending / collect, pending);
      System.out.printf("(c) total:      %7.1f s  %7.1f reports/s  from the first upload to the opened result,"
          + " preparation overlapping the upload%n", total, n / total);
      boolean exact = collected.reportCount() == n && collected.rejected() == 0
          && Arrays.equals(collected.aggregate(), expected);
      System.out.printf("check: %d reports counted, %d rejected, aggregate %s the exact %s%n",
          collected.reportCount(), collected.rejected(), exact ? "equals" : "DIFFERS FROM", summary(expected));
      return exact;
    } finally {
      threads.shutdownNow();
    }
  }

  private static void closeQuietly(AutoCloseable child) {
    try {
      child.close();
    } catch (Exception e) {
      // exiting anyway
    }
  }

  /**
   * Prints the one-server comparison: the committed SecAgg+ figure, and, if {@code secAggN > 0}, a SecAgg+
   * round of that many agencies (vectors of length 1) run by {@link HttpRoundScale} in a child JVM now.
   */
  private static void compareWithOneServer(int n, int secAggN, List<AutoCloseable> children) throws Exception {
    System.out.printf("one-server comparison (SecAgg+ round, one pet server; not the same N as above):%n");
    System.out.printf("  committed (benchmarks/results/http-round-1000.txt): %d agencies, vectors of 10,000,"
        + " %.1f s from round creation to the result = %.1f reports/s%n", COMMITTED_AGENCIES, COMMITTED_SECONDS,
        COMMITTED_AGENCIES / COMMITTED_SECONDS);
    if (secAggN <= 0) {
      return;
    }
    Process round = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HttpRoundScale.class.getName(), Integer.toString(secAggN), "1",
        SECAGG_SERVER_HEAP).redirectErrorStream(true).start();
    children.add(round::destroy);
    Double roundSeconds = null;
    try (BufferedReader output = new BufferedReader(new InputStreamReader(round.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        System.out.println("  this run: " + line);
        Matcher result = ROUND_SECONDS.matcher(line);
        if (result.find()) {
          roundSeconds = Double.parseDouble(result.group(1));
        }
      }
    }
    if (round.waitFor() != 0 || roundSeconds == null) {
      System.out.printf("  this run: the SecAgg+ round of %d agencies failed (exit %d)%n", secAggN, round.exitValue());
      return;
    }
    System.out.printf("  this run: %d agencies, vectors of length 1: %.1f s = %.1f reports/s%n", secAggN, roundSeconds,
        secAggN / roundSeconds);
  }

  /** One task per index on {@code threads}, with progress on standard error; rethrows the first failure. */
  private static void parallel(ExecutorService threads, int n, String done, IndexTask task) throws Exception {
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.add(threads.submit(() -> {
        task.run(index);
        int count = finished.incrementAndGet();
        if (count % 1000 == 0 || count == n) {
          System.err.printf("%s %d/%d (%.1f s)%n", done, count, n, seconds(start));
        }
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
  }

  @FunctionalInterface
  private interface IndexTask {
    void run(int index) throws Exception;
  }

  private static String describe(Prio3Config vdaf) {
    return vdaf.type() == Prio3Config.Type.SUM ? "Prio3Sum(max " + vdaf.maxMeasurement() + ")"
        : "Prio3Histogram(" + vdaf.length() + " buckets, chunk length " + vdaf.chunkLength() + ")";
  }

  private static String summary(long[] expected) {
    return expected.length == 1 ? "sum " + expected[0] : "histogram of " + Arrays.stream(expected).sum() + " reports";
  }

  /** "; load average at start 1.0 0.5 0.2" from /proc/loadavg (the machine may be shared), or "" if unknown. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return "; load average at start " + String.join(" ", Arrays.copyOf(fields, 3));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
