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
 * NaN entries are ignored. Bounds whose width is not finite, and trees whose L0 (treeHeight *
 * maxPartitionsContributed) overflows an int or whose noise could overflow, are rejected at build (see
 * {@link AggregationParameters}). Not thread-safe.
 */
public final class BoundedQuantiles extends Aggregation {

  /** Largest supported number of leaves, b^h. */
  public static final int MAX_LEAVES = 1 << 22;

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
    if (!(rank >= 0 && rank <= 1)) {
      throw DpChecks.invalid("rank", "in [0, 1]", rank);
    }
    if (!state.resultReleased()) {
      release();
    }
    int level = 0;
    long node = 0;
    double remaining = rank;
    double leafWidth = (parameters.upper() - parameters.lower()) / leafCounts.length;
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
    double start = parameters.lower() + node * leavesPerNode * leafWidth;
    double result = start + remaining * leavesPerNode * leafWidth;
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
