package org.pet.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 section 2.1 written as literally as the RFC states it - recursive MTH, PATH and SUBPROOF over
 * sublists - as the model the optimised {@link MerkleLog} and {@link MerkleTree} are checked against.
 * Quadratic and slow on purpose; tests only.
 */
final class ReferenceMerkle {

  private ReferenceMerkle() {}

  /** MTH(D[n]) over leaf hashes (section 2.1.1). */
  static byte[] mth(List<byte[]> leaves) {
    int n = leaves.size();
    if (n == 0) {
      return MerkleTree.emptyRoot();
    }
    if (n == 1) {
      return leaves.get(0);
    }
    int k = largestPowerOfTwoBelow(n);
    return MerkleTree.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
  }

  /** PATH(m, D[n]) (section 2.1.3.1). */
  static List<byte[]> path(int m, List<byte[]> leaves) {
    int n = leaves.size();
    List<byte[]> result = new ArrayList<>();
    if (n == 1) {
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      result.addAll(path(m, leaves.subList(0, k)));
      result.add(mth(leaves.subList(k, n)));
    } else {
      result.addAll(path(m - k, leaves.subList(k, n)));
      result.add(mth(leaves.subList(0, k)));
    }
    return result;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) for 0 < m < n (section 2.1.4.1). */
  static List<byte[]> proof(int m, List<byte[]> leaves) {
    return subproof(m, leaves, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean b) {
    int n = leaves.size();
    List<byte[]> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(leaves));
      }
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      result.addAll(subproof(m, leaves.subList(0, k), b));
      result.add(mth(leaves.subList(k, n)));
    } else {
      result.addAll(subproof(m - k, leaves.subList(k, n), false));
      result.add(mth(leaves.subList(0, k)));
    }
    return result;
  }

  /**
   * The shape of PATH(m, D[n]) from the leaf up: for each proof node, whether it is the left sibling. A
   * verifier sees only this shape, so a proof verifies for every size with the same shape (e.g. leaf 0 of
   * a tree of 3 or 4 leaves): the tree size must come from a signed checkpoint, not from the prover.
   */
  static List<Boolean> inclusionShape(long m, long n) {
    List<Boolean> topDown = new ArrayList<>();
    while (n > 1) {
      long k = Long.highestOneBit(n - 1);
      topDown.add(m >= k);
      if (m < k) {
        n = k;
      } else {
        m -= k;
        n -= k;
      }
    }
    java.util.Collections.reverse(topDown);
    return topDown;
  }

  /**
   * The shape of PROOF(m, D[n]) as a verifier sees it: whether the old root is the first proof node (m not
   * a power of two) and, for the remaining nodes from the bottom up, whether each is a left sibling (which
   * both the old and the new root take in) or a right one (only the new root).
   */
  static List<Boolean> consistencyShape(long m, long n) {
    List<Boolean> topDown = new ArrayList<>();
    boolean b = true;
    while (m < n) {
      long k = Long.highestOneBit(n - 1);
      topDown.add(m > k);
      if (m <= k) {
        n = k;
      } else {
        m -= k;
        n -= k;
        b = false;
      }
    }
    topDown.add(b);
    java.util.Collections.reverse(topDown);
    return topDown;
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
