package org.pet.dp;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * The acceptance test of the discrete Gaussian sampler (Canonne, Kamath and Steinke, NeurIPS 2020,
 * Algorithm 3): for a proposal of magnitude u, Bernoulli(exp(-x)) with
 * x = (u - sigma^2/t)^2 / (2 sigma^2), t = floor(sigma) + 1, decided exactly.
 *
 * <p>The reference path ({@link #acceptWithBigIntegers}) writes x as the exact rational
 * (u t D - N)^2 / (2 N D t^2), sigma^2 = N / D, and runs {@link ExactBernoulli#expMinus}: e^-floor(x) by
 * comparing a uniform with a table, then CKS Algorithm 1 on frac(x), whose Bernoulli(frac(x)) compares
 * uniform words with the binary expansion of frac(x). All it needs is floor(x) and that expansion, and
 * {@link #accept} obtains them with long arithmetic, drawing the same words with the same outcomes:
 *
 * <ul>
 *   <li>the fixed-point path, for sigma in [2^-15, 2^25] (unless the exact path below applies and the
 *       denominator's odd part is below 2^32): x = u^2 / (2 sigma^2) - u / t + sigma^2 / (2 t^2) from
 *       three constants truncated to 128 fractional bits is within (u^2 + u + 1) 2^-128 of x; when
 *       that bound shows that floor(x) and the first 64 fractional bits are exact (all but about
 *       u^2 2^-63 of the time), they settle everything but a tie of a uniform word with those 64 bits
 *       (probability 2^-64), which goes to the exact rational;
 *   <li>the exact path, when the rational's denominator 2 N D t^2 fits 63 bits (small or short-mantissa
 *       sigma, where x can be a multiple of 2^-64 that the fixed-point bound cannot settle): the
 *       numerator is a 128-bit square and every word of the expansion a 128-by-64-bit division;
 *   <li>otherwise the reference path.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class GaussianAcceptance {

  /** Largest sigma with a fixed-point path: beyond it the 128-bit error bound would often be too wide. */
  static final double MAX_FIXED_POINT_SIGMA = 0x1p25;
  /** Smallest sigma with a fixed-point path, so that 1 / (2 sigma^2) has an integer part below 2^31. */
  static final double MIN_FIXED_POINT_SIGMA = 0x1p-15;
  /** Marks a fixed-point first word, whose following words come from the exact rational. */
  private static final long UNKNOWN_REMAINDER = -1;

  /** N with sigma^2 = N / D exactly. */
  private final BigInteger sigmaSquaredNum;
  /** t D. */
  private final BigInteger scaledProposal;
  /** 2 N D t^2. */
  private final BigInteger denominator;
  private final boolean fixedPoint;
  /** 1 / (2 sigma^2), 1 / t and sigma^2 / (2 t^2), each truncated to 128 fractional bits. */
  private final FixedPoint128 quadratic;
  private final FixedPoint128 linear;
  private final FixedPoint128 constant;
  /** Largest u for the fixed-point path: u^2 times the integer part of {@link #quadratic} is below 2^62. */
  private final long maxFixedPointMagnitude;
  /** N, t D and 2 N D t^2 as longs, and the largest u with u t D in range; -1 without an exact path. */
  private final long exactSigmaSquaredNum;
  private final long exactScaledProposal;
  private final long exactDenominator;
  private final long maxExactMagnitude;

  /**
   * @param sigma positive, normal and at most 2^50
   * @param t floor(sigma) + 1
   */
  GaussianAcceptance(double sigma, long t, boolean fastPathAllowed) {
    Dyadic dyadic = Dyadic.of(sigma);
    BigInteger mantissa = BigInteger.valueOf(dyadic.mantissa());
    int exponent = dyadic.exponent();
    BigInteger sigmaSquaredDen;
    if (exponent >= 0) {
      sigmaSquaredNum = mantissa.shiftLeft(exponent).pow(2);
      sigmaSquaredDen = BigInteger.ONE;
    } else {
      sigmaSquaredNum = mantissa.pow(2);
      sigmaSquaredDen = BigInteger.ONE.shiftLeft(-2 * exponent);
    }
    BigInteger proposalScale = BigInteger.valueOf(t);
    scaledProposal = proposalScale.multiply(sigmaSquaredDen);
    denominator = sigmaSquaredNum.multiply(sigmaSquaredDen).multiply(proposalScale.pow(2)).shiftLeft(1);
    boolean exactPath = fastPathAllowed && denominator.bitLength() < Long.SIZE - 1;
    if (exactPath) {
      exactSigmaSquaredNum = sigmaSquaredNum.longValueExact();
      exactScaledProposal = scaledProposal.longValueExact();
      exactDenominator = denominator.longValueExact();
      maxExactMagnitude = Long.MAX_VALUE / exactScaledProposal;
    } else {
      exactSigmaSquaredNum = -1;
      exactScaledProposal = -1;
      exactDenominator = -1;
      maxExactMagnitude = -1;
    }
    // When the odd part of the denominator is small, x is often a multiple of 2^-64, which the fixed-point
    // bound can never settle: the exact path alone is faster then.
    BigInteger oddPart = denominator.shiftRight(denominator.getLowestSetBit());
    fixedPoint = fastPathAllowed && sigma >= MIN_FIXED_POINT_SIGMA && sigma <= MAX_FIXED_POINT_SIGMA
        && !(exactPath && oddPart.bitLength() <= Integer.SIZE);
    if (fixedPoint) {
      quadratic = FixedPoint128.floorOf(sigmaSquaredDen, sigmaSquaredNum.shiftLeft(1));
      linear = FixedPoint128.floorOf(BigInteger.ONE, proposalScale);
      constant = FixedPoint128.floorOf(sigmaSquaredNum, sigmaSquaredDen.multiply(proposalScale.pow(2)).shiftLeft(1));
      maxFixedPointMagnitude = Math.min(Integer.MAX_VALUE, (long) Math.sqrt(0x1p62 / (quadratic.whole() + 1)));
    } else {
      quadratic = null;
      linear = null;
      constant = null;
      maxFixedPointMagnitude = -1;
    }
  }

  /** Bernoulli(exp(-x(u))) by a long-arithmetic path where one applies: same draws and outcome as the reference. */
  boolean accept(RandomGenerator random, long u) {
    if (u <= maxFixedPointMagnitude) {
      FixedPoint128 x = approximateExponent(u);
      if (isExact(x, u)) {
        // x is not a multiple of 2^-64, so frac(x) > 0 and its expansion goes on past the first word.
        return acceptGiven(random, x.whole(), x.high(), UNKNOWN_REMAINDER, u);
      }
    }
    if (u <= maxExactMagnitude) {
      long a = Math.abs(u * exactScaledProposal - exactSigmaSquaredNum);
      long high = Math.multiplyHigh(a, a);
      long low = a * a;
      if (high < exactDenominator) {
        long whole = UnsignedWords.divide(high, low, exactDenominator);
        long remainder = low - whole * exactDenominator;
        if (remainder == 0) {
          // frac(x) = 0: Algorithm 1 draws nothing and accepts, so only e^-floor(x) is left.
          return whole == 0 || ExactBernoulli.uniformBelowExpMinus(random, saturatedInt(whole));
        }
        long firstWord = UnsignedWords.divide(remainder, 0, exactDenominator);
        return acceptGiven(random, whole, firstWord, -firstWord * exactDenominator, u);
      }
    }
    return acceptWithBigIntegers(random, u);
  }

  /**
   * exp(-x) = exp(-floor(x)) exp(-frac(x)) as {@link ExactBernoulli#expMinus} decides it, given floor(x)
   * (unsigned), the first word of frac(x) > 0 and the remainder after it (over the exact denominator), or
   * {@link #UNKNOWN_REMAINDER}.
   */
  private boolean acceptGiven(RandomGenerator random, long whole, long firstWord, long nextRemainder, long u) {
    if (whole != 0 && !ExactBernoulli.uniformBelowExpMinus(random, saturatedInt(whole))) {
      return false;
    }
    long k = 0;
    while (belowFraction(random, firstWord, nextRemainder, u) && ExactBernoulli.bernoulli(random, 1, k + 1)) {
      k++;
    }
    return (k & 1) == 0;
  }

  /** The reference: Bernoulli(exp(-x(u))) on the exact rational x(u). */
  boolean acceptWithBigIntegers(RandomGenerator random, long u) {
    return ExactBernoulli.expMinus(random, exponentNumerator(u), denominator);
  }

  /** (u t D - N)^2, the numerator of x(u) over {@link #denominator}. */
  private BigInteger exponentNumerator(long u) {
    return BigInteger.valueOf(u).multiply(scaledProposal).subtract(sigmaSquaredNum).pow(2);
  }

  /**
   * x(u) from the truncated constants, for {@code 0 <= u <= maxFixedPointMagnitude}. Each truncation is below
   * 2^-128, so the result lies within (u^2 + u + 1) 2^-128 of x(u) (see {@link #isExact}).
   */
  FixedPoint128 approximateExponent(long u) {
    return quadratic.times(u * u).minus(linear.times(u)).plus(constant);
  }

  /**
   * Whether the approximation's integer part and first 64 fractional bits are those of x(u): x(u) lies
   * strictly within E = u^2 + u + 1 units of 2^-128 of the approximation, so they are if its low word is
   * at least E away from both ends of its range. Then x(u) is not a multiple of 2^-64 either.
   */
  boolean isExact(FixedPoint128 x, long u) {
    long error = u * u + u + 1;
    return x.whole() >= 0 && Long.compareUnsigned(x.low(), error) >= 0
        && Long.compareUnsigned(x.low(), -error) <= 0;
  }

  /** Whether the fixed-point path is used at all for this sigma (for tests). */
  boolean hasFixedPointPath() {
    return fixedPoint;
  }

  /** floor(x(u) 2^64) computed exactly, for tests. */
  BigInteger exactScaledFloor(long u) {
    return exponentNumerator(u).shiftLeft(Long.SIZE).divide(denominator);
  }

  /** {@link ExactBernoulli#belowFraction} on frac(x(u)), given its first word and what follows it. */
  private boolean belowFraction(RandomGenerator random, long firstWord, long nextRemainder, long u) {
    int order = Long.compareUnsigned(random.nextLong(), firstWord);
    if (order != 0) {
      return order < 0;
    }
    if (nextRemainder == UNKNOWN_REMAINDER) {
      BigInteger remainder = exponentNumerator(u).mod(denominator);
      return ExactBernoulli.belowFractionAfterFirstWordTie(random, remainder, denominator);
    }
    // The exact path: the expansion continues from nextRemainder / exactDenominator.
    for (long remainder = nextRemainder; remainder != 0; ) {
      long word = UnsignedWords.divide(remainder, 0, exactDenominator);
      remainder = -word * exactDenominator;
      order = Long.compareUnsigned(random.nextLong(), word);
      if (order != 0) {
        return order < 0;
      }
    }
    return false;
  }

  /** An unsigned exponent capped at {@link Integer#MAX_VALUE}. */
  private static int saturatedInt(long unsigned) {
    return unsigned < 0 ? Integer.MAX_VALUE : ExactBernoulli.saturatedInt(unsigned);
  }
}
