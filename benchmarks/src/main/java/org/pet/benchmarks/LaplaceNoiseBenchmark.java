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
 * Cost of one secure noise draw (epsilon = 1, sensitivity 1; delta = 1e-5 for the Gaussian), against two
 * baselines measured in the same run:
 *
 * <ul>
 *   <li>the same algorithm drawing every uniform straight from {@code new SecureRandom()}: the target is a
 *       ratio of at least 10 between {@code laplaceSecureRandomPerDraw} and {@code laplaceSecureDefault};</li>
 *   <li>the insecure textbook sampler ({@link InsecureTextbookNoise}: inverse-CDF Laplace,
 *       {@code sigma * nextGaussian()}) on the same random source: the target is that snapping and exact
 *       sampling cost at most 2x the textbook draw ({@code laplaceSecureDefault} /
 *       {@code laplaceTextbookSecureDefault}, {@code gaussianSecureDefault} /
 *       {@code gaussianTextbookSecureDefault}). The {@code ...SplittableRandom} pair repeats the comparison
 *       on a fast non-cryptographic source, to show the algorithms' own cost.</li>
 * </ul>
 *
 * <p>Run configuration: {@link ShortRun}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LaplaceNoiseBenchmark extends ShortRun {

  private static final double DELTA = 1e-5;
  private static final double GAUSSIAN_SIGMA = GaussianNoise.sigma(1.0, 1.0, DELTA);

  private final Noise laplaceDefault = new LaplaceNoise();
  private final Noise laplaceSecureRandom = new LaplaceNoise(new SecureRandom());
  private final Noise gaussianDefault = new GaussianNoise();
  private final SplittableRandom insecureSource = new SplittableRandom(1);
  private final Noise laplaceInsecure = new LaplaceNoise(insecureSource);
  private final Noise gaussianInsecure = new GaussianNoise(insecureSource);
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

  /** Baseline: the insecure inverse-CDF Laplace on the same default secure source. */
  @Benchmark
  public double laplaceTextbookSecureDefault() {
    return x + InsecureTextbookNoise.laplace(secureSource, 1.0);
  }

  /**
   * Reference only, never for real releases: the same algorithm on a fast non-cryptographic generator,
   * to separate the algorithm's own cost from the cost of secure randomness.
   */
  @Benchmark
  public double laplaceInsecureSplittableRandomForComparison() {
    return laplaceInsecure.addNoise(x, 1, 1.0, 1.0, null);
  }

  /** Reference only: the inverse-CDF Laplace on the same fast non-cryptographic generator. */
  @Benchmark
  public double laplaceTextbookSplittableRandom() {
    return x + InsecureTextbookNoise.laplace(insecureSource, 1.0);
  }

  /** The discretised Gaussian with the default secure source. */
  @Benchmark
  public double gaussianSecureDefault() {
    return gaussianDefault.addNoise(x, 1, 1.0, 1.0, DELTA);
  }

  /** Baseline: {@code x + sigma * nextGaussian()} on the same default secure source, same sigma. */
  @Benchmark
  public double gaussianTextbookSecureDefault() {
    return x + InsecureTextbookNoise.gaussian(secureSource, GAUSSIAN_SIGMA);
  }

  /** Reference only: the discretised Gaussian on a fast non-cryptographic generator. */
  @Benchmark
  public double gaussianInsecureSplittableRandomForComparison() {
    return gaussianInsecure.addNoise(x, 1, 1.0, 1.0, DELTA);
  }

  /** Reference only: {@code x + sigma * nextGaussian()} on the same fast non-cryptographic generator. */
  @Benchmark
  public double gaussianTextbookSplittableRandom() {
    return x + InsecureTextbookNoise.gaussian(insecureSource, GAUSSIAN_SIGMA);
  }
}
