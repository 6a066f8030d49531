package org.pet.dp;

/**
 * The optimal (epsilon, delta)-DP decision to release one partition from the number of privacy units in
 * it, when each unit is in at most one partition: Desfontaines, Voss, Gipson and Mandayam,
 * "Differentially private partition selection", PoPETs 2022 (arXiv 2006.03684), Theorem 1.
 *
 * <p>A partition with n units is kept with probability pi(n), where pi(0) = 0 and
 * <pre>
 *   pi(n) = min( e^eps pi(n-1) + delta,  1 - e^-eps (1 - pi(n-1) - delta),  1 ).
 * </pre>
 * These are the largest probabilities for which adding or removing one unit changes the release
 * probability, and the drop probability, by at most a factor e^eps plus delta. The first branch is the
 * minimum while pi(n-1) &lt;= (1 - delta) / (e^eps + 1), i.e. for n &lt;= n*, with
 * <pre>
 *   n* = 1 + floor( ln((e^eps - 1 + 2 delta) / (delta (e^eps + 1))) / eps ),
 * </pre>
 * which gives the closed form used here:
 * <pre>
 *   pi(n) = delta (e^(n eps) - 1) / (e^eps - 1)                                   for n &lt;= n*,
 *   pi(n) = min(1, 1 - e^(-m eps) (1 - pi(n*)) + delta (1 - e^(-m eps)) / (e^eps - 1))  for n = n* + m.
 * </pre>
 * (In the second region, q(n) = 1 - pi(n) satisfies q(n) = e^-eps (q(n-1) - delta); unrolling m steps
 * and summing the geometric series gives the expression.) Both are evaluated with {@code expm1} so that
 * small epsilons keep full precision; results carry floating-point error of the order of 1e-15
 * relative.
 *
 * <p>A unit in up to L0 partitions is covered by running this per partition with (eps / L0, delta / L0):
 * the decisions are independent, so basic composition gives (eps, delta) for the unit's L0 partitions
 * (the paper's Section 5 extension; optimal for L0 = 1, and better than thresholding for small L0).
 *
 * <p>Public so that engines which bound contributions and count units per partition themselves (pet-spark)
 * make the same decision as {@link DpHistogram}. Stateless and thread-safe; the caller draws the coin
 * from a secure source ({@link org.pet.random.Randomness#secureNoiseSource()}).
 */
public final class OptimalPartitionSelection {

  private OptimalPartitionSelection() {}

  /**
   * Returns pi(n), the probability of keeping a partition with {@code units} privacy units.
   *
   * @param units the number of distinct privacy units in the partition, {@code >= 0}
   * @param epsilon the per-partition epsilon, finite and {@code > 0}
   * @param delta the per-partition delta, in (0, 1)
   * @return pi(units), in [0, 1]
   * @throws IllegalArgumentException if {@code units} is negative, {@code epsilon} not finite and
   *     {@code > 0}, or {@code delta} not in (0, 1)
   */
  public static double keepProbability(long units, double epsilon, double delta) {
    DpChecks.checkEpsilon(epsilon);
    DpChecks.checkDelta(delta);
    if (units < 0) {
      throw new IllegalArgumentException("`units` must be >= 0, was " + units);
    }
    if (units == 0) {
      return 0;
    }
    double expm1Epsilon = Math.expm1(epsilon);
    long crossover = crossover(epsilon, delta);
    if (units <= crossover) {
      return Math.min(1, firstBranch(units, epsilon, delta));
    }
    double atCrossover = firstBranch(crossover, epsilon, delta);
    double m = (double) (units - crossover);
    double decay = Math.exp(-m * epsilon);
    double keep = 1 - decay * (1 - atCrossover) - delta * Math.expm1(-m * epsilon) / expm1Epsilon;
    // 1 - keep, the drop probability, is small here and bounded from below by the recurrence; rounding
    // keep down by one ulp keeps the rounded drop probability at least the exact one (the safe side).
    return keep < 1 ? Math.nextDown(keep) : 1;
  }

  /**
   * delta (e^(n eps) - 1) / (e^eps - 1); beyond eps of about 709, where e^eps overflows, as
   * delta e^((n-1) eps) (1 - e^(-n eps)) / (1 - e^-eps), which is the same number.
   */
  private static double firstBranch(long n, double epsilon, double delta) {
    double expm1Epsilon = Math.expm1(epsilon);
    if (Double.isFinite(expm1Epsilon)) {
      return delta * Math.expm1(n * epsilon) / expm1Epsilon;
    }
    return delta * Math.exp((n - 1) * epsilon) * Math.expm1(-n * epsilon) / Math.expm1(-epsilon);
  }

  /** n*: the last n for which the first branch of the recurrence is the minimum. */
  static long crossover(double epsilon, double delta) {
    double expm1Epsilon = Math.expm1(epsilon);
    // (e^eps - 1 + 2 delta) / (delta (e^eps + 1)); beyond eps ~709 divided through by e^eps, where it
    // tends to 1 / delta.
    double ratio = Double.isFinite(expm1Epsilon)
        ? (expm1Epsilon + 2 * delta) / (delta * (expm1Epsilon + 2))
        : (-Math.expm1(-epsilon) + 2 * delta * Math.exp(-epsilon)) / (delta * (1 + Math.exp(-epsilon)));
    double steps = Math.floor(Math.log(ratio) / epsilon);
    return 1 + (long) Math.min(steps, 0x1p62);
  }
}
