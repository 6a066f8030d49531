package org.pet.benchmarks;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * Textbook floating-point noise samplers: the baselines that pet's secure mechanisms are measured
 * against, in the JMH benchmarks and in the privacy/utility study.
 *
 * <p><b>Insecure: never use for a release.</b> Adding a floating-point sample to the input leaks the input
 * through the low-order bits of the result, and inverse-CDF sampling from a {@code double} uniform has
 * gaps and a truncated tail (Mironov, CCS 2012). pet's mechanisms avoid both by snapping to a grid and
 * sampling exactly; these methods exist only to show what that costs.
 *
 * <p>Thread-safe when {@code random} is. Each method draws from {@code random} bound to the calling
 * thread once per sample ({@link Randomness#threadBound}), as the secure mechanisms do, so a comparison on
 * the same source compares the algorithms and not the thread-local lookups.
 */
public final class InsecureTextbookNoise {

  private InsecureTextbookNoise() {}

  /**
   * One Laplace(0, scale) sample by inverting the CDF: with u uniform in [-1/2, 1/2),
   * {@code -scale * sgn(u) * ln(1 - 2|u|)}.
   *
   * @param random the uniform source
   * @param scale the Laplace scale b (standard deviation b * sqrt(2)); finite and {@code > 0}
   * @return the sample; infinite with probability 2^-53 (u = -1/2), which a baseline may ignore
   */
  public static double laplace(RandomGenerator random, double scale) {
    double u = Randomness.threadBound(random).nextDouble() - 0.5;
    return -scale * Math.signum(u) * Math.log1p(-2 * Math.abs(u));
  }

  /**
   * One N(0, sigma^2) sample: {@code sigma * random.nextGaussian()}.
   *
   * @param random the source
   * @param sigma the standard deviation; finite and {@code > 0}
   * @return the sample
   */
  public static double gaussian(RandomGenerator random, double sigma) {
    return sigma * Randomness.threadBound(random).nextGaussian();
  }
}
