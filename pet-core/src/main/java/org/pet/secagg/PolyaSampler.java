package org.pet.secagg;

import java.util.random.RandomGenerator;
import org.pet.dp.DiscreteLaplaceSampler;
import org.pet.random.Randomness;

/**
 * Exact sampler of the Polya (negative binomial) distribution NB(r, p) with r = 1/n for an integer
 * {@code n >= 1} and p = exp(-1/scale): P(X = k) = C(r + k - 1, k) p^k (1 - p)^r for k &gt;= 0. A sum of n
 * independent NB(1/n, p) is NB(1, p), the geometric distribution, so the differences of n such pairs sum
 * to a discrete Laplace variable with ratio p: the infinite divisibility of the geometric distribution, used
 * for distributed noise by Goryczka, Xiong and Sunderam (2013) and by Balle, Bell, Gascon and Nissim
 * (CCS 2020).
 *
 * <p>Algorithm (rejection from the geometric proposal q(k) = (1 - p) p^k): the target-to-proposal ratio is
 * proportional to a(k) = prod_{j=1}^{k} (r + j - 1) / j, which is at most 1 because r &lt;= 1. Draw K ~ q,
 * then accept with probability a(K) as a chain of independent Bernoulli trials, the j-th failing with the
 * rational probability (1 - r) / j = (n - 1) / (n j), tested with two uniform integers; retry on failure.
 * The geometric proposal is a discrete Laplace sample (exact, Canonne, Kamath and Steinke, NeurIPS 2020)
 * conditioned on being non-negative. Only uniform integers are drawn, so the output distribution is exactly
 * NB(1/n, p); there is no floating-point arithmetic in the loop.
 *
 * <p>Cost: a proposal is accepted with probability (1 - p)^(1 - r), so a draw takes on average
 * (1 - p)^-(1 - 1/n) proposals, about (scale)^(1 - 1/n) for large scales: see {@link #expectedProposals}.
 *
 * <p>Thread-safe when its random source is.
 */
final class PolyaSampler {

  private final DiscreteLaplaceSampler laplace;
  private final long shares;
  private final RandomGenerator random;

  /**
   * @param scale the discrete Laplace scale, p = exp(-1/scale); within {@link DiscreteLaplaceSampler}'s range
   * @param shares n, so that r = 1/n; {@code >= 1}
   */
  PolyaSampler(double scale, long shares, RandomGenerator random) {
    this.laplace = DiscreteLaplaceSampler.withScale(scale, random);
    this.shares = shares;
    this.random = random;
  }

  /** The mean number of geometric proposals per draw, (1 - p)^-(1 - 1/n). */
  static double expectedProposals(double scale, long shares) {
    double oneMinusP = -Math.expm1(-1 / scale);
    return Math.exp(-(1 - 1.0 / shares) * Math.log(oneMinusP));
  }

  /** Var(NB(r, p)) = r p / (1 - p)^2. */
  static double variance(double scale, long shares) {
    double oneMinusP = -Math.expm1(-1 / scale);
    return Math.exp(-1 / scale) / (shares * oneMinusP * oneMinusP);
  }

  /** Draws one NB(1/n, p) sample. */
  long sample() {
    RandomGenerator bound = Randomness.threadBound(random);
    while (true) {
      long k = geometric();
      if (acceptRisingFactorialRatio(k, bound)) {
        return k;
      }
    }
  }

  /** P(K = k) = (1 - p) p^k: a discrete Laplace sample conditioned on {@code >= 0}. */
  private long geometric() {
    while (true) {
      long z = laplace.sample();
      if (z >= 0) {
        return z;
      }
    }
  }

  /** Bernoulli(prod_{j=1}^{k} (1 - (n - 1) / (n j))), stopping at the first failed factor. */
  private boolean acceptRisingFactorialRatio(long k, RandomGenerator bound) {
    for (long j = 1; j <= k; j++) {
      // Fails with probability (1/j) ((n - 1)/n), from two independent uniform integers.
      if (bound.nextLong(j) == 0 && bound.nextLong(shares) < shares - 1) {
        return false;
      }
    }
    return true;
  }
}
