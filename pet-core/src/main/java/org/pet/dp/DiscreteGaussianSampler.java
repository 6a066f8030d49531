package org.pet.dp;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * Exact sampler of the discrete Gaussian N_Z(0, sigma^2) on the integers, P(Y = y) proportional to
 * exp(-y^2 / (2 sigma^2)), following Canonne, Kamath and Steinke (NeurIPS 2020), Algorithm 3: rejection
 * sampling from a discrete Laplace proposal with an exact Bernoulli(exp(-gamma)) acceptance test on
 * rationals. sigma is taken as the exact dyadic rational its double represents; there is no
 * floating-point arithmetic in the sampling loop. For sigma in [2^-15, 2^25], and for any sigma whose
 * acceptance rationals fit 63 bits, the acceptance test runs in long arithmetic with the exact
 * {@code BigInteger} rationals as a fallback ({@link GaussianAcceptance}); the output distribution, and
 * even the sequence drawn from a given generator, is the same as on exact rationals.
 *
 * <p>Its variance is slightly below sigma^2 for small sigma; {@link #variance()} returns the exact value.
 */
public final class DiscreteGaussianSampler implements IntegerNoiseSampler {

  /** Largest accepted sigma: the proposal's scale floor(sigma) + 1 must stay within the Laplace range. */
  static final double MAX_SIGMA = 0x1p50;

  private final DiscreteGaussianDistribution distribution;
  private final DiscreteLaplaceSampler proposal;
  private final GaussianAcceptance acceptance;
  private final RandomGenerator random;

  private DiscreteGaussianSampler(double sigma, RandomGenerator random, boolean fastPathAllowed) {
    this.distribution = DiscreteGaussianDistribution.of(sigma);
    long t = (long) Math.floor(sigma) + 1;
    this.proposal = DiscreteLaplaceSampler.withScale(t, random);
    this.acceptance = new GaussianAcceptance(sigma, t, fastPathAllowed);
    this.random = random;
  }

  /**
   * Returns a sampler with the given sigma using the secure default random source.
   *
   * @param sigma finite, {@code > 0} and {@code <= 2^50}
   * @throws IllegalArgumentException if sigma is out of range
   */
  public static DiscreteGaussianSampler withSigma(double sigma) {
    return withSigma(sigma, Randomness.secureNoiseSource());
  }

  /**
   * As {@link #withSigma(double)} with an explicit random source (for reproducible tests).
   *
   * @throws IllegalArgumentException if sigma is out of range
   */
  public static DiscreteGaussianSampler withSigma(double sigma, RandomGenerator random) {
    return new DiscreteGaussianSampler(checkSigma(sigma), random, true);
  }

  /**
   * As {@link #withSigma(double, RandomGenerator)}, but every acceptance test runs on the exact
   * {@code BigInteger} rationals: the reference the long-arithmetic fast path must match draw for draw.
   */
  static DiscreteGaussianSampler withBigIntegerArithmeticForTesting(double sigma, RandomGenerator random) {
    return new DiscreteGaussianSampler(checkSigma(sigma), random, false);
  }

  private static double checkSigma(double sigma) {
    if (!(sigma > 0) || !(sigma <= MAX_SIGMA) || sigma < Double.MIN_NORMAL) {
      throw DpChecks.invalid("sigma", "in (0, 2^50]", sigma);
    }
    return sigma;
  }

  /**
   * Returns a sampler calibrated for an integer query with L2 sensitivity {@code l2} over {@code l0}
   * coordinates to be (epsilon, delta)-DP (see {@link GaussianNoise#sigma(double, double, double)}).
   */
  static DiscreteGaussianSampler forPrivacy(
      double l2, int l0, double epsilon, double delta, RandomGenerator random) {
    double sigma = GaussianCalibration.discreteSigma(l2, l0, epsilon, delta);
    if (!(sigma <= MAX_SIGMA)) {
      throw new IllegalArgumentException(
          "noise sigma for these sensitivities must be <= 2^50, was " + sigma + "; rescale the data");
    }
    return new DiscreteGaussianSampler(sigma, random, true);
  }

  /** Returns sigma. */
  public double sigma() {
    return distribution.sigma();
  }

  @Override
  public long sample() {
    RandomGenerator bound = Randomness.threadBound(random);
    while (true) {
      long y = proposal.sample(bound);
      // Accept with probability exp(-(|y| - sigma^2/t)^2 / (2 sigma^2)).
      if (acceptance.accept(bound, Math.abs(y))) {
        return y;
      }
    }
  }

  @Override
  public double variance() {
    return distribution.variance();
  }

  @Override
  public long confidenceHalfWidth(double alpha) {
    return distribution.confidenceHalfWidth(DpChecks.checkAlpha(alpha));
  }

  @Override
  public String toString() {
    return "DiscreteGaussianSampler{sigma=" + sigma() + "}";
  }
}
