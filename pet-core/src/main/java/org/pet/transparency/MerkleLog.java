package org.pet.transparency;

import static org.pet.transparency.TransparencyChecks.checkClosed;
import static org.pet.transparency.TransparencyChecks.checkHash;
import static org.pet.transparency.TransparencyChecks.checkIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An append-only Merkle tree (RFC 9162 section 2.1) over leaf hashes held in memory, giving the root of the
 * tree of any earlier size and the inclusion and consistency proofs of RFC 9162 sections 2.1.3.1 (PATH) and
 * 2.1.4.1 (PROOF and SUBPROOF), which {@link MerkleTree} verifies.
 *
 * <p><b>Representation.</b> Level 0 holds the leaf hashes; level {@code h} holds the hash of every complete
 * subtree of {@code 2^h} leaves aligned at a multiple of {@code 2^h} (node {@code j} covers leaves
 * {@code [j 2^h, (j + 1) 2^h)}), so level {@code h} of a log of {@code n} leaves holds {@code n >> h} nodes.
 * Each level is a list of fixed-size chunks of 32-byte hashes (no object per hash): about 64 bytes per leaf
 * in all, and no chunk is ever copied once full.
 *
 * <p><b>Cost.</b> {@link #append} hashes each new complete subtree once: one hash per leaf amortised, at
 * most {@code log2 n} for one append; it never rehashes the tree. The tree of any size {@code s} is the
 * combination of at most {@code log2 s} stored complete subtrees (the binary digits of {@code s}), so
 * {@link #root(long)} costs O(log n) hashes and a proof O(log^2 n), without reading the leaves.
 *
 * <p>Not thread-safe: the owner serialises access (the server appends under its log lock).
 */
public final class MerkleLog {

  private final List<HashArray> levels = new ArrayList<>();
  private final Sha256 sha = new Sha256();
  private long size;

  /** An empty log. */
  public MerkleLog() {
    levels.add(new HashArray());
  }

  /**
   * Appends a leaf hash ({@link MerkleTree#leafHash} of the leaf data, e.g. {@link LogEntry#leafHash()}).
   *
   * @throws IllegalArgumentException if {@code leafHash} is null or not 32 bytes
   * @throws IllegalStateException if the log holds 2^41 - 2^10 leaves already (far beyond memory)
   */
  public void append(byte[] leafHash) {
    checkHash("leafHash", leafHash);
    if (size == HashArray.MAX_COUNT) {
      throw new IllegalStateException("the log is full at " + size + " leaves");
    }
    levels.get(0).add(leafHash, 0);
    size++;
    // Level h gains a node whenever its node count becomes even: the last two nodes form a complete pair.
    for (int h = 0; ((size >>> h) & 1) == 0; h++) {
      if (levels.size() == h + 1) {
        levels.add(new HashArray());
      }
      HashArray level = levels.get(h);
      long right = level.count() - 1;
      levels.get(h + 1).addNode(sha, level, right - 1, right);
    }
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /**
   * A copy of the leaf hash at {@code index}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size()}
   */
  public byte[] leafHash(long index) {
    checkIndex("index", index, 0, size);
    return levels.get(0).get(index);
  }

  /** The root hash of the whole tree; {@link MerkleTree#emptyRoot()} when empty. */
  public byte[] root() {
    return root(size);
  }

  /**
   * The root hash of the tree of the first {@code size} leaves, as {@link MerkleTree#root} of those leaf
   * hashes would compute it. O(log n).
   *
   * @throws IllegalArgumentException unless {@code 0 <= size <= size()}
   */
  public byte[] root(long size) {
    checkClosed("size", size, 0, this.size);
    return size == 0 ? MerkleTree.emptyRoot() : subtreeHash(0, size);
  }

  /**
   * The inclusion proof PATH(index, D[treeSize]) of RFC 9162 section 2.1.3.1: the sibling hashes from the
   * leaf up to the root of the tree of the first {@code treeSize} leaves; empty when {@code treeSize == 1}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize <= size()}
   */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    checkClosed("treeSize", treeSize, 0, size);
    checkIndex("index", index, 0, treeSize);
    List<byte[]> path = new ArrayList<>();
    for (long[] range : MerkleTree.auditPathRanges(index, treeSize)) {
      path.add(subtreeHash(range[0], range[1] - range[0]));
    }
    return Collections.unmodifiableList(path);
  }

  /**
   * The consistency proof PROOF(fromSize, D[toSize]) of RFC 9162 section 2.1.4.1, showing that the tree of
   * the first {@code toSize} leaves extends that of the first {@code fromSize}. Empty when
   * {@code fromSize == 0} or {@code fromSize == toSize}, the cases {@link MerkleTree#verifyConsistency}
   * accepts with an empty proof.
   *
   * @throws IllegalArgumentException unless {@code 0 <= fromSize <= toSize <= size()}
   */
  public List<byte[]> consistencyProof(long fromSize, long toSize) {
    checkClosed("toSize", toSize, 0, size);
    checkClosed("fromSize", fromSize, 0, toSize);
    if (fromSize == 0 || fromSize == toSize) {
      return List.of();
    }
    // SUBPROOF(m, D[offset : offset + n], b), unrolled; the nodes are collected root first.
    List<byte[]> topDown = new ArrayList<>();
    long offset = 0;
    long n = toSize;
    long m = fromSize;
    boolean wholeOldTree = true;
    while (m < n) {
      long k = Long.highestOneBit(n - 1);
      if (m <= k) {
        topDown.add(subtreeHash(offset + k, n - k));
        n = k;
      } else {
        topDown.add(subtreeHash(offset, k));
        offset += k;
        m -= k;
        n -= k;
        wholeOldTree = false;
      }
    }
    if (!wholeOldTree) {
      topDown.add(subtreeHash(offset, m));
    }
    Collections.reverse(topDown);
    return Collections.unmodifiableList(topDown);
  }

  /**
   * Drops the leaves from {@code newSize} on (a tail that was appended but not committed). Later appends
   * and roots are as if those leaves had never been appended.
   *
   * @throws IllegalArgumentException unless {@code 0 <= newSize <= size()}
   */
  public void truncate(long newSize) {
    checkClosed("newSize", newSize, 0, size);
    int keptLevels = Math.max(1, 64 - Long.numberOfLeadingZeros(newSize));
    while (levels.size() > keptLevels) {
      levels.remove(levels.size() - 1);
    }
    for (int h = 0; h < levels.size(); h++) {
      levels.get(h).truncate(newSize >>> h);
    }
    size = newSize;
  }

  /**
   * MTH of the {@code n >= 1} leaves from {@code offset}, where {@code offset} is a multiple of the smallest
   * power of two {@code >= n} (true of every subtree that RFC 9162's recursive definitions split off). Such
   * a range is the concatenation of the stored complete subtrees given by the binary digits of {@code n},
   * largest first, each aligned; MTH combines them from the right.
   */
  private byte[] subtreeHash(long offset, long n) {
    int parts = Long.bitCount(n);
    long[] starts = new long[parts];
    int[] heights = new int[parts];
    long start = offset;
    for (int i = 0; i < parts; i++) {
      int h = 63 - Long.numberOfLeadingZeros(n);
      starts[i] = start;
      heights[i] = h;
      start += 1L << h;
      n -= 1L << h;
    }
    byte[] hash = levels.get(heights[parts - 1]).get(starts[parts - 1] >>> heights[parts - 1]);
    for (int i = parts - 2; i >= 0; i--) {
      hash = sha.node(levels.get(heights[i]).get(starts[i] >>> heights[i]), hash);
    }
    return hash;
  }

  /**
   * A growable array of 32-byte hashes in chunks of {@link #CHUNK} hashes; only the first chunk is resized
   * (doubling up to a full chunk), so small logs stay small and large ones never copy a full chunk.
   */
  static final class HashArray {

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int FIRST_CHUNK = 8;

    /** The most hashes one array holds (chunk numbers are {@code int}s). */
    static final long MAX_COUNT = (long) Integer.MAX_VALUE << CHUNK_BITS;

    private byte[][] chunks = new byte[1][];
    private long count;

    long count() {
      return count;
    }

    /** A copy of hash {@code i < count()}. */
    byte[] get(long i) {
      int offset = offset(i);
      return Arrays.copyOfRange(chunk(i), offset, offset + Sha256.LENGTH);
    }

    /** Appends the 32 bytes of {@code source} from {@code sourceOffset}. */
    void add(byte[] source, int sourceOffset) {
      long i = reserve();
      System.arraycopy(source, sourceOffset, chunk(i), offset(i), Sha256.LENGTH);
    }

    /** Appends the node hash of {@code children}'s hashes {@code left} and {@code right}. */
    void addNode(Sha256 sha, HashArray children, long left, long right) {
      long i = reserve();
      sha.node(children.chunk(left), children.offset(left), children.chunk(right), children.offset(right),
          chunk(i), offset(i));
    }

    /** Keeps the first {@code newCount} hashes and releases the chunks after them. */
    void truncate(long newCount) {
      int keptChunks = (int) ((newCount + CHUNK - 1) >>> CHUNK_BITS);
      for (int c = Math.max(1, keptChunks); c < chunks.length; c++) {
        chunks[c] = null;
      }
      count = newCount;
    }

    private long reserve() {
      long i = count;
      int c = (int) (i >>> CHUNK_BITS);
      if (c == chunks.length) {
        chunks = Arrays.copyOf(chunks, Math.max(2 * chunks.length, c + 1));
      }
      int needed = (int) (i & (CHUNK - 1)) * Sha256.LENGTH + Sha256.LENGTH;
      if (chunks[c] == null) {
        chunks[c] = new byte[(c == 0 ? FIRST_CHUNK : CHUNK) * Sha256.LENGTH];
      } else if (chunks[c].length < needed) {
        chunks[c] = Arrays.copyOf(chunks[c], Math.min(2 * chunks[c].length, CHUNK * Sha256.LENGTH));
      }
      count = i + 1;
      return i;
    }

    private byte[] chunk(long i) {
      return chunks[(int) (i >>> CHUNK_BITS)];
    }

    private static int offset(long i) {
      return (int) (i & (CHUNK - 1)) * Sha256.LENGTH;
    }
  }
}
