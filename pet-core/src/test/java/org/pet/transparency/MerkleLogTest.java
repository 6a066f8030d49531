package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MerkleLogTest {

  @Test
  void newLog_isEmptyWithTheEmptyRoot() {
    MerkleLog log = new MerkleLog();

    assertThat(log.size()).isZero();
    assertThat(log.root()).isEqualTo(MerkleTree.emptyRoot());
    assertThat(log.root(0)).isEqualTo(MerkleTree.emptyRoot());
    assertThat(log.consistencyProof(0, 0)).isEmpty();
  }

  @Test
  void logAcrossStorageChunks_rootsAndProofsAgreeWithMerkleTree() {
    List<byte[]> leaves = randomLeaves(5000, 7);
    MerkleLog log = MerkleLogProperties.logOf(leaves);

    long[] sizes = LongStream.concat(LongStream.rangeClosed(1020, 1030),
        LongStream.of(1, 2047, 2048, 2049, 3071, 3072, 4095, 4096, 4097, 5000)).toArray();
    for (long size : sizes) {
      byte[] root = MerkleTree.root(leaves.subList(0, (int) size));
      assertThat(log.root(size)).as("size %d", size).isEqualTo(root);
      for (long index : new long[] {0, size / 3, size - 1, 1023 % size, 1024 % size}) {
        assertThat(MerkleTree.verifyInclusion(leaves.get((int) index), index, size, log.inclusionProof(index, size),
            root)).as("%d in %d", index, size).isTrue();
      }
      for (long from : new long[] {1, size / 2, 1023 % size + 1, size}) {
        assertThat(MerkleTree.verifyConsistency(from, size, log.root(from), root, log.consistencyProof(from, size)))
            .as("%d to %d", from, size).isTrue();
      }
    }
  }

  @Test
  void truncate_acrossStorageChunks_thenReappend_sameRoots() {
    List<byte[]> leaves = randomLeaves(3000, 8);
    MerkleLog log = MerkleLogProperties.logOf(leaves);
    byte[] root = log.root();

    log.truncate(1000);
    assertThat(log.root()).isEqualTo(MerkleTree.root(leaves.subList(0, 1000)));
    leaves.subList(1000, 3000).forEach(log::append);
    assertThat(log.root()).isEqualTo(root);
    log.truncate(0);
    assertThat(log.root()).isEqualTo(MerkleTree.emptyRoot());
    leaves.forEach(log::append);
    assertThat(log.root()).isEqualTo(root);
    assertThat(log.root(2048)).isEqualTo(MerkleTree.root(leaves.subList(0, 2048)));
  }

  @Test
  void truncate_toTheSameSize_changesNothing() {
    List<byte[]> leaves = randomLeaves(10, 9);
    MerkleLog log = MerkleLogProperties.logOf(leaves);

    log.truncate(10);

    assertThat(log.size()).isEqualTo(10);
    assertThat(log.root()).isEqualTo(MerkleTree.root(leaves));
  }

  /**
   * RFC 9162 proofs bind a leaf to an index and a root; the tree size only shapes the path, and sizes with
   * the same shape cannot be told apart (here leaf 0 in trees of 3 and of 4 leaves). The size a verifier
   * checks against must come from a signed checkpoint.
   */
  @Test
  void verifyInclusion_sizeWithTheSameProofShape_cannotBeToldApart() {
    List<byte[]> leaves = randomLeaves(3, 10);
    MerkleLog log = MerkleLogProperties.logOf(leaves);
    List<byte[]> proof = log.inclusionProof(0, 3);

    assertThat(MerkleTree.verifyInclusion(leaves.get(0), 0, 4, proof, log.root(3))).isTrue();
    assertThat(MerkleTree.verifyInclusion(leaves.get(0), 0, 5, proof, log.root(3))).isFalse();
  }

  @Test
  void leafHash_returnsACopy() {
    MerkleLog log = MerkleLogProperties.logOf(randomLeaves(2, 11));
    byte[] first = log.leafHash(0);
    first[0] ^= 1;

    assertThat(log.leafHash(0)).isNotEqualTo(first);
  }

  @Test
  void append_copiesTheCallersArray() {
    byte[] leaf = new byte[32];
    MerkleLog log = new MerkleLog();
    log.append(leaf);
    leaf[0] = 1;

    assertThat(log.leafHash(0)).isEqualTo(new byte[32]);
  }

  @Test
  void proofs_areUnmodifiable() {
    MerkleLog log = MerkleLogProperties.logOf(randomLeaves(5, 12));

    assertThatThrownBy(() -> log.inclusionProof(1, 5).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> log.consistencyProof(3, 5).clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void append_notAHash_rejected() {
    MerkleLog log = new MerkleLog();

    assertThatThrownBy(() -> log.append(new byte[31])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`leafHash` must be 32 bytes, was 31 bytes");
    assertThatThrownBy(() -> log.append(new byte[33])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`leafHash` must be 32 bytes, was 33 bytes");
    assertThatThrownBy(() -> log.append(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`leafHash` must not be null");
    assertThat(log.size()).isZero();
  }

  @Test
  void leafHash_indexOutOfRange_rejected() {
    MerkleLog log = MerkleLogProperties.logOf(randomLeaves(5, 13));

    assertThatThrownBy(() -> log.leafHash(7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`index` must be in [0, 5), was 7");
    assertThatThrownBy(() -> log.leafHash(5)).hasMessage("`index` must be in [0, 5), was 5");
    assertThatThrownBy(() -> log.leafHash(-1)).hasMessage("`index` must be in [0, 5), was -1");
  }

  @Test
  void root_sizeOutOfRange_rejected() {
    MerkleLog log = MerkleLogProperties.logOf(randomLeaves(5, 14));

    assertThatThrownBy(() -> log.root(6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`size` must be in [0, 5], was 6");
    assertThatThrownBy(() -> log.root(-1)).hasMessage("`size` must be in [0, 5], was -1");
  }

  @Test
  void inclusionProof_argumentsOutOfRange_rejected() {
    MerkleLog log = MerkleLogProperties.logOf(randomLeaves(5, 15));

    assertThatThrownBy(() -> log.inclusionProof(0, 6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`treeSize` must be in [0, 5], was 6");
    assertThatThrownBy(() -> log.inclusionProof(3, 3)).hasMessage("`index` must be in [0, 3), was 3");
    assertThatThrownBy(() -> log.inclusionProof(-1, 3)).hasMessage("`index` must be in [0, 3), was -1");
    assertThatThrownBy(() -> log.inclusionProof(0, 0)).hasMessage("`index` must be in [0, 0), was 0");
  }

  @Test
  void consistencyProof_argumentsOutOfRange_rejected() {
    MerkleLog log = MerkleLogProperties.logOf(randomLeaves(5, 16));

    assertThatThrownBy(() -> log.consistencyProof(1, 6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`toSize` must be in [0, 5], was 6");
    assertThatThrownBy(() -> log.consistencyProof(4, 3)).hasMessage("`fromSize` must be in [0, 3], was 4");
    assertThatThrownBy(() -> log.consistencyProof(-1, 3)).hasMessage("`fromSize` must be in [0, 3], was -1");
  }

  @Test
  void truncate_sizeOutOfRange_rejected() {
    MerkleLog log = MerkleLogProperties.logOf(randomLeaves(5, 17));

    assertThatThrownBy(() -> log.truncate(6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`newSize` must be in [0, 5], was 6");
    assertThatThrownBy(() -> log.truncate(-1)).hasMessage("`newSize` must be in [0, 5], was -1");
    assertThat(log.size()).isEqualTo(5);
  }

  static List<byte[]> randomLeaves(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] leaf = new byte[32];
      random.nextBytes(leaf);
      leaves.add(leaf);
    }
    return leaves;
  }
}
