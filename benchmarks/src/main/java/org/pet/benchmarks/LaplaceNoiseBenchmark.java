package org.pet.benchmarks;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.pet.dp.GaussianNoise;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.Noise;
import org.pet.random.Randomness;

/**
 * Cost of one secure noise draw, against the same algorithm drawing every uniform straight from
 * {@code new SecureRandom()} (the baseline, measured in the same run). The target is a ratio of at least
 * 10 between {@code laplaceSecureDefault} and {@code laplaceSecureRandomPerDraw}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LaplaceNoiseBenchmark extends ShortRun {

  private final Noise laplaceDefault = new LaplaceNoise();
  private final Noise laplaceSecureRandom = new LaplaceNoise(new SecureRandom());
  private final Noise gaussianDefault = new GaussianNoise();
  private final Noise laplaceInsecure = new LaplaceNoise(new SplittableRandom(1));
  private final RandomGenerator secureSource = Randomness.secureNoiseSource();
  private final SecureRandom secureRandom = new SecureRandom();
  private double x = 41.5;

  /** One 64-bit draw from the default secure source. */
  @Benchmark
  public long drawSecureDefault() {
    return secureSource.nextLong();
  }

  /** One 64-bit draw from {@code SecureRandom} (NativePRNG here). */
  @Benchmark
  public long drawSecureRandom() {
    return secureRandom.nextLong();
  }

  /** The default: AES-256-CTR fast-key-erasure CSPRNG, read in bulk per thread. */
  @Benchmark
  public double laplaceSecureDefault() {
    return laplaceDefault.addNoise(x, 1, 1.0, 1.0, null);
  }

  /** Baseline: the same snapped Laplace, every uniform drawn from a {@code SecureRandom} call. */
  @Benchmark
  public double laplaceSecureRandomPerDraw() {
    return laplaceSecureRandom.addNoise(x, 1, 1.0, 1.0, null);
  }

  /**
   * Reference only, never for real releases: the same algorithm on a fast non-cryptographic generator,
   * to separate the algorithm's own cost from the cost of secure randomness.
   */
  @Benchmark
  public double laplaceInsecureSplittableRandomForComparison() {
    return laplaceInsecure.addNoise(x, 1, 1.0, 1.0, null);
  }

  /** The discretised Gaussian with the default secure source, for comparison. */
  @Benchmark
  public double gaussianSecureDefault() {
    return gaussianDefault.addNoise(x, 1, 1.0, 1.0, 1e-5);
  }
}
