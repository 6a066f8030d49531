package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The long-arithmetic sampler is the exact BigInteger sampler, draw for draw. */
class DiscreteGaussianSamplerProperties {

  /** Over and beyond the fixed-point range, short dyadics, and the benchmarked sigmas. */
  @Provide
  Arbitrary<Double> sigmas() {
    return GaussianSigmas.sigmas(-18, 27, 0.5, 1.0, 1000.0, 1e6, GaussianSigmas.GRID_SIGMA);
  }

  @Property(tries = 150)
  void sample_sameSeed_identicalSequenceToBigIntegerArithmetic(@ForAll("sigmas") double sigma, @ForAll long seed) {
    SplittableRandom fastSource = new SplittableRandom(seed);
    SplittableRandom referenceSource = new SplittableRandom(seed);
    DiscreteGaussianSampler fast = DiscreteGaussianSampler.withSigma(sigma, fastSource);
    DiscreteGaussianSampler reference =
        DiscreteGaussianSampler.withBigIntegerArithmeticForTesting(sigma, referenceSource);
    long[] fastSamples = new long[400];
    long[] referenceSamples = new long[fastSamples.length];
    for (int i = 0; i < fastSamples.length; i++) {
      fastSamples[i] = fast.sample();
      referenceSamples[i] = reference.sample();
    }
    assertThat(fastSamples).isEqualTo(referenceSamples);
    // Both consumed exactly the same words.
    assertThat(fastSource.nextLong()).isEqualTo(referenceSource.nextLong());
  }
}
