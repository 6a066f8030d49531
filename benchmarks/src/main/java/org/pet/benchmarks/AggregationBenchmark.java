package org.pet.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedSum;
import org.pet.dp.BoundedVariance;
import org.pet.dp.Count;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.Noise;

/**
 * Cost per entry of the exact DP aggregations over 1,000,000 doubles in [-20, 120] (a fixed seed; about
 * 29% fall outside the bounds [0, 100]), against the baseline measured in the same run: the plain loop
 * {@code sum += Math.max(lower, Math.min(upper, x))} over the same array ({@link #plainClampedSum}). Every
 * figure is ns per entry ({@code @OperationsPerInvocation}); each invocation builds a fresh aggregation
 * (cheap: the noise is built once), adds all entries and ends with {@code getSerializableSummary()}, which
 * folds every pending entry into the exact 128-bit sums without drawing noise. Targets, as ratios to the
 * baseline:
 *
 * <ul>
 *   <li>one {@code addEntry} per value: {@code boundedSumAddEntry} <= 3x, {@code boundedMeanAddEntry} <= 5x,
 *       {@code boundedVarianceAddEntry} <= 8x;</li>
 *   <li>the bulk {@code addEntries(double[])}: {@code boundedSumAddEntries} <= 1.5x,
 *       {@code boundedMeanAddEntries} <= 2x, {@code boundedVarianceAddEntries} <= 3x;</li>
 *   <li>{@code countIncrement}: at most 1 ns per entry.</li>
 * </ul>
 *
 * <p>{@link #plainSumReference} (no clamp) is for reading the figures only.
 *
 * <p>Run configuration: {@link ShortRun}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(AggregationBenchmark.ENTRIES)
public class AggregationBenchmark extends ShortRun {

  static final int ENTRIES = 1_000_000;
  private static final long SEED = 20_240_917L;

  private final double lower = 0;
  private final double upper = 100;
  private final Noise noise = new LaplaceNoise();
  private double[] values;

  @Setup
  public void setUp() {
    values = new SplittableRandom(SEED).doubles(ENTRIES, -20, 120).toArray();
  }

  /** Baseline: clamp and add in double, neither exact nor private. */
  @Benchmark
  public double plainClampedSum() {
    double sum = 0;
    for (double x : values) {
      sum += Math.max(lower, Math.min(upper, x));
    }
    return sum;
  }

  /**
   * Reference only: the same loop without the clamp, to show how much of the baseline is
   * {@code Math.min}/{@code Math.max} on the JVM at hand.
   */
  @Benchmark
  public double plainSumReference() {
    double sum = 0;
    for (double x : values) {
      sum += x;
    }
    return sum;
  }

  @Benchmark
  public byte[] boundedSumAddEntry() {
    BoundedSum sum = BoundedSum.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
    for (double x : values) {
      sum.addEntry(x);
    }
    return sum.getSerializableSummary();
  }

  @Benchmark
  public byte[] boundedSumAddEntries() {
    BoundedSum sum = BoundedSum.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
    sum.addEntries(values);
    return sum.getSerializableSummary();
  }

  @Benchmark
  public byte[] boundedMeanAddEntry() {
    BoundedMean mean = BoundedMean.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
    for (double x : values) {
      mean.addEntry(x);
    }
    return mean.getSerializableSummary();
  }

  @Benchmark
  public byte[] boundedMeanAddEntries() {
    BoundedMean mean = BoundedMean.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
    mean.addEntries(values);
    return mean.getSerializableSummary();
  }

  @Benchmark
  public byte[] boundedVarianceAddEntry() {
    BoundedVariance variance = BoundedVariance.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
    for (double x : values) {
      variance.addEntry(x);
    }
    return variance.getSerializableSummary();
  }

  @Benchmark
  public byte[] boundedVarianceAddEntries() {
    BoundedVariance variance = BoundedVariance.builder().epsilon(1).lower(lower).upper(upper).noise(noise).build();
    variance.addEntries(values);
    return variance.getSerializableSummary();
  }

  /** One {@code increment()} per entry. */
  @Benchmark
  public byte[] countIncrement() {
    Count count = Count.builder().epsilon(1).noise(noise).build();
    for (int i = 0; i < ENTRIES; i++) {
      count.increment();
    }
    return count.getSerializableSummary();
  }
}
