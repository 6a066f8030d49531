package org.pet.secagg;

import java.util.Optional;

/**
 * How many agencies colluding with the server a participant must tolerate - a local decision of the
 * agency, never taken from the server - and the rounds it therefore accepts. {@link SecAggClient} applies
 * its policy before it generates keys and refuses a round that fails it with
 * {@link RoundRefusedException}.
 *
 * <p><b>The bound.</b> Let n be the number of participants, t the threshold and c the number of colluding
 * participants. A round is accepted only if
 * <ul>
 *   <li>{@code c < t} (both variants): otherwise the colluders hold t shares of every participant's
 *       self-mask seed and masking key and unmask any input without the server;</li>
 *   <li>{@code 2t > n + c} (authenticated variant): otherwise a malicious server can have two different
 *       survivor sets signed by t participants each and recover one participant's input (issue #20).
 *       Equivalently t &gt;= floor((n + c) / 2) + 1; this implies c &lt; t since t &lt;= n.</li>
 *   <li>the round declares at least c tolerated colluders ({@link SecAggParameters#toleratedColluders()}):
 *       the round's distributed noise is calibrated and its privacy reported for that many colluders, so a
 *       round declaring fewer would claim a guarantee that does not hold for this participant.</li>
 * </ul>
 *
 * <p><b>Proof sketch of 2t &gt; n + c.</b> An honest participant signs at most one survivor set per round
 * (its state machine signs once; an agency must run one {@link SecAggClient} per round id, never a second
 * after a restart) and unmasks only for the set it signed, carrying t valid signatures of members of that
 * set. Suppose two different sets S1 and S2 each carry t signatures. The honest signers H1 of S1 and H2 of
 * S2 are disjoint, so |H1| + |H2| &lt;= n - c; each set has at most c colluding signers, so |H1| &gt;= t - c
 * and |H2| &gt;= t - c; together 2(t - c) &lt;= n - c, that is 2t &lt;= n + c. Hence under 2t &gt; n + c at most
 * one survivor set S is ever unmasked for by an honest participant: for every honest v they all reveal
 * shares of b_v (v in S) or all reveal shares of s_v (v not in S), never some of each, and the c &lt; t
 * colluders add fewer than t shares of the other kind, so the server never holds both secrets of v. The
 * bound is tight: if 2t &lt;= n + c, the server shows S1 = U3 to t - c honest participants including the
 * victim v and S2 = U3 minus v to t - c others (they exist since 2(t - c) &lt;= n - c), the colluders sign
 * both and reveal both kinds of share, and the server gets t shares of b_v and t of s_v. Neither the
 * victim nor the unmasking threshold changes this: v may itself sign S1 (it is in S1), so the honest pool
 * is all n - c honest participants; it cannot sign S2 (a participant refuses a set without itself). The
 * Shamir threshold equals the signature threshold t, and the unmaskers of a set are among its signers, so
 * a group that gathers t signatures also supplies the t shares - reconstruction adds no constraint.
 * Honest participants that dropped out only shrink the honest pool, so n - c is the worst case.
 *
 * <p><b>SecAgg+ rounds</b> ({@link SecAggParameters#neighbours()} below n - 1) share each secret among a
 * neighbourhood only. There c &lt; t becomes b &lt; t for b = {@link SecAggPlus#neighbourhoodColluders} of
 * c, the colluders one neighbourhood may hold except with probability 2^-40 over the graph; and the
 * argument above applies to the signature quorum q = floor((n + c) / 2) + 1 instead of t: two different
 * survivor sets cannot both be signed by q participants when 2q &gt; n + c, so honest participants unmask
 * for at most one set, and the &lt; t colluders of a neighbourhood cannot add the other kind of share.
 *
 * <p>The plain (unauthenticated) variant assumes a server that follows the protocol, so only c &lt; t and
 * the declared-colluders condition apply; against a server that equivocates it offers no protection at
 * any threshold.
 *
 * <p>The default policy tolerates the largest c below n/3, {@code c = floor((n - 1) / 3)}, Bonawitz et
 * al.'s (CCS 2017) corruption model; with it the bound asks t &gt;= floor((n + c) / 2) + 1, never more than
 * their t &gt;= floor(2n/3) + 1. Immutable and thread-safe.
 */
public final class CollusionPolicy {

  private static final int DERIVED = -1;
  private static final CollusionPolicy DEFAULT = new CollusionPolicy(DERIVED);

  /** The number of colluders tolerated, or {@link #DERIVED} for {@link #defaultColluders(int)}. */
  private final int colluders;

  private CollusionPolicy(int colluders) {
    this.colluders = colluders;
  }

