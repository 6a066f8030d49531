package org.pet.dp;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * Exact sampler of the discrete Laplace (two-sided geometric) distribution on the integers,
 * P(Z = z) proportional to exp(-|z| / scale), following Canonne, Kamath and Steinke (NeurIPS 2020),
 * Algorithm 2: only uniform integers and exact Bernoulli(exp(-gamma)) draws, no floating-point exp/log.
 *
 * <p>The scale is held as an exact rational {@code numerator / denominator}. Adding this noise with
 * {@code scale >= Delta1 / epsilon} to an integer query of L1 sensitivity {@code Delta1} is epsilon-DP.
 */
public final class DiscreteLaplaceSampler implements IntegerNoiseSampler {

  /** Scales above this are refused: the noise would no longer fit a {@code long} with certainty. */
  static final double MAX_SCALE = 0x1p52;

  /** scale = numerator / denominator exactly; numerator <= 2^53, so 2 * numerator cannot overflow. */
  private final long numerator;
  /** A power of two, 2^{@link #denominatorBits}, so dividing by it is a shift. */
  private final long denominator;
  private final int denominatorBits;
  /** floor(numerator / denominator) and numerator mod denominator. */
  private final long wholeScale;
  private final long fractionalScale;
  private final RandomGenerator random;

  private DiscreteLaplaceSampler(long numerator, long denominator, RandomGenerator random) {
    if (Long.bitCount(denominator) != 1) {
      throw new AssertionError("the scale's denominator must be a power of two, was " + denominator);
    }
    this.numerator = numerator;
    this.denominator = denominator;
    this.denominatorBits = Long.numberOfTrailingZeros(denominator);
    this.wholeScale = numerator >>> denominatorBits;
    this.fractionalScale = numerator & (denominator - 1);
    this.random = random;
  }

  /**
   * Returns a sampler with exactly the given scale (a double is an exact dyadic rational), using the
   * secure default random source.
   *
   * @param scale finite, {@code > 0} and {@code <= 2^52}
   * @throws IllegalArgumentException if the scale is out of range
   */
  public static DiscreteLaplaceSampler withScale(double scale) {
    return withScale(scale, Randomness.secureNoiseSource());
  }

  /**
   * As {@link #withScale(double)} with an explicit random source (for reproducible tests).
   *
   * @throws IllegalArgumentException if the scale is out of range
   */
  public static DiscreteLaplaceSampler withScale(double scale, RandomGenerator random) {
    if (!(scale > 0) || !(scale <= MAX_SCALE)) {
      throw DpChecks.invalid("scale", "in (0, 2^52]", scale);
    }
    if (scale < Double.MIN_NORMAL) {
      scale = Double.MIN_NORMAL;
    }
    Dyadic exact = Dyadic.of(scale);
    long mantissa = exact.mantissa();
    int exponent = exact.exponent();
    if (exponent >= 0) {
      return new DiscreteLaplaceSampler(mantissa << exponent, 1, random);
    }
    if (exponent >= -62) {
      return new DiscreteLaplaceSampler(mantissa, 1L << -exponent, random);
    }
    // Scale below 2^-9 with a long mantissa: round the scale up (more noise is still private).
    long shift = -exponent - 62;
    long rounded = shift >= 63 ? 1 : Math.max(1, (mantissa + (1L << shift) - 1) >>> shift);
    return new DiscreteLaplaceSampler(rounded, 1L << 62, random);
  }

  /**
   * Returns a sampler for an integer query with the given L1 sensitivity: scale = l1 / epsilon, rounded
   * up to a double so the guarantee is never weaker than epsilon.
   */
  static DiscreteLaplaceSampler forEpsilon(double l1Sensitivity, double epsilon, RandomGenerator random) {
    double scale = l1Sensitivity / epsilon;
    if (Math.fma(scale, epsilon, -l1Sensitivity) < 0) {
      scale = Math.nextUp(scale); // the quotient was rounded down
    }
    if (!(scale <= MAX_SCALE)) {
      throw new IllegalArgumentException(
          "noise scale l1Sensitivity / epsilon must be <= 2^52, was " + scale + "; rescale the data");
    }
    return withScale(scale, random);
  }

  /** The scale's exact numerator. */
  long numerator() {
    return numerator;
  }

  /** The scale's exact denominator, a power of two. */
  long denominator() {
    return denominator;
  }

  /** Returns the scale (numerator / denominator, rounded to a double). */
  public double scale() {
    return (double) numerator / denominator;
  }

  @Override
  public long sample() {
    return sample(Randomness.threadBound(random));
  }

  /** CKS Algorithm 2 with a generator already bound to the calling thread. */
  long sample(RandomGenerator bound) {
    while (true) {
      // One draw gives both u, uniform in [0, numerator), and an independent sign bit.
      long draw = ExactBernoulli.uniformBelow(bound, 2 * numerator);
      long u = draw >>> 1;
      boolean negative = (draw & 1) == 1;
      if (!ExactBernoulli.expMinusBelowOne(bound, u, numerator)) {
        continue;
      }
      long magnitude = magnitude(u, ExactBernoulli.geometricExpMinusOne(bound));
      if (negative && magnitude == 0) {
        continue;
      }
      return negative ? -magnitude : magnitude;
    }
  }

  /**
   * floor((u + numerator * v) / denominator) for {@code 0 <= u < numerator}, {@code v >= 0}, without
   * overflowing numerator * v and with shifts for the divisions.
   *
   * @throws ArithmeticException if the result does not fit a long
   */
  long magnitude(long u, long v) {
    return Math.addExact(Math.multiplyExact(wholeScale, v),
        Math.addExact(Math.multiplyExact(fractionalScale, v), u) >>> denominatorBits);
  }

  /** Returns p = exp(-1 / scale), the geometric ratio of successive probabilities. */
  private double ratio() {
    return Math.exp(-(double) denominator / numerator);
  }

  /** Var(Z) = 2p / (1 - p)^2. */
  @Override
  public double variance() {
    double p = ratio();
    double oneMinusP = -Math.expm1(-(double) denominator / numerator);
    return 2 * p / (oneMinusP * oneMinusP);
  }

  /** P(|Z| > k) = 2 p^(k+1) / (1 + p); the smallest k with that at most alpha. */
  @Override
  public long confidenceHalfWidth(double alpha) {
    DpChecks.checkAlpha(alpha);
    double p = ratio();
    double logP = -(double) denominator / numerator;
    double logTailFactor = Math.log(2 / (1 + p));
    // tail(k) = exp(logTailFactor + (k + 1) logP) <= alpha  <=>  k >= (log(alpha) - logTailFactor) / logP - 1
    double estimate = Math.ceil((Math.log(alpha) - logTailFactor) / logP - 1);
    long k = (long) Math.max(0, Math.min(estimate, 0x1p62));
    while (logTailFactor + (k + 1) * logP > Math.log(alpha)) {
      k++;
    }
    while (k > 0 && logTailFactor + k * logP <= Math.log(alpha)) {
      k--;
    }
    return k;
  }

  @Override
  public String toString() {
    return "DiscreteLaplaceSampler{scale=" + numerator + "/" + denominator + "}";
  }
}
