package org.pet.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pet.dp.DpHistogram;

/**
 * Not a test: the Spark figures, measured in one run and written as JSON (the committed copy is
 * {@code benchmarks/results/spark.json}). Spark stays out of the benchmarks jar, so this harness lives with
 * pet-spark's tests; {@code benchmarks/spark-benchmark.sh} runs it.
 *
 * <p>Data: ROWS claims (person_id, district, amount) by ROWS / 10 people, each with exactly 10 claims in the
 * one district they live in (500 districts), amounts uniform in [0, 6000); written once as Parquet, and
 * every timed query reads that Parquet file.
 *
 * <p>Measured, alternating, after one warm-up of each (PHASES picks some, comma-separated):
 * <ul>
 *   <li>{@code plain}: {@code groupBy(district).agg(count, sum(amount), avg(amount))}, collected;</li>
 *   <li>{@code shuffle-floor}: the same after {@code repartition(person_id)} - the one shuffle of every row
 *       by privacy unit that any plan bounding contributions per unit needs, and nothing else;</li>
 *   <li>{@code dp-public}: {@link SparkDpQuery} with the 500 districts as public groups, L0 = 1, Linf = 10,
 *       count + sum + mean of amount in [0, 5000], epsilon 1, released ({@code run()}, then collected);</li>
 *   <li>{@code dp-private}: the same with private partition selection (delta 1e-6);</li>
 *   <li>{@code pet-core}: pet-core's {@link DpHistogram} (count, sum and mean per district, same bounds) over
 *       the same rows in one thread, after they were read into arrays (reading is not timed).</li>
 * </ul>
 * Heap, per phase: the most in use (sampled every 10 ms, garbage included) and the most still occupied
 * right after a garbage collection ({@link HeapWatch}).
 *
 * <pre>
 * java [Spark's --add-opens options] -Xmx... -cp ... org.pet.spark.SparkDpBenchmark ROWS ITERATIONS OUT.json [PHASES]
 * </pre>
 * The JVM is Spark's driver and, on a local master, its executor too: {@code -Xmx1g} is Spark's default
 * driver memory.
 */
public final class SparkDpBenchmark {

  private static final int DISTRICTS = 500;
  private static final int CLAIMS_PER_PERSON = 10;

  private final Dataset<Row> claims;
  private final Dataset<Row> districts;
  private final HeapWatch heap = new HeapWatch();

  private SparkDpBenchmark(SparkSession spark, Dataset<Row> claims) {
    this.claims = claims;
    this.districts = spark.range(DISTRICTS).selectExpr("format_string('D%03d', id) as district");
  }

  public static void main(String[] args) throws IOException {
    long rows = Long.parseLong(args[0]);
    int iterations = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    List<String> phases = List.of((args.length > 3 ? args[3] : "plain,shuffle-floor,dp-public,dp-private,pet-core")
        .split(","));
    SparkSession spark = SparkSession.builder().master(System.getProperty("master", "local[2]"))
        .appName("pet-spark-benchmark").config("spark.ui.enabled", "false").getOrCreate();
    Path data = Files.createTempDirectory("pet-spark-benchmark");
    try {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("rows", rows);
      result.put("people", rows / CLAIMS_PER_PERSON);
      result.put("districts", DISTRICTS);
      result.put("master", spark.sparkContext().master());
      result.put("sparkVersion", spark.version());
      result.put("javaVersion", System.getProperty("java.version"));
      result.put("cores", Runtime.getRuntime().availableProcessors());
      result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
      long start = System.nanoTime();
      String parquet = data.resolve("claims.parquet").toString();
      generate(spark, rows).write().parquet(parquet);
      result.put("generateSeconds", seconds(start));
      SparkDpBenchmark benchmark = new SparkDpBenchmark(spark, spark.read().parquet(parquet));
      result.put("phases", benchmark.measure(iterations, phases, rows));
      write(out, result);
    } finally {
      spark.stop();
      deleteRecursively(data);
    }
  }

  static Dataset<Row> generate(SparkSession spark, long rows) {
    long people = Math.max(1, rows / CLAIMS_PER_PERSON);
    return spark.range(rows).selectExpr("id % " + people + " as person_id")
        .selectExpr("person_id", "format_string('D%03d', pmod(xxhash64(person_id), " + DISTRICTS + ")) as district",
            "rand(7) * 6000 as amount");
  }

