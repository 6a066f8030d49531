package org.pet.transparency;

import static org.pet.transparency.TransparencyChecks.checkNotNull;
import static org.pet.transparency.TransparencyChecks.require;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The Merkle tree hash of RFC 9162 (Certificate Transparency 2.0) section 2.1 with SHA-256, and the
 * verification of its inclusion and consistency proofs. Static and pure; safe from any thread.
 *
 * <p>Hashes are 32 bytes. A leaf hash is {@code SHA-256(0x00 || leaf data)}, an interior node hash
 * {@code SHA-256(0x01 || left || right)}; the hash of a tree of {@code n > 1} leaves splits them at
 * {@code k}, the largest power of two below {@code n}. The domain separation makes a leaf and an interior
 * node never collide, so a proof cannot present a node as a leaf.
 *
 * <p>The verifiers return {@code false} (never throw) for anything that is not a valid proof of the
 * claim: wrong hashes, wrong lengths, indices out of range, too short or too long paths, {@code null}s.
 * {@link MerkleLog} produces the proofs.
 */
public final class MerkleTree {

  private static final byte[] EMPTY_ROOT = new Sha256().digest(new byte[0]);

  private MerkleTree() {}

  /** {@code SHA-256(0x00 || leafData)}, the hash of one leaf (RFC 9162 section 2.1.1). */
  public static byte[] leafHash(byte[] leafData) {
    return new Sha256().leaf(checkNotNull("leafData", leafData));
  }

  /**
   * {@code SHA-256(0x01 || left || right)}, the hash of an interior node (RFC 9162 section 2.1.1).
   *
   * @throws IllegalArgumentException if a child is not 32 bytes
   */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    return new Sha256().node(TransparencyChecks.checkHash("left", left), TransparencyChecks.checkHash("right", right));
  }

  /** The hash of the empty tree: SHA-256 of the empty string, {@code e3b0c442...b855}. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  /**
   * The Merkle tree hash MTH of RFC 9162 section 2.1.1 over the given leaf hashes, in order: the
   * {@link #emptyRoot()} for none, the leaf hash itself for one. Linear time; keeps O(log n) hashes.
   *
   * @throws IllegalArgumentException if the list or an element is null or an element is not 32 bytes
   */
  public static byte[] root(List<byte[]> leafHashes) {
    checkNotNull("leafHashes", leafHashes);
    if (leafHashes.isEmpty()) {
      return emptyRoot();
    }
    Sha256 sha = new Sha256();
    // The complete subtrees of the leaves so far, largest (leftmost) at the bottom: the binary
    // decomposition of the count. Adding leaf number c merges as many times as c has trailing zeros.
    Deque<byte[]> stack = new ArrayDeque<>();
    long count = 0;
    for (byte[] leaf : leafHashes) {
      String name = "leafHashes[" + count + "]";
      require(leaf != null, name, "32 bytes", "null");
      byte[] hash = TransparencyChecks.checkHash(name, leaf).clone();
      count++;
      for (long c = count; (c & 1) == 0; c >>>= 1) {
        hash = sha.node(stack.pop(), hash);
      }
      stack.push(hash);
    }
    byte[] root = stack.pop();
    while (!stack.isEmpty()) {
      root = sha.node(stack.pop(), root);
    }
    return root;
  }

  /**
   * The leaves each hash of the inclusion proof PATH(index, D[treeSize]) covers (RFC 9162 2.1.3.1), in the
   * proof's order, from the leaf's sibling up: element i is {@code {start, end}}, the subtree of leaves
   * start to end - 1 whose hash is the proof's i-th. An auditor holding the leaves compares each proof hash
   * with the root of its range to find which range differs.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize}
   */
  public static List<long[]> auditPathRanges(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("`index` must be in [0, " + treeSize + "), was " + index);
    }
    List<long[]> topDown = new ArrayList<>();
    long offset = 0;
    long n = treeSize;
    long m = index;
    while (n > 1) {
      long k = Long.highestOneBit(n - 1);
      if (m < k) {
        topDown.add(new long[] {offset + k, offset + n});
        n = k;
      } else {
        topDown.add(new long[] {offset, offset + k});
        offset += k;
        m -= k;
        n -= k;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /**
   * Verifies an inclusion proof (audit path) with the algorithm of RFC 9162 section 2.1.3.2: that the leaf
   * with hash {@code leafHash} is at {@code index} in the tree of {@code treeSize} leaves whose hash is
   * {@code root}. The path lists sibling hashes from the leaf upwards, as {@link MerkleLog#inclusionProof}
   * returns them.
   *
   * <p>The proof binds the leaf to the index and the root. The tree size only shapes the path, and sizes that
   * give the same shape pass alike (leaf 0 of 3 leaves and of 4, say): take {@code treeSize} and
   * {@code root} together from a signed {@link Checkpoint}, never from the party presenting the proof.
   *
   * @return true exactly when the proof is valid; false for any malformed input, never an exception
   */
  public static boolean verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> path, byte[] root) {
    if (!isHash(leafHash) || !isHash(root) || !isHashList(path) || index < 0 || index >= treeSize) {
      return false;
    }
    Sha256 sha = new Sha256();
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash.clone();
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = sha.node(p, r);
        if ((fn & 1) == 0) {
          // fn is the last node of its level and has no right sibling: climb until it is a right child.
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = sha.node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * Verifies a consistency proof with the algorithm of RFC 9162 section 2.1.4.2: that the tree of
   * {@code toSize} leaves with hash {@code toRoot} extends the tree of {@code fromSize} leaves with hash
   * {@code fromRoot} (the first {@code fromSize} leaves are the same). The edge cases outside the RFC's
   * {@code 0 < fromSize < toSize}: {@code fromSize == toSize} needs an empty proof and equal roots;
   * {@code fromSize == 0} needs an empty proof and {@code fromRoot} equal to {@link #emptyRoot()} (every
   * tree extends the empty one).
   *
   * @return true exactly when the proof is valid; false for any malformed input, never an exception
   */
  public static boolean verifyConsistency(long fromSize, long toSize, byte[] fromRoot, byte[] toRoot,
      List<byte[]> proof) {
    if (!isHash(fromRoot) || !isHash(toRoot) || !isHashList(proof) || fromSize < 0 || fromSize > toSize) {
      return false;
    }
    if (fromSize == toSize) {
      return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
    }
    if (fromSize == 0) {
      return proof.isEmpty() && MessageDigest.isEqual(fromRoot, EMPTY_ROOT);
    }
    if (proof.isEmpty()) {
      return false;
    }
    Sha256 sha = new Sha256();
    // Step 2: when the old tree is a complete subtree, its root is the first node of the path.
    boolean fromIsComplete = Long.bitCount(fromSize) == 1;
    long fn = fromSize - 1;
    long sn = toSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] first = fromIsComplete ? fromRoot : proof.get(0);
    byte[] fr = first.clone();
    byte[] sr = first.clone();
    for (int i = fromIsComplete ? 0 : 1; i < proof.size(); i++) {
      byte[] c = proof.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = sha.node(c, fr);
        sr = sha.node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = sha.node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
  }

  private static boolean isHash(byte[] hash) {
    return hash != null && hash.length == Sha256.LENGTH;
  }

  private static boolean isHashList(List<byte[]> hashes) {
    if (hashes == null) {
      return false;
    }
    for (byte[] hash : hashes) {
      if (!isHash(hash)) {
        return false;
      }
    }
    return true;
  }
}
