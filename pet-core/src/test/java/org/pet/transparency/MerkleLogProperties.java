package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link MerkleLog} and {@link MerkleTree} against {@link ReferenceMerkle}, the RFC's recursive definitions
 * run literally, over random logs of 1 to 300 leaves; and every tampering with a proof, leaf, root, index
 * or size rejected.
 */
class MerkleLogProperties {

  @Property(tries = 40)
  void root_everyPrefix_equalsMthOfThatPrefix(@ForAll("leafHashes") List<byte[]> leaves) {
    MerkleLog log = logOf(leaves);

    assertThat(log.root()).isEqualTo(MerkleTree.root(leaves));
    for (int k = 0; k <= leaves.size(); k++) {
      byte[] expected = ReferenceMerkle.mth(leaves.subList(0, k));
      assertThat(log.root(k)).as("size %d", k).isEqualTo(expected);
      assertThat(MerkleTree.root(leaves.subList(0, k))).as("size %d", k).isEqualTo(expected);
    }
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(log.leafHash(i)).isEqualTo(leaves.get(i));
    }
  }

  @Property(tries = 15)
  void inclusionProof_everyIndexAndSize_isRfcPathAndVerifies(@ForAll("leafHashes") List<byte[]> leaves) {
    MerkleLog log = logOf(leaves);
    for (int size = 1; size <= leaves.size(); size++) {
      byte[] root = log.root(size);
      for (int i = 0; i < size; i++) {
        List<byte[]> proof = log.inclusionProof(i, size);
        assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, size, proof, root)).as("%d in %d", i, size)
            .isTrue();
        if (size <= 40) {
          assertThat(proof).containsExactlyElementsOf(ReferenceMerkle.path(i, leaves.subList(0, size)));
          List<long[]> ranges = MerkleTree.auditPathRanges(i, size);
          assertThat(ranges).hasSameSizeAs(proof);
          for (int h = 0; h < ranges.size(); h++) {
            long[] range = ranges.get(h);
            assertThat(proof.get(h)).as("hash %d of %d in %d", h, i, size)
                .isEqualTo(MerkleTree.root(leaves.subList((int) range[0], (int) range[1])));
          }
        }
      }
    }
  }

  @Property(tries = 15)
  void consistencyProof_everyPairOfSizes_isRfcProofAndVerifies(@ForAll("leafHashes") List<byte[]> leaves) {
    MerkleLog log = logOf(leaves);
    for (int to = 0; to <= leaves.size(); to++) {
      byte[] toRoot = log.root(to);
      for (int from = 0; from <= to; from++) {
        List<byte[]> proof = log.consistencyProof(from, to);
        assertThat(MerkleTree.verifyConsistency(from, to, log.root(from), toRoot, proof))
            .as("%d to %d", from, to).isTrue();
        if (to <= 40 && from > 0 && from < to) {
          assertThat(proof).containsExactlyElementsOf(ReferenceMerkle.proof(from, leaves.subList(0, to)));
        }
      }
    }
  }

  @Property(tries = 200)
  void verifyInclusion_anyTampering_false(@ForAll("leafHashes") List<byte[]> leaves,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int a,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int b) {
    MerkleLog log = logOf(leaves);
    int size = 1 + a % leaves.size();
    int index = b % size;
    byte[] leaf = leaves.get(index);
    byte[] root = log.root(size);
    List<byte[]> proof = log.inclusionProof(index, size);

    for (int e = 0; e < proof.size(); e++) {
      for (int j = 0; j < 32; j++) {
        assertThat(MerkleTree.verifyInclusion(leaf, index, size, flipped(proof, e, j), root)).isFalse();
      }
    }
    for (int j = 0; j < 32; j++) {
      assertThat(MerkleTree.verifyInclusion(flipped(leaf, j), index, size, proof, root)).isFalse();
      assertThat(MerkleTree.verifyInclusion(leaf, index, size, proof, flipped(root, j))).isFalse();
    }
    for (long otherIndex : new long[] {index - 1, index + 1, index ^ 1, index ^ 2, size, -1}) {
      if (otherIndex != index) {
        assertThat(MerkleTree.verifyInclusion(leaf, otherIndex, size, proof, root)).as("index %d", otherIndex)
            .isFalse();
      }
    }
    // A wrong size fails unless it gives the proof the same shape (then the size was never in question).
    for (long otherSize : new long[] {size - 1, size + 1, 2L * size, size / 2, index, size + 64}) {
      if (otherSize != size) {
        boolean sameShape = otherSize > index
            && ReferenceMerkle.inclusionShape(index, otherSize).equals(ReferenceMerkle.inclusionShape(index, size));
        assertThat(MerkleTree.verifyInclusion(leaf, index, otherSize, proof, root)).as("size %d", otherSize)
            .isEqualTo(sameShape);
      }
    }
    assertThat(MerkleTree.verifyInclusion(leaf, index, size + Long.highestOneBit(size) * 2, proof, root)).isFalse();
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(root);
    assertThat(MerkleTree.verifyInclusion(leaf, index, size, longer, root)).isFalse();
    if (!proof.isEmpty()) {
      assertThat(MerkleTree.verifyInclusion(leaf, index, size, proof.subList(1, proof.size()), root)).isFalse();
      assertThat(MerkleTree.verifyInclusion(leaf, index, size, proof.subList(0, proof.size() - 1), root)).isFalse();
    }
  }

  @Property(tries = 200)
  void verifyConsistency_anyTampering_false(@ForAll("leafHashes") List<byte[]> leaves,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int a,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int b) {
    MerkleLog log = logOf(leaves);
    int to = 1 + a % leaves.size();
    int from = 1 + b % to;
    byte[] fromRoot = log.root(from);
    byte[] toRoot = log.root(to);
    List<byte[]> proof = log.consistencyProof(from, to);

    for (int e = 0; e < proof.size(); e++) {
      for (int j = 0; j < 32; j++) {
        assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, toRoot, flipped(proof, e, j))).isFalse();
      }
    }
    for (int j = 0; j < 32; j++) {
      assertThat(MerkleTree.verifyConsistency(from, to, flipped(fromRoot, j), toRoot, proof)).isFalse();
      assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, flipped(toRoot, j), proof)).isFalse();
    }
    // Other sizes fail unless they give the proof the same shape (then the sizes were never in question).
    for (long otherFrom : new long[] {from - 1, from + 1, from ^ 1, 2L * from, to + 1L}) {
      if (otherFrom != from && otherFrom > 0) {
        assertThat(MerkleTree.verifyConsistency(otherFrom, to, fromRoot, toRoot, proof)).as("from %d", otherFrom)
            .isEqualTo(sameConsistencyShape(otherFrom, to, from, to));
      }
    }
    for (long otherTo : new long[] {to - 1, to + 1, to ^ 1, 2L * to, to + 64}) {
      if (otherTo != to && otherTo >= 0) {
        assertThat(MerkleTree.verifyConsistency(from, otherTo, fromRoot, toRoot, proof)).as("to %d", otherTo)
            .isEqualTo(sameConsistencyShape(from, otherTo, from, to));
      }
    }
    if (from < to) {
      assertThat(MerkleTree.verifyConsistency(from, to, toRoot, fromRoot, proof)).isFalse();
      List<byte[]> longer = new ArrayList<>(proof);
      longer.add(toRoot);
      assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, toRoot, longer)).isFalse();
      assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, toRoot, proof.subList(1, proof.size())))
          .isFalse();
      assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, toRoot, proof.subList(0, proof.size() - 1)))
          .isFalse();
    }
  }

  @Property(tries = 100)
  void truncate_thenReappend_givesTheSameTree(@ForAll("leafHashes") List<byte[]> leaves,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int a) {
    MerkleLog log = logOf(leaves);
    int cut = a % (leaves.size() + 1);

    log.truncate(cut);
    assertThat(log.size()).isEqualTo(cut);
    assertThat(log.root()).isEqualTo(MerkleTree.root(leaves.subList(0, cut)));
    for (byte[] leaf : leaves.subList(cut, leaves.size())) {
      log.append(leaf);
    }

    assertThat(log.size()).isEqualTo(leaves.size());
    for (int k = 0; k <= leaves.size(); k++) {
      assertThat(log.root(k)).as("size %d", k).isEqualTo(ReferenceMerkle.mth(leaves.subList(0, k)));
    }
  }

  @Property(tries = 100)
  void truncate_thenAppendOtherLeaves_equalsAFreshLog(@ForAll("leafHashes") List<byte[]> leaves,
      @ForAll("leafHashes") List<byte[]> others, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int a) {
    MerkleLog log = logOf(leaves);
    int cut = a % (leaves.size() + 1);
    List<byte[]> expected = new ArrayList<>(leaves.subList(0, cut));
    expected.addAll(others);

    log.truncate(cut);
    others.forEach(log::append);

    MerkleLog fresh = logOf(expected);
    for (int k = 0; k <= expected.size(); k++) {
      assertThat(log.root(k)).as("size %d", k).isEqualTo(fresh.root(k));
    }
    int last = expected.size() - 1;
    assertThat(log.inclusionProof(last, expected.size())).containsExactlyElementsOf(
        fresh.inclusionProof(last, expected.size()));
  }

  /** 1 to 300 distinct leaf hashes: with equal leaves, a proof for one would be a proof for another. */
  @Provide
  Arbitrary<List<byte[]>> leafHashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).list().ofMinSize(1).ofMaxSize(300)
        .uniqueElements(java.nio.ByteBuffer::wrap);
  }

  /** Whether a verifier sees the same proof shape for the sizes (m, n) as for (from, to), both non-trivial. */
  private static boolean sameConsistencyShape(long m, long n, long from, long to) {
    return from < to && 0 < m && m < n
        && ReferenceMerkle.consistencyShape(m, n).equals(ReferenceMerkle.consistencyShape(from, to));
  }

  static MerkleLog logOf(List<byte[]> leaves) {
    MerkleLog log = new MerkleLog();
    leaves.forEach(log::append);
    return log;
  }

  private static List<byte[]> flipped(List<byte[]> proof, int element, int byteIndex) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.set(element, flipped(proof.get(element), byteIndex));
    return copy;
  }

  private static byte[] flipped(byte[] hash, int byteIndex) {
    byte[] copy = hash.clone();
    copy[byteIndex] ^= 0x01;
    return copy;
  }
}
