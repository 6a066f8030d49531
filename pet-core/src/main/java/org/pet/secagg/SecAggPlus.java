package org.pet.secagg;

/**
 * Parameters for SecAgg+ rounds (Bell, Bonawitz, Gascon, Lepoint and Raykova, CCS 2020): how many
 * neighbours k each participant masks with and shares its secrets among in the round's
 * {@link CommunicationGraph}, and the threshold t of its Shamir sharing over its closed neighbourhood (its
 * k neighbours and itself).
 *
 * <p><b>The bounds</b>, derived for pet's variant and stated here so anyone can check them. The graph is a
 * k-regular Harary graph whose vertices are the participants in a uniformly random order, independent of
 * which participants collude or drop out (see {@link CommunicationGraph} for the order and its limits).
 * Then the k neighbours of a participant v are a uniformly random k-subset of the other n - 1 participants,
 * so the number among them of c colluders (v not one of them) or of d dropouts is hypergeometric:
 * X ~ H(N = n - 1, K, k) with K = c or d. With union bounds over all participants:
 * <ul>
 *   <li><b>security</b>, statistical parameter sigma = {@value #SIGMA}:
 *       (n - c) P[H(n - 1, c, k) &gt; b] &lt;= 2^-sigma defines the neighbourhood colluder bound b
 *       ({@link #neighbourhoodColluders}); then except with probability 2^-40 over the order, no honest
 *       participant has more than b colluding neighbours, and a threshold t &gt; b keeps every honest
 *       participant's self-mask seed and masking key out of the colluders' reach. The server together with
 *       the colluders can then learn sums only over groups of at least t - b honest participants: an honest
 *       survivor's self-mask seed needs t shares from its closed neighbourhood's unmaskers, which are
 *       survivors, and every honest survivor among them stays masked to it unless it is in the group.
 *       (When the server does not choose who drops out, the honest survivors usually stay one connected
 *       group and the server learns only the total, as with the complete graph; the stated guarantee does not
 *       rely on that.)</li>
 *   <li><b>correctness</b>, parameter eta = {@value #ETA}: n P[H(n - 1, d, k) &gt; k - t] &lt;= 2^-eta, so
 *       except with probability 2^-30 every participant keeps at least t surviving neighbours and its
 *       secrets can be reconstructed, with d = floor(dropoutRate n) participants dropping out (colluders
 *       that refuse to answer count as dropouts).</li>
 * </ul>
 * These are derived for the distribution above, not copied from the paper: they are of the same kind
 * (hypergeometric tails and union bounds) and somewhat more conservative, since a participant that
 * survives also holds a share of its own secrets here, which the bounds ignore.
 *
 * <p>In the authenticated variant every participant also needs signatures on the survivor set from a quorum
 * of floor((n + c) / 2) + 1 participants ({@link SecAggParameters#signatureQuorum()}), so at most one
 * survivor set is ever unmasked, as in the complete-graph protocol ({@link CollusionPolicy}).
 */
public final class SecAggPlus {

  /** Statistical security parameter: failure probability at most 2^-40 over the graph. */
  public static final int SIGMA = 40;
  /** Correctness parameter: the round fails for too few surviving neighbours with probability at most 2^-30. */
  public static final int ETA = 30;

  private SecAggPlus() {}

  /**
   * A recommended graph degree and threshold.
   *
   * @param neighbours k, even, or n - 1 for the complete graph
   * @param threshold t, with the neighbourhood colluder bound b below it
   */
  public record Recommendation(int neighbours, int threshold) {}

  /**
   * The smallest even k for which some threshold meets both bounds of the class description, with the
   * largest such threshold (which maximises t - b, the size of the smallest group of honest participants
   * whose sum the server could learn, and so the distributed noise's guarantee). When no k below n - 1
   * does, the complete graph (k = n - 1) with the largest threshold that d dropouts leave reachable.
   *
   * @param participants n, at least 3
   * @param dropoutRate the fraction of participants that may drop out during the round, in [0, 1)
   * @param corruptedFraction the fraction that may collude with the server, in [0, 1); the round tolerates
   *     c = floor(corruptedFraction n) colluders and should declare at least that many
   * @throws IllegalArgumentException if a parameter is out of range, or no graph meets the bounds (too
   *     many dropouts and colluders for any threshold)
   */
  public static Recommendation recommend(int participants, double dropoutRate, double corruptedFraction) {
    return recommend(participants, dropoutRate, corruptedFraction, 1);
  }

