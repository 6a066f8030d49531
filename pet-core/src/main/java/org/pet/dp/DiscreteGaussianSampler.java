package org.pet.dp;

import java.math.BigInteger;
import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * Exact sampler of the discrete Gaussian N_Z(0, sigma^2) on the integers, P(Y = y) proportional to
 * exp(-y^2 / (2 sigma^2)), following Canonne, Kamath and Steinke (NeurIPS 2020), Algorithm 3: rejection
 * sampling from a discrete Laplace proposal with an exact Bernoulli(exp(-gamma)) acceptance test on
 * rationals. sigma is taken as the exact dyadic rational its double represents; there is no
 * floating-point arithmetic in the sampling loop.
 *
 * <p>Its variance is slightly below sigma^2 for small sigma; {@link #variance()} returns the exact value.
 */
public final class DiscreteGaussianSampler implements IntegerNoiseSampler {

  /** Largest accepted sigma: the proposal's scale floor(sigma) + 1 must stay within the Laplace range. */
  static final double MAX_SIGMA = 0x1p50;

  private final DiscreteGaussianDistribution distribution;
  private final DiscreteLaplaceSampler proposal;
  private final RandomGenerator random;
  /** N with sigma^2 = N / D exactly. */
  private final BigInteger sigmaSquaredNum;
  /** t D, with t = floor(sigma) + 1 the proposal's integer scale. */
  private final BigInteger scaledProposal;
  /** 2 N D t^2. */
  private final BigInteger acceptDenominator;

  private DiscreteGaussianSampler(double sigma, RandomGenerator random) {
    this.distribution = DiscreteGaussianDistribution.of(sigma);
    long t = (long) Math.floor(sigma) + 1;
    this.proposal = DiscreteLaplaceSampler.withScale(t, random);
    this.random = random;
    BigInteger proposalScale = BigInteger.valueOf(t);
    Dyadic exact = Dyadic.of(sigma);
    BigInteger mantissa = BigInteger.valueOf(exact.mantissa());
    int exponent = exact.exponent();
    BigInteger sigmaSquaredNum;
    BigInteger sigmaSquaredDen;
    if (exponent >= 0) {
      sigmaSquaredNum = mantissa.shiftLeft(exponent).pow(2);
      sigmaSquaredDen = BigInteger.ONE;
    } else {
      sigmaSquaredNum = mantissa.pow(2);
      sigmaSquaredDen = BigInteger.ONE.shiftLeft(-2 * exponent);
    }
    this.sigmaSquaredNum = sigmaSquaredNum;
    this.scaledProposal = proposalScale.multiply(sigmaSquaredDen);
    this.acceptDenominator = sigmaSquaredNum.multiply(sigmaSquaredDen)
        .multiply(proposalScale.pow(2)).shiftLeft(1);
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
    if (!(sigma > 0) || !(sigma <= MAX_SIGMA) || sigma < Double.MIN_NORMAL) {
      throw DpChecks.invalid("sigma", "in (0, 2^50]", sigma);
    }
    return new DiscreteGaussianSampler(sigma, random);
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
    return new DiscreteGaussianSampler(sigma, random);
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
      // Accept with probability exp(-(|y| - sigma^2/t)^2 / (2 sigma^2))
      //   = exp(-(|y| t D - N)^2 / (2 N D t^2)) with sigma^2 = N / D.
      BigInteger numerator =
          BigInteger.valueOf(Math.abs(y)).multiply(scaledProposal).subtract(sigmaSquaredNum).pow(2);
      if (ExactBernoulli.expMinus(bound, numerator, acceptDenominator)) {
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
