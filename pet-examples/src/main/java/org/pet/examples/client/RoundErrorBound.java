package org.pet.examples.client;

import java.util.Objects;
import org.pet.dp.StandardNormal;
import org.pet.secagg.DistributedNoise;

/**
 * The 95% error bound of a secure aggregation round's released sums under distributed noise: a whole
 * number k such that each released cell is within k of the included agencies' true sum with probability
 * at least 0.95 (each cell on its own; the cells' noise is independent). The demo, the scenarios,
 * {@code pet round result} and {@code pet agency join} all print this one bound.
 *
 * <p>Each cell's noise is the sum of the m included agencies' shares, whose exact variance is
 * {@link DistributedNoise#totalVariance(int) totalVariance(m)}. The bound is
 * {@code ceil(q sqrt(totalVariance(m)))} with q the two-sided 95% quantile, in standard deviations, of the
 * distribution the sum follows:
 *
 * <ul>
 *   <li>discrete Gaussian shares: their sum is close to normal, q = Phi^-1(0.975) = 1.95996;</li>
 *   <li>discrete Laplace (Polya) shares: m &gt;= t shares sum to the difference of two NB(m/t, p)
 *       variables - a discrete Laplace variable for m = t, and lighter-tailed for its standard deviation
 *       when m &gt; t (the shape m/t of this discrete variance-gamma law exceeds 1) - so q is the Laplace
 *       distribution's, ln(20) / sqrt(2) = 2.11830 (P(|X| &gt; b ln 20) = 0.05, and sd = b sqrt 2).</li>
 * </ul>
 *
 * <p>Rounding up to a whole number acts as the continuity correction of these integer-valued sums. The
 * exact tail P(|noise| &gt; k), computed by convolving the shares' mass functions, is at most 0.05 (the
 * largest seen 0.0499) for every discrete Gaussian sigma in [0.5, 30] with 1 to 11 shares, and every
 * discrete Laplace scale in [0.2, 300] with t up to 30 and m from t to 10 t; for larger sigma and scale both
 * laws approach their continuous limits, where q is exact.
 *
 * <p>Stateless and thread-safe.
 */
public final class RoundErrorBound {

  /** The level of every bound printed: 95%. */
  public static final double CONFIDENCE = 0.95;

  private static final double GAUSSIAN_QUANTILE = StandardNormal.quantile(1 - (1 - CONFIDENCE) / 2);
  private static final double LAPLACE_QUANTILE = Math.log(1 / (1 - CONFIDENCE)) / Math.sqrt(2);

  private RoundErrorBound() {}

  /**
   * The 95% bound of each cell released with {@code noise} from {@code survivors} included agencies.
   *
   * @param noise the round's distributed noise
   * @param survivors the number of included agencies m; for discrete Laplace noise at least the
   *     {@link DistributedNoise#minimumSurvivors()} t it is calibrated for (a round that completes always
   *     has that many)
   * @throws IllegalArgumentException if survivors is below 1, or below t for discrete Laplace noise
   * @throws NullPointerException if noise is null
   */
  public static long halfWidth95(DistributedNoise noise, int survivors) {
    Objects.requireNonNull(noise, "noise");
    if (survivors < 1) {
      throw new IllegalArgumentException("`survivors` must be >= 1, was " + survivors);
    }
    boolean gaussian = noise.mechanism() == DistributedNoise.Mechanism.DISCRETE_GAUSSIAN;
    if (!gaussian && survivors < noise.minimumSurvivors()) {
      throw new IllegalArgumentException("`survivors` must be >= minimumSurvivors " + noise.minimumSurvivors()
          + " for discrete Laplace noise, was " + survivors);
    }
    double quantile = gaussian ? GAUSSIAN_QUANTILE : LAPLACE_QUANTILE;
    return (long) Math.ceil(quantile * Math.sqrt(noise.totalVariance(survivors)));
  }
}