  private Map<String, Object> measure(int iterations, List<String> selected, long rows) {
    Map<String, Supplier<Long>> phases = new LinkedHashMap<>();
    phases.put("plain", () -> plain(claims));
    phases.put("shuffle-floor", () -> plain(claims.repartition(claims.col("person_id"))));
    phases.put("dp-public", () -> dp(true));
    phases.put("dp-private", () -> dp(false));
    phases.keySet().retainAll(selected);
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, long[]> peaks = new LinkedHashMap<>();
    Map<String, Long> released = new LinkedHashMap<>();
    for (int i = -1; i < iterations; i++) {
      for (Map.Entry<String, Supplier<Long>> phase : phases.entrySet()) {
        heap.reset();
        long start = System.nanoTime();
        long groups = phase.getValue().get();
        record(phase.getKey(), i, groups, seconds(start), times, peaks, released);
      }
    }
    if (selected.contains("pet-core") && rows <= Integer.MAX_VALUE) {
      measureCore(iterations, times, peaks, released);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (String phase : times.keySet()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("seconds", times.get(phase));
      entry.put("medianSeconds", median(times.get(phase)));
      entry.put("peakHeapUsedMiB", peaks.get(phase)[0]);
      entry.put("peakHeapAfterGcMiB", peaks.get(phase)[1]);
      entry.put("releasedGroups", released.get(phase));
      if (times.containsKey("plain")) {
        entry.put("xPlain", median(times.get(phase)) / median(times.get("plain")));
      }
      result.put(phase, entry);
    }
    return result;
  }

  private static long plain(Dataset<Row> data) {
    return data.groupBy("district").agg(count(lit(1)), sum("amount"), avg("amount")).collectAsList().size();
  }

  private long dp(boolean publicGroups) {
    SparkDpQuery.Builder query = SparkDpQuery.on(claims).privacyUnit("person_id").groupBy("district")
        .maxGroupsContributed(1).maxContributionsPerGroup(CLAIMS_PER_PERSON)
        .count("claims").sum("amount", 0, 5_000, "total").mean("amount", 0, 5_000, "average")
        .epsilon(1.0).delta(1e-6);
    if (publicGroups) {
      query.publicGroups(districts);
    }
    return query.build().run().collectAsList().size();
  }

  private void measureCore(int iterations, Map<String, List<Double>> times, Map<String, long[]> peaks,
      Map<String, Long> released) {
    int n = (int) claims.count();
    String[] people = new String[n];
    String[] keys = new String[n];
    double[] amounts = new double[n];
    Map<Long, String> ids = new HashMap<>();
    Map<String, String> districtNames = new HashMap<>();
    Iterator<Row> rows = claims.toLocalIterator();
    for (int i = 0; i < n; i++) {
      Row row = rows.next();
      people[i] = ids.computeIfAbsent(row.getLong(0), String::valueOf);
      keys[i] = districtNames.computeIfAbsent(row.getString(1), k -> k);
      amounts[i] = row.getDouble(2);
    }
    ids = null;
    for (int i = -1; i < iterations; i++) {
      heap.reset();
      long start = System.nanoTime();
      DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1.0)
          .maxPartitionsContributed(1).maxContributionsPerPartition(CLAIMS_PER_PERSON).lower(0).upper(5_000)
          .publicKeys(districtNames.keySet()).build();
      for (int j = 0; j < n; j++) {
        histogram.addEntry(people[j], keys[j], amounts[j]);
      }
      long groups = histogram.computeResult().size();
      record("pet-core", i, groups, seconds(start), times, peaks, released);
    }
  }

  /**
   * The heap a phase used: the most seen by a sampler every 10 ms (garbage included, so at most -Xmx), and
   * the most still occupied right after a garbage collection (what the phase kept live, roughly).
   */
  private static final class HeapWatch implements NotificationListener {
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();

    HeapWatch() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPools.add(pool.getName());
        }
      }
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) collector).addNotificationListener(this, null, null);
      }
      Thread sampler = new Thread(() -> {
        while (true) {
          used.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-watch");
      sampler.setDaemon(true);
      sampler.start();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
      if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long occupied = 0;
      for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(pool.getKey())) {
          occupied += pool.getValue().getUsed();
        }
      }
      afterGc.accumulateAndGet(occupied, Math::max);
    }

    /** Starts a phase: a full collection, then both peaks from zero. */
    void reset() {
      System.gc();
      used.set(0);
      afterGc.set(0);
    }

    /** {used, after GC} in MiB since {@link #reset()}. */
    long[] peaksMiB() {
      return new long[] {used.get() >> 20, afterGc.get() >> 20};
    }
  }

  /** Prints one measurement and keeps it unless it is the warm-up ({@code iteration < 0}). */
  private void record(String phase, int iteration, long groups, double seconds, Map<String, List<Double>> times,
      Map<String, long[]> peaks, Map<String, Long> released) {
    long[] peak = heap.peaksMiB();
    System.out.printf("%s %s: %d groups in %.2f s, heap peak %d MiB used, %d MiB after GC%n",
        iteration < 0 ? "warm-up" : "run " + iteration, phase, groups, seconds, peak[0], peak[1]);
    if (iteration >= 0) {
      times.computeIfAbsent(phase, k -> new ArrayList<>()).add(seconds);
      peaks.merge(phase, peak, (a, b) -> new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])});
      released.put(phase, groups);
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void write(Path out, Map<String, Object> result) throws IOException {
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(result);
    Files.writeString(out, json + "\n");
    System.out.println(json);
  }

  private static void deleteRecursively(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
