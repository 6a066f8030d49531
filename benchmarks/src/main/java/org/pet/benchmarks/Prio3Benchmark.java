package org.pet.benchmarks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pet.vdaf.Field128;
import org.pet.vdaf.Field64;
import org.pet.vdaf.Prio3;

/**
 * Issue #18's per-report costs of Prio3 with two aggregators: one client's shard and one aggregator's
 * verify_init (the leader's, which decodes the full shares; the helper expands its seed instead), for
 * Prio3Sum(2^16 - 1) and Prio3Histogram(length 100, chunk length 10). Report sizes (public share plus both
 * input shares) are printed by {@link #main} - they are fixed by the parameters, not measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Prio3Benchmark {

  private static final byte[] CTX = "pet benchmark".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** One report of an instance, sharded once, and what re-sharding and verifying it needs. */
  abstract static class Report<M> {
    byte[] nonce = new byte[Prio3.NONCE_SIZE];
    byte[] rand;
    byte[] verifyKey = new byte[32];
    Prio3.Sharded sharded;

    abstract Prio3<?, M, ?> prio3();

    abstract M measurement();

    void prepare(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      rand = new byte[prio3().randSize()];
      random.nextBytes(rand);
      random.nextBytes(nonce);
      random.nextBytes(verifyKey);
      sharded = shard();
    }

    Prio3.Sharded shard() {
      return prio3().shard(CTX, measurement(), nonce, rand);
    }

    Object verifyInitLeader() {
      return prio3().verifyInit(verifyKey, CTX, 0, nonce, sharded.publicShare(), sharded.inputShares().get(0));
    }
  }

  /** A Prio3Sum(65535) report of 40,000. */
  @State(Scope.Benchmark)
  public static class SumReport extends Report<Long> {
    private final Prio3<Field64.Element, Long, Long> prio3 = Prio3.sum(2, 65_535);

    @Override
    Prio3<?, Long, ?> prio3() {
      return prio3;
    }

    @Override
    Long measurement() {
      return 40_000L;
    }

    @Setup(Level.Trial)
    public void shardOnce() {
      prepare(16);
    }
  }

  /** A Prio3Histogram(100, chunk 10) report of bucket 42. */
  @State(Scope.Benchmark)
  public static class HistogramReport extends Report<Integer> {
    private final Prio3<Field128.Element, Integer, List<Long>> prio3 = Prio3.histogram(2, 100, 10);

    @Override
    Prio3<?, Integer, ?> prio3() {
      return prio3;
    }

    @Override
    Integer measurement() {
      return 42;
    }

    @Setup(Level.Trial)
    public void shardOnce() {
      prepare(100);
    }
  }

  @Benchmark
  public Prio3.Sharded sumShard(SumReport report) {
    return report.shard();
  }

  @Benchmark
  public Object sumVerifyInitLeader(SumReport report) {
    return report.verifyInitLeader();
  }

  @Benchmark
  public Prio3.Sharded histogramShard(HistogramReport report) {
    return report.shard();
  }

  @Benchmark
  public Object histogramVerifyInitLeader(HistogramReport report) {
    return report.verifyInitLeader();
  }

  /** Prints the report sizes: public share, leader input share, helper input share, in bytes. */
  public static void main(String[] args) {
    SumReport sum = new SumReport();
    sum.shardOnce();
    HistogramReport histogram = new HistogramReport();
    histogram.shardOnce();
    for (var entry : List.of(java.util.Map.entry("Prio3Sum(65535)", sum.sharded),
        java.util.Map.entry("Prio3Histogram(100, 10)", histogram.sharded))) {
      Prio3.Sharded sharded = entry.getValue();
      int total = sharded.publicShare().length + sharded.inputShares().stream().mapToInt(s -> s.length).sum();
      System.out.printf("%s: public share %d B, leader share %d B, helper share %d B, report %d B%n", entry.getKey(),
          sharded.publicShare().length, sharded.inputShares().get(0).length, sharded.inputShares().get(1).length, total);
    }
  }
}
