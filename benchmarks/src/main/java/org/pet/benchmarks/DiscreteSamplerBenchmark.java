package org.pet.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.pet.dp.DiscreteGaussianSampler;
import org.pet.dp.DiscreteLaplaceSampler;
import org.pet.random.Randomness;

/**
 * Throughput (samples per second) of the exact integer samplers - discrete Laplace and discrete Gaussian
 * (Canonne, Kamath and Steinke, NeurIPS 2020) - against the insecure textbook draw rounded to an integer
 * ({@link InsecureTextbookNoise}) on the same default secure source, measured in the same run. The
 * {@code scale} parameter is the discrete Laplace scale and the discrete Gaussian's sigma, since the exact
 * samplers' cost may depend on it.
 *
 * <p>Run configuration: {@link ShortRun}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DiscreteSamplerBenchmark extends ShortRun {

  /** Discrete Laplace scale and discrete Gaussian sigma, in integer units. */
  @Param({"1", "1000", "1000000"})
  public double scale;

  private final RandomGenerator source = Randomness.secureNoiseSource();
  private DiscreteLaplaceSampler laplace;
  private DiscreteGaussianSampler gaussian;

  @Setup
  public void setUp() {
    laplace = DiscreteLaplaceSampler.withScale(scale, source);
    gaussian = DiscreteGaussianSampler.withSigma(scale, source);
  }

  /** One exact discrete Laplace sample. */
  @Benchmark
  public long discreteLaplaceExact() {
    return laplace.sample();
  }

  /** Baseline: an inverse-CDF Laplace sample of the same scale, rounded. */
  @Benchmark
  public long discreteLaplaceTextbookRounded() {
    return Math.round(InsecureTextbookNoise.laplace(source, scale));
  }

  /** One exact discrete Gaussian sample. */
  @Benchmark
  public long discreteGaussianExact() {
    return gaussian.sample();
  }

  /** Baseline: {@code round(sigma * nextGaussian())}. */
  @Benchmark
  public long discreteGaussianTextbookRounded() {
    return Math.round(InsecureTextbookNoise.gaussian(source, scale));
  }
}
