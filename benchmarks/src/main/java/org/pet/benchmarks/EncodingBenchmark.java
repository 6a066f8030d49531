package org.pet.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.pet.secagg.FixedPointEncoder;

/**
 * Fixed-point encoding of a vector of 1,000,000 doubles in [-10^6, 10^6] for secure aggregation
 * ({@link FixedPointEncoder#encode(double[])}, 16 fractional bits, budget for 100 parties) against a plain
 * loop copying the doubles into a new {@code long[]} (the baseline, measured in the same run), and a loop
 * that scales and rounds without the encoder's checks, to show where the encoder's time goes.
 *
 * <p>Run configuration: {@link ShortRun}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EncodingBenchmark extends ShortRun {

  private static final int LENGTH = 1_000_000;
  private static final int FRACTIONAL_BITS = 16;

  private final FixedPointEncoder encoder = FixedPointEncoder.forSum(100, 1e6, FRACTIONAL_BITS);
  private double[] values;

  @Setup
  public void setUp() {
    values = new SplittableRandom(1).doubles(LENGTH, -1e6, 1e6).toArray();
  }

  /** The encoder: range checks, scaling by 2^16, rounding half to even. */
  @Benchmark
  public long[] encode() {
    return encoder.encode(values);
  }

  /** Baseline: a new {@code long[]} filled by casting each double. */
  @Benchmark
  public long[] copyLoop() {
    long[] copy = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = (long) values[i];
    }
    return copy;
  }

  /** Reference: the encoder's arithmetic (scale by 2^16, round half to even) without its checks. */
  @Benchmark
  public long[] scaleAndRoundLoop() {
    long[] encoded = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      encoded[i] = (long) Math.rint(Math.scalb(values[i], FRACTIONAL_BITS));
    }
    return encoded;
  }
}
