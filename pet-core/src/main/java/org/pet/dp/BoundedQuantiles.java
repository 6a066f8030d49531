package org.pet.dp;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Differentially private quantiles of values clamped to [lower, upper], from a noisy hierarchical
 * histogram: a tree of height h and branching factor b over b^h equal-width leaves.
 *
 * <p><b>Guarantee.</b> Every entry increments one node per level, so a privacy unit that adds at most
 * {@code maxContributionsPerPartition} entries here and contributes to at most
 * {@code maxPartitionsContributed} partitions changes at most h * L0 node counts by at most Linf each;
 * each node count is noised once with those sensitivities, making the whole tree - and so every quantile
 * computed from it - (epsilon, delta)-DP. {@link #computeResult(double)} may be called for any number of
 * ranks: the noise is drawn once per node (lazily, when first visited) and reused.
 *
 * <p><b>Answer.</b> From the root, the descent picks the child whose cumulative noisy count (negative
 * counts taken as 0) first reaches the rank's share of the node's total, carries the remainder down, and
 * interpolates linearly inside the leaf. Results lie in [lower, upper] and are monotone in the rank.
 * NaN entries are ignored. {@link #computeConfidenceInterval(double, double)} bounds the true quantile
 * from the same noisy tree. Bounds whose width is not finite, and trees whose L0 (treeHeight *
 * maxPartitionsContributed) overflows an int or whose noise could overflow, are rejected at build (see
 * {@link AggregationParameters}). Not thread-safe.
 */
public final class BoundedQuantiles extends Aggregation {

  /** Largest supported number of leaves, b^h. */
  public static final int MAX_LEAVES = 1 << 22;

  /**
   * A clamped entry lies in its leaf up to this many ulps of max(|lower|, |upper|): the rounding of the
   * binning and of the leaf edges, each a few ulps.
   */
  private static final double BINNING_SLACK_ULPS = 16;

  private final NoisedValue noisedNode;
  private final int height;
  private final int branching;
  private final long[] leafCounts;
  private final Map<Long, Double> noisyCounts = new HashMap<>();

  private BoundedQuantiles(AggregationParameters parameters, int height, int branching) {
    super(parameters);
    // Every entry increments one node per level: the tree is released in height * L0 partitions.
    this.noisedNode = parameters.noisedValue(
        "a quantile tree node", "1", 1, height * parameters.maxPartitionsContributed(), 1);
    this.height = height;
    this.branching = branching;
    this.leafCounts = new long[(int) Math.pow(branching, height)];
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Adds a value, clamped to the bounds; NaN is ignored. */
  public void addEntry(double value) {
    state.requireOpen("add entries");
    if (Double.isNaN(value)) {
      return;
    }
    double position = (parameters.clamp(value) - parameters.lower()) / (parameters.upper() - parameters.lower());
    leafCounts[(int) Math.min(leafCounts.length - 1, Math.floor(position * leafCounts.length))]++;
  }

  public void addEntries(Collection<Double> values) {
    values.forEach(this::addEntry);
  }

  /**
   * Returns the noisy quantile of the given rank; the first call releases the tree.
   *
   * @param rank in [0, 1]
   * @throws IllegalArgumentException if rank is outside [0, 1]
   * @throws IllegalStateException if a summary was serialized already
   */
  public double computeResult(double rank) {
    checkRank(rank);
    if (!state.resultReleased()) {
      release();
    }
    return quantile(rank);
  }

  /**
   * Returns an interval containing the rank-{@code rank} quantile of the clamped entries - the smallest
   * entry x with at least rank * n of the n entries at most x, i.e. the order statistic
   * x<sub>(max(1, ceil(rank n)))</sub> - with probability at least 1 - alpha over the tree's noise, when
   * there is at least one entry. It is computed from the released noisy tree, so it spends no further
   * budget; it always contains {@link #computeResult(double) computeResult(rank)}.
   *
   * <p><b>Method.</b> The quantile lies in some leaf; the children of that leaf's ancestors are
   * treeHeight * branchingFactor nodes fixed by the data, and each gets the noise's
   * (1 - alpha / (treeHeight * branchingFactor)) interval for its count, cut at 0, so by the union bound
   * all of them hold at once with probability at least 1 - alpha. A node is a <em>candidate</em> when
   * some counts within the intervals put at most rank * n entries before it and at least rank * n up to
   * its end (the entries before it summed over the left siblings of the node and of its ancestors, and
   * likewise after it). Whenever those intervals hold, every ancestor of the quantile's leaf is a
   * candidate, so the descent that keeps the candidate children of candidates, level by level, keeps the
   * quantile's leaf. The interval spans the candidates of the deepest level reached (the leaves, or the
   * first level with more than 64 candidates, which bounds the cost), joined with the released quantile,
   * widened by 16 ulps of max(|lower|, |upper|) for the floating-point binning, and cut to
   * [lower, upper]. The union bound over the nodes, and the sums of up to (branchingFactor - 1) *
   * treeHeight node intervals on either side, make it conservative and wide unless the node counts are
   * large next to the noise: with the default tree and epsilon = 1, about 9% of [lower, upper] at the
   * median of 10,000 uniform entries, about half of it for 1,000.
   *
   * @param rank in [0, 1]
   * @param alpha the allowed miss probability, in (0, 1)
   * @throws IllegalStateException before {@link #computeResult(double)}
   * @throws IllegalArgumentException if rank is outside [0, 1] or alpha outside (0, 1)
   */
  public ConfidenceInterval computeConfidenceInterval(double rank, double alpha) {
    requireReleased("a confidence interval");
    checkRank(rank);
    DpChecks.checkAlpha(alpha);
    double nodeAlpha = alpha / ((double) height * branching);
    QuantileBracket.Span span = QuantileBracket.search(height, branching, rank, (level, index) ->
        noisedNode.interval(noisyCount(level, index), nodeAlpha).clampedTo(0, Double.POSITIVE_INFINITY));
    long leavesPerNode = (long) Math.pow(branching, height - span.level());
    double low = leafEdge(span.first() * leavesPerNode);
    double high = leafEdge((span.last() + 1) * leavesPerNode);
    double estimate = quantile(rank);
    double slack = BINNING_SLACK_ULPS * Math.ulp(parameters.maxMagnitude());
    return new ConfidenceInterval(Math.min(low - slack, estimate), Math.max(high + slack, estimate))
        .clampedTo(parameters.lower(), parameters.upper());
  }

  private static void checkRank(double rank) {
    if (!(rank >= 0 && rank <= 1)) {
      throw DpChecks.invalid("rank", "in [0, 1]", rank);
    }
  }

  private double leafWidth() {
    return (parameters.upper() - parameters.lower()) / leafCounts.length;
  }

  /** The lower edge of leaf {@code leaf} (the upper edge of the one before). */
  private double leafEdge(long leaf) {
    return parameters.lower() + leaf * leafWidth();
  }

  /** The descent of {@link #computeResult(double)} on the released tree. */
  private double quantile(double rank) {
    int level = 0;
    long node = 0;
    double remaining = rank;
    while (level < height) {
      double[] children = new double[branching];
      double total = 0;
      for (int i = 0; i < branching; i++) {
        children[i] = Math.max(0, noisyCount(level + 1, node * branching + i));
        total += children[i];
      }
      if (total <= 0) {
        break; // no information below: interpolate across this node's interval
      }
      double target = remaining * total;
      // The first non-empty child whose cumulative count reaches the target, else the last non-empty one.
      int chosen = -1;
      double before = 0;
      double beforeChosen = 0;
      for (int i = 0; i < branching; i++) {
        if (children[i] > 0) {
          chosen = i;
          beforeChosen = before;
          if (target <= before + children[i]) {
            break;
          }
        }
        before += children[i];
      }
      remaining = Math.max(0, Math.min(1, (target - beforeChosen) / children[chosen]));
      node = node * branching + chosen;
      level++;
    }
    long leavesPerNode = (long) Math.pow(branching, height - level);
    double result = leafEdge(node * leavesPerNode) + remaining * leavesPerNode * leafWidth();
    return Math.max(parameters.lower(), Math.min(parameters.upper(), result));
  }

  /** The noisy count of node {@code index} at {@code level} (1 = children of the root), drawn once. */
  private double noisyCount(int level, long index) {
    long key = ((long) level << 40) | index;
    return noisyCounts.computeIfAbsent(key, k -> noisedNode.addNoise((double) trueCount(level, index)));
  }

  private long trueCount(int level, long index) {
    int span = (int) Math.pow(branching, height - level);
    long total = 0;
    for (int leaf = (int) index * span; leaf < (index + 1) * span; leaf++) {
      total += leafCounts[leaf];
    }
    return total;
  }

  @Override
  String type() {
    return "BoundedQuantiles";
  }

  @Override
  int[] extraParameters() {
    return new int[] {height, branching};
  }

  @Override
  long[] longState() {
    return leafCounts.clone();
  }

  @Override
  void mergeState(long[] longs, double[] doubles) {
    for (int i = 0; i < leafCounts.length; i++) {
      leafCounts[i] = Math.addExact(leafCounts[i], longs[i]);
    }
  }

  /** Builder for {@link BoundedQuantiles}: epsilon, lower and upper are required. */
  public static final class Builder extends AggregationBuilder.Bounded<Builder> {
    private int treeHeight = 4;
    private int branchingFactor = 16;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Tree height h, default 4. */
    public Builder treeHeight(int treeHeight) {
      this.treeHeight = (int) DpChecks.checkAtLeastOne("treeHeight", treeHeight);
      return this;
    }

    /** Branching factor b >= 2, default 16. */
    public Builder branchingFactor(int branchingFactor) {
      if (branchingFactor < 2) {
        throw new IllegalArgumentException("`branchingFactor` must be >= 2, was " + branchingFactor);
      }
      this.branchingFactor = branchingFactor;
      return this;
    }

    /**
     * @throws IllegalArgumentException if a parameter is missing, the tree has too many leaves,
     *     treeHeight * maxPartitionsContributed exceeds {@code Integer.MAX_VALUE}, or a noisy node count could
     *     overflow (see {@link AggregationParameters})
     */
    public BoundedQuantiles build() {
      if (Math.pow(branchingFactor, treeHeight) > MAX_LEAVES) {
        throw new IllegalArgumentException("`branchingFactor`^`treeHeight` must be <= " + MAX_LEAVES + ", was "
            + branchingFactor + "^" + treeHeight);
      }
      AggregationParameters parameters = parameters(true);
      if ((long) treeHeight * parameters.maxPartitionsContributed() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("`treeHeight` * `maxPartitionsContributed` (the tree's L0) must be <= "
            + Integer.MAX_VALUE + ", was " + treeHeight + " * " + parameters.maxPartitionsContributed());
      }
      return new BoundedQuantiles(parameters, treeHeight, branchingFactor);
    }
  }
}
