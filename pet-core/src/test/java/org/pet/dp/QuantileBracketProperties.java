package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link QuantileBracket} on exact trees: whenever every node's interval holds its true count, the span
 * holds the quantile's leaf; with zero-width intervals it holds only leaves that can be the quantile's.
 */
class QuantileBracketProperties {

  /** A tree of b^h leaves with random counts, at least one entry in all. */
  record Tree(int height, int branching, long[] leaves) {

    static Tree random(int height, int branching, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      long[] leaves = new long[(int) Math.pow(branching, height)];
      for (int i = 0; i < leaves.length; i++) {
        // Many empty leaves and a few heavy ones, so ranks fall on leaf boundaries and gaps.
        leaves[i] = random.nextInt(3) == 0 ? random.nextLong(20) : 0;
      }
      leaves[random.nextInt(leaves.length)]++;
      return new Tree(height, branching, leaves);
    }

    long count(int level, long index) {
      long span = (long) Math.pow(branching, height - level);
      long total = 0;
      for (long leaf = index * span; leaf < (index + 1) * span; leaf++) {
        total += leaves[(int) leaf];
      }
      return total;
    }

    long entries() {
      return count(0, 0);
    }

    /** Entries in the leaves before {@code leaf}. */
    long before(int leaf) {
      long total = 0;
      for (int i = 0; i < leaf; i++) {
        total += leaves[i];
      }
      return total;
    }

    /** The leaf of the order statistic max(1, ceil(rank n)). */
    int quantileLeaf(double rank) {
      long target = Math.max(1, new BigDecimal(rank).multiply(BigDecimal.valueOf(entries()))
          .setScale(0, RoundingMode.CEILING).longValueExact());
      int leaf = 0;
      while (before(leaf + 1) < target) {
        leaf++;
      }
      return leaf;
    }

    /** First and last leaf of a span. */
    long[] leaves(QuantileBracket.Span span) {
      long perNode = (long) Math.pow(branching, height - span.level());
      return new long[] {span.first() * perNode, (span.last() + 1) * perNode - 1};
    }
  }

  @Property(tries = 500)
  void search_intervalsHoldingTheTrueCounts_spanHoldsTheQuantileLeaf(
      @ForAll @IntRange(min = 1, max = 3) int height, @ForAll @IntRange(min = 2, max = 4) int branching,
      @ForAll @DoubleRange(min = 0, max = 1) double rank, @ForAll @DoubleRange(min = 0, max = 30) double width,
      @ForAll long seed) {
    Tree tree = Tree.random(height, branching, seed);
    SplittableRandom offsets = new SplittableRandom(seed + 1);
    QuantileBracket.Span span = QuantileBracket.search(height, branching, rank, (level, index) -> {
      double count = tree.count(level, index);
      double below = offsets.nextDouble() * width;
      return new ConfidenceInterval(Math.max(0, count - below), count + (width - below));
    });
    long[] leaves = tree.leaves(span);
    assertThat(tree.quantileLeaf(rank)).isBetween((int) leaves[0], (int) leaves[1]);
  }

  @Property(tries = 500)
  void search_exactIntervals_spanHoldsOnlyLeavesThatCanBeTheQuantiles(
      @ForAll @IntRange(min = 1, max = 3) int height, @ForAll @IntRange(min = 2, max = 4) int branching,
      @ForAll @DoubleRange(min = 0, max = 1) double rank, @ForAll long seed) {
    Tree tree = Tree.random(height, branching, seed);
    QuantileBracket.Span span = QuantileBracket.search(height, branching, rank,
        (level, index) -> new ConfidenceInterval(tree.count(level, index), tree.count(level, index)));
    assertThat(span.level()).isEqualTo(height);
    double target = rank * tree.entries();
    for (long leaf = span.first(); leaf <= span.last(); leaf++) {
      assertThat((double) tree.before((int) leaf)).isLessThanOrEqualTo(target * (1 + 1e-9));
      assertThat((double) tree.before((int) leaf + 1)).isGreaterThanOrEqualTo(target * (1 - 1e-9));
    }
    assertThat(tree.quantileLeaf(rank)).isBetween((int) span.first(), (int) span.last());
  }
}
