package org.pet.spark;

import java.io.Serializable;
import java.util.random.RandomGenerator;
import org.pet.dp.DpHistogram;
import org.pet.dp.DpHistogram.SelectionStrategy;
import org.pet.dp.Noise;
import org.pet.dp.OptimalPartitionSelection;

/**
 * How a query's (epsilon, delta) is shared among its mechanisms, and the partition selection it pays for -
 * the rule of {@link DpHistogram}, with each requested output as one mechanism.
 *
 * <p>Epsilon is shared equally among the mechanisms that spend it: every output (a count, a sum, a mean, a
 * quantile tree with all its ranks) and, with {@link SelectionStrategy#OPTIMAL_KEEP_PROBABILITY}, the
 * selection. Delta is shared equally among those that use it: the selection (without public groups) and,
 * with Gaussian noise, every output. The strategy is chosen as {@link DpHistogram} chooses it: public
 * groups, else the optimal keep probability for L0 &lt;= {@value DpHistogram#OPTIMAL_SELECTION_MAX_PARTITIONS},
 * else a threshold on the noisy count of the query's first count output (spending no epsilon of its own);
 * a query without a count output always uses the optimal keep probability.
 *
 * @param strategy how released groups are chosen
 * @param outputEpsilon the epsilon of each output's mechanism
 * @param outputDelta the delta of each output's mechanism; 0 for pure (Laplace) noise
 * @param selectionEpsilon the epsilon of the optimal keep probability; 0 under the other strategies
 * @param selectionDelta the delta of the selection; 0 with public groups
 * @param maxGroups L0, over which the selection's budget is divided per group
 * @param threshold the noisy count a group must exceed under the threshold strategy; NaN otherwise
 */
record BudgetSplit(SelectionStrategy strategy, double outputEpsilon, double outputDelta, double selectionEpsilon,
    double selectionDelta, int maxGroups, double threshold) implements Serializable {

  /**
   * The split for a query; {@code noise} fixes whether outputs spend delta and calibrates the threshold.
   *
   * @throws IllegalArgumentException if the noise rejects the threshold's parameters
   */
  static BudgetSplit of(double epsilon, double delta, int outputs, boolean releasesCount, boolean publicGroups,
      Noise noise, int maxGroups, int maxContributions) {
    SelectionStrategy strategy;
    if (publicGroups) {
      strategy = SelectionStrategy.PUBLIC_KEYS;
    } else if (maxGroups <= DpHistogram.OPTIMAL_SELECTION_MAX_PARTITIONS || !releasesCount) {
      strategy = SelectionStrategy.OPTIMAL_KEEP_PROBABILITY;
    } else {
      strategy = SelectionStrategy.NOISY_COUNT_THRESHOLD;
    }
    boolean approximate = !noise.isPure();
    int epsilonShares = outputs + (strategy == SelectionStrategy.OPTIMAL_KEEP_PROBABILITY ? 1 : 0);
    int deltaShares = (publicGroups ? 0 : 1) + (approximate ? outputs : 0);
    double share = epsilon / epsilonShares;
    double deltaShare = deltaShares == 0 ? 0 : delta / deltaShares;
    double outputDelta = approximate ? deltaShare : 0;
    double selectionDelta = publicGroups ? 0 : deltaShare;
    double threshold = Double.NaN;
    if (strategy == SelectionStrategy.NOISY_COUNT_THRESHOLD) {
      // DpHistogram's threshold: Linf plus the count noise's (1 - delta_sel / L0) upper deviation.
      threshold = maxContributions + noise.computeConfidenceInterval(0.0, maxGroups, maxContributions, share,
          approximate ? outputDelta : null, selectionDelta / maxGroups).upperBound();
    }
    return new BudgetSplit(strategy,
        share, outputDelta, strategy == SelectionStrategy.OPTIMAL_KEEP_PROBABILITY ? share : 0,
        selectionDelta, maxGroups, threshold);
  }

  /**
   * Under the optimal keep probability, draws whether a group with {@code units} privacy units (after
   * bounding) is kept; true under the other strategies.
   */
  boolean keepsUnits(long units, RandomGenerator coin) {
    if (strategy != SelectionStrategy.OPTIMAL_KEEP_PROBABILITY) {
      return true;
    }
    double keep = OptimalPartitionSelection.keepProbability(
        units, selectionEpsilon / maxGroups, selectionDelta / maxGroups);
    return coin.nextDouble() < keep;
  }

  /**
   * Under the threshold strategy, whether a group whose released (rounded) count is {@code releasedCount}
   * is kept; true under the other strategies. The count is rounded to the nearest integer, so the group is
   * kept only when it exceeds {@code threshold + 1/2}: then the unrounded noisy count exceeds the threshold,
   * which is what {@link DpHistogram}'s derivation needs (the rounding costs at most one unit of count).
   */
  boolean keepsCount(long releasedCount) {
    return strategy != SelectionStrategy.NOISY_COUNT_THRESHOLD || releasedCount > threshold + 0.5;
  }
}