  /**
   * As {@link #recommend(int, double, double)}, but for the smallest k whose threshold also protects at
   * least {@code protectedSurvivors} honest participants in any sum the server could learn
   * (t - b &gt;= protectedSurvivors; see {@link SecAggParameters#protectedSurvivors()}): the number of
   * survivors distributed noise can then be calibrated for. The three-argument form asks for 1, which the
   * smallest k typically just meets - a round with distributed noise wants more.
   *
   * @throws IllegalArgumentException as {@link #recommend(int, double, double)}, or if protectedSurvivors is
   *     below 1
   */
  public static Recommendation recommend(int participants, double dropoutRate, double corruptedFraction,
      int protectedSurvivors) {
    if (protectedSurvivors < 1) {
      throw new IllegalArgumentException("`protectedSurvivors` must be >= 1, was " + protectedSurvivors);
    }
    if (participants < 3 || participants > SecAggParameters.MAX_PARTICIPANTS) {
      throw new IllegalArgumentException("`participants` must be in [3, " + SecAggParameters.MAX_PARTICIPANTS
          + "], was " + participants);
    }
    if (!(dropoutRate >= 0 && dropoutRate < 1) || !(corruptedFraction >= 0 && corruptedFraction < 1)) {
      throw new IllegalArgumentException("`dropoutRate` and `corruptedFraction` must be in [0, 1), were "
          + dropoutRate + " and " + corruptedFraction);
    }
    int n = participants;
    int colluders = (int) Math.floor(corruptedFraction * n);
    int dropouts = (int) Math.floor(dropoutRate * n);
    Hypergeometric tails = new Hypergeometric(n - 1);
    for (int k = 2; k < n - 1; k += 2) {
      int bound = neighbourhoodColluders(tails, n, k, colluders);
      int threshold = largestCorrectThreshold(tails, n, k, dropouts);
      if (threshold - bound >= protectedSurvivors && threshold >= 2) {
        return new Recommendation(k, threshold);
      }
    }
    int threshold = n - dropouts;
    if (threshold - colluders < protectedSurvivors || threshold < 2) {
      throw new IllegalArgumentException("no threshold tolerates " + dropouts + " dropouts and " + colluders
          + " colluders among " + n + " participants and protects " + protectedSurvivors
          + ": it would have to reach " + (colluders + protectedSurvivors) + " and leave " + dropouts
          + " dropouts at least t survivors");
    }
    return new Recommendation(n - 1, threshold);
  }

  /**
   * b: the number of colluders among the k neighbours of an honest participant that is exceeded, for any
   * honest participant, with probability at most 2^-{@value #SIGMA} when c of the n participants collude
   * and the graph is random (see the class description); c itself for the complete graph (k &gt;= n - 1).
   *
   * @throws IllegalArgumentException if n &lt; 2, k &lt; 1 or c is outside [0, n)
   */
  public static int neighbourhoodColluders(int participants, int neighbours, int colluders) {
    if (participants < 2 || neighbours < 1 || colluders < 0 || colluders >= participants) {
      throw new IllegalArgumentException("need n >= 2, k >= 1 and 0 <= c < n, were n = " + participants
          + ", k = " + neighbours + ", c = " + colluders);
    }
    if (neighbours >= participants - 1) {
      return colluders;
    }
    return neighbourhoodColluders(new Hypergeometric(participants - 1), participants, neighbours, colluders);
  }

  private static int neighbourhoodColluders(Hypergeometric tails, int n, int k, int c) {
    double limit = -SIGMA * Math.log(2) - Math.log(Math.max(1, n - c));
    int bound = 0;
    while (bound < Math.min(k, c) && tails.logUpperTail(c, k, bound + 1) > limit) {
      bound++;
    }
    return bound;
  }

  /** The largest t such that n P[H(n - 1, d, k) &gt;= k - t + 1] &lt;= 2^-eta, or 0 if none (t &gt;= 1). */
  private static int largestCorrectThreshold(Hypergeometric tails, int n, int k, int d) {
    double limit = -ETA * Math.log(2) - Math.log(n);
    // More dropped neighbours than k - t leave fewer than t survivors; find the smallest m = k - t + 1
    // whose upper tail is small enough.
    for (int threshold = k + 1; threshold >= 1; threshold--) {
      int tooMany = k - threshold + 1;
      if (tooMany > Math.min(k, d) || tails.logUpperTail(d, k, tooMany) <= limit) {
        return threshold;
      }
    }
    return 0;
  }

  /** Hypergeometric tails over a population of N, in natural logarithms. */
  static final class Hypergeometric {
    private final int population;
    private final double[] logFactorial;

    Hypergeometric(int population) {
      this.population = population;
      logFactorial = new double[population + 1];
      for (int i = 2; i <= population; i++) {
        logFactorial[i] = logFactorial[i - 1] + Math.log(i);
      }
    }

    private double logChoose(int n, int k) {
      return logFactorial[n] - logFactorial[k] - logFactorial[n - k];
    }

    /** ln P[X &gt;= x] for X ~ H(population, successes, draws); negative infinity if x exceeds the support. */
    double logUpperTail(int successes, int draws, int x) {
      int high = Math.min(successes, draws);
      int low = Math.max(x, Math.max(0, draws - (population - successes)));
      if (low > high) {
        return Double.NEGATIVE_INFINITY;
      }
      double logTotal = logChoose(population, draws);
      double max = Double.NEGATIVE_INFINITY;
      double[] terms = new double[high - low + 1];
      for (int j = low; j <= high; j++) {
        terms[j - low] = logChoose(successes, j) + logChoose(population - successes, draws - j) - logTotal;
        max = Math.max(max, terms[j - low]);
      }
      double sum = 0;
      for (double term : terms) {
        sum += Math.exp(term - max);
      }
      return Math.min(0, max + Math.log(sum));
    }
  }
}
