package org.pet.dp;

import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a quantile tree that can hold the rank-r quantile, given an interval for each node's true
 * count (used by {@link BoundedQuantiles#computeConfidenceInterval}).
 *
 * <p>With n entries, the quantile lies in the leaf k* where the entries of the leaves before it are at most
 * r n and those up to its end at least r n. For a node v, let L, B and R be the entries left of v, in v,
 * and right of v: L and R are sums over the siblings left (right) of v and of each of its ancestors, B is
 * v's count, and n = L + B + R. v is a <em>candidate</em> when some counts within the intervals allow
 * L &lt;= r n &lt;= L + B, which holds iff (1 - r) Lmin &lt;= r (Rmax + Bmax) and
 * (1 - r) (Lmax + Bmax) &gt;= r Rmin (take B = Bmax; then (1 - r) L must meet [r R - (1 - r) Bmax,
 * r R + r Bmax] for some R, and those intervals sweep [r Rmin - (1 - r) Bmax, r Rmax + r Bmax]). Every
 * ancestor of k* passes this test with its true counts, so whenever the intervals of the children of k*'s
 * ancestors all hold, every ancestor of k* is a candidate. The search descends level by level keeping the
 * candidate children of candidates, and so keeps k*'s ancestors whenever those intervals hold.
 */
final class QuantileBracket {

  /** Above this many candidates at one level the search stops descending, bounding its cost. */
  static final int MAX_CANDIDATES = 64;

  /** Relative tolerance of the tests, so floating-point rounding never drops a candidate. */
  private static final double TOLERANCE = 0x1p-40;

  private QuantileBracket() {}

  /** The interval, within [0, inf), of the true count of node {@code index} at {@code level} (1 = top). */
  interface NodeIntervals {
    ConfidenceInterval of(int level, long index);
  }

  /** Nodes {@code first..last} at {@code level} (0 = the root). */
  record Span(int level, long first, long last) {}

  /** A candidate and the smallest and largest entry counts left and right of it. */
  private record Candidate(long index, double leftMin, double leftMax, double rightMin, double rightMax) {}

  /**
   * Returns the span of the candidates at the deepest level reached: the leaves, the first level with more
   * than {@link #MAX_CANDIDATES} candidates, or - if a level has none, which happens only when some interval
   * misses - the level above it.
   */
  static Span search(int height, int branching, double rank, NodeIntervals intervals) {
    List<Candidate> frontier = List.of(new Candidate(0, 0, 0, 0, 0));
    for (int level = 1; level <= height; level++) {
      List<Candidate> next = new ArrayList<>();
      for (Candidate parent : frontier) {
        addCandidateChildren(parent, level, branching, rank, intervals, next);
      }
      if (next.isEmpty()) {
        return span(level - 1, frontier);
      }
      if (next.size() > MAX_CANDIDATES || level == height) {
        return span(level, next);
      }
      frontier = next;
    }
    throw new IllegalArgumentException("`height` must be >= 1, was " + height);
  }

  private static void addCandidateChildren(Candidate parent, int level, int branching, double rank,
      NodeIntervals intervals, List<Candidate> next) {
    double[] min = new double[branching];
    double[] max = new double[branching];
    for (int i = 0; i < branching; i++) {
      ConfidenceInterval interval = intervals.of(level, parent.index() * branching + i);
      min[i] = interval.lowerBound();
      max[i] = interval.upperBound();
    }
    // Suffix sums, so that no bound is computed by a (rounding) subtraction.
    double[] rightMin = new double[branching + 1];
    double[] rightMax = new double[branching + 1];
    for (int i = branching - 1; i >= 0; i--) {
      rightMin[i] = rightMin[i + 1] + min[i];
      rightMax[i] = rightMax[i + 1] + max[i];
    }
    double leftMin = parent.leftMin();
    double leftMax = parent.leftMax();
    for (int i = 0; i < branching; i++) {
      Candidate child = new Candidate(parent.index() * branching + i, leftMin, leftMax,
          parent.rightMin() + rightMin[i + 1], parent.rightMax() + rightMax[i + 1]);
      if (isCandidate(child, max[i], rank)) {
        next.add(child);
      }
      leftMin += min[i];
      leftMax += max[i];
    }
  }

  private static boolean isCandidate(Candidate node, double countMax, double rank) {
    return atMost((1 - rank) * node.leftMin(), rank * (node.rightMax() + countMax))
        && atMost(rank * node.rightMin(), (1 - rank) * (node.leftMax() + countMax));
  }

  private static boolean atMost(double a, double b) {
    return a <= b + TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  }

  private static Span span(int level, List<Candidate> candidates) {
    return new Span(level, candidates.get(0).index(), candidates.get(candidates.size() - 1).index());
  }
}