  /** The default policy: tolerates {@link #defaultColluders(int) floor((n - 1) / 3)} colluders in a round of n. */
  public static CollusionPolicy defaultPolicy() {
    return DEFAULT;
  }

  /**
   * Tolerates up to {@code colluders} colluding agencies in any round.
   *
   * @throws IllegalArgumentException if colluders is negative
   */
  public static CollusionPolicy tolerating(int colluders) {
    if (colluders < 0) {
      throw new IllegalArgumentException("`colluders` must be >= 0, was " + colluders);
    }
    return new CollusionPolicy(colluders);
  }

  /**
   * The default number of tolerated colluders for {@code participants} agencies: the largest c below n/3.
   *
   * @throws IllegalArgumentException if participants is below 1
   */
  public static int defaultColluders(int participants) {
    if (participants < 1) {
      throw new IllegalArgumentException("`participants` must be >= 1, was " + participants);
    }
    return (participants - 1) / 3;
  }

  /**
   * The smallest threshold a round of {@code participants} may have with up to {@code colluders}
   * colluding agencies: floor((n + c) / 2) + 1 in the authenticated variant, c + 1 in the plain variant,
   * and at least 2. It may exceed n, in which case no threshold is acceptable.
   *
   * @throws IllegalArgumentException if participants is below 1 or colluders is negative
   */
  public static int minimumThreshold(int participants, int colluders, boolean authenticated) {
    if (participants < 1 || colluders < 0) {
      throw new IllegalArgumentException("`participants` must be >= 1 and `colluders` >= 0, were "
          + participants + " and " + colluders);
    }
    return Math.max(2, authenticated ? (participants + colluders) / 2 + 1 : colluders + 1);
  }

  /** The number of colluders this policy tolerates in a round of {@code participants}. */
  public int colludersFor(int participants) {
    return colluders == DERIVED ? defaultColluders(participants) : colluders;
  }

  /**
   * Refuses a round whose parameters do not meet this policy (see the class description).
   *
   * @throws RoundRefusedException if the threshold is too low for this policy's number of colluders, or
   *     the round declares fewer tolerated colluders than it
   */
  public void check(SecAggParameters parameters) {
    int c = colludersFor(parameters.participants().size());
    Optional<String> problem = thresholdProblem(parameters, c);
    if (problem.isPresent()) {
      throw new RoundRefusedException("refusing round " + parameters.roundId() + ": " + problem.get());
    }
    if (parameters.toleratedColluders() < c) {
      throw new RoundRefusedException("refusing round " + parameters.roundId() + ": it declares up to "
          + colluders(parameters.toleratedColluders()) + ", fewer than the " + c + " this agency tolerates,"
          + " so its noise calibration and reported privacy would assume fewer colluders than this agency does");
    }
  }

  /**
   * Why the round's threshold is too low for {@code c} colluders (c &lt; t, and 2t &gt; n + c if
   * authenticated), or empty if it is not.
   */
  static Optional<String> thresholdProblem(SecAggParameters parameters, int c) {
    int n = parameters.participants().size();
    int t = parameters.threshold();
    if (!parameters.completeGraph()) {
      int k = parameters.neighbours();
      int b = SecAggPlus.neighbourhoodColluders(n, k, Math.min(c, n - 1));
      if (b >= t) {
        return Optional.of("with up to " + colluders(c) + " among " + n + " participants, one participant's " + k
            + " neighbours may hold " + b + " of them (except with probability 2^-" + SecAggPlus.SIGMA
            + "), so the threshold must be at least " + (b + 1) + ", was " + t);
      }
      int quorum = parameters.signatureQuorum();
      if (parameters.authenticated() && (2 * quorum <= n + c || quorum > n)) {
        return Optional.of("with " + n + " participants and up to " + colluders(c) + " the survivor set needs "
            + ((n + c) / 2 + 1) + " signatures (2q > n + c), and the round asks for " + quorum);
      }
      return Optional.empty();
    }
    if (c >= t) {
      return Optional.of("with up to " + colluders(c) + " the threshold must be at least " + (c + 1)
          + " (c < t), was " + t);
    }
    if (parameters.authenticated() && 2 * t <= n + c) {
      return Optional.of("with " + n + " participants and up to " + colluders(c) + " the threshold must be at least "
          + minimumThreshold(n, c, true) + " (2t > n + c), was " + t);
    }
    return Optional.empty();
  }

  private static String colluders(int c) {
    return c + (c == 1 ? " colluding agency" : " colluding agencies");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CollusionPolicy that && that.colluders == colluders;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(colluders);
  }

  @Override
  public String toString() {
    return colluders == DERIVED ? "CollusionPolicy{colluders=floor((n - 1) / 3)}"
        : "CollusionPolicy{colluders=" + colluders + "}";
  }
}
