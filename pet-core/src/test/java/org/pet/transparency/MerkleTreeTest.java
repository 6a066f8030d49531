package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the RFC 6962 / RFC 9162 reference test data as published in transparency-dev/merkle
 * (commit 417fb0c314750d94e53942e9f92e79b6d35915db): the leaf inputs, leaf hashes and roots of
 * testonly/constants.go ({@code LeafInputs}, {@code NodeHashes}, {@code RootHashes}) and the proofs of
 * cmd/proofgen/main.go ({@code inclusionProofs} - whose leaf indices are 1-based there, 0-based here -
 * and {@code consistencyProofs}). The same vectors appear in the certificate-transparency and Trillian test
 * suites. Also the edge cases of testdata/consistency/additional and testdata/inclusion there, as far as
 * they apply (see {@link #verifyConsistency_referenceEdgeCases_agreeExceptWhereDocumented}).
 */
class MerkleTreeTest {

  private static final HexFormat HEX = HexFormat.of();

  static final List<byte[]> LEAF_INPUTS = hexes("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f");

  static final List<byte[]> LEAF_HASHES = hexes(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
      "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

  /** Roots of the trees of sizes 0 to 8. */
  static final List<byte[]> ROOTS = hexes(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  record InclusionVector(long index, long treeSize, List<byte[]> path) {}

  record ConsistencyVector(long fromSize, long toSize, List<byte[]> proof) {}

  static final List<InclusionVector> INCLUSION = List.of(
      new InclusionVector(0, 1, List.of()),
      new InclusionVector(0, 8, hexes(
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
      new InclusionVector(5, 8, hexes(
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
      new InclusionVector(2, 3, hexes(
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
      new InclusionVector(1, 5, hexes(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  static final List<ConsistencyVector> CONSISTENCY = List.of(
      new ConsistencyVector(1, 1, List.of()),
      new ConsistencyVector(1, 8, hexes(
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
      new ConsistencyVector(6, 8, hexes(
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
      new ConsistencyVector(2, 5, hexes(
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
      new ConsistencyVector(6, 7, hexes(
          "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
          "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

  @Test
  void leafHash_referenceLeaves_areThePublishedHashes() {
    for (int i = 0; i < LEAF_INPUTS.size(); i++) {
      assertThat(HEX.formatHex(MerkleTree.leafHash(LEAF_INPUTS.get(i)))).as("leaf %d", i)
          .isEqualTo(HEX.formatHex(LEAF_HASHES.get(i)));
    }
  }

  @Test
  void nodeHash_firstTwoReferenceLeaves_isTheRootOfSizeTwo() {
    assertThat(MerkleTree.nodeHash(LEAF_HASHES.get(0), LEAF_HASHES.get(1))).isEqualTo(ROOTS.get(2));
  }

  @Test
  void emptyRoot_isSha256OfNothing() {
    assertThat(HEX.formatHex(MerkleTree.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void root_everyReferencePrefix_isThePublishedRoot() {
    for (int size = 0; size <= LEAF_HASHES.size(); size++) {
      assertThat(HEX.formatHex(MerkleTree.root(LEAF_HASHES.subList(0, size)))).as("size %d", size)
          .isEqualTo(HEX.formatHex(ROOTS.get(size)));
    }
  }

  @Test
  void merkleLog_referenceLeaves_givesThePublishedRootsAndProofs() {
    MerkleLog log = new MerkleLog();
    LEAF_HASHES.forEach(log::append);
    for (int size = 0; size <= LEAF_HASHES.size(); size++) {
      assertThat(log.root(size)).as("size %d", size).isEqualTo(ROOTS.get(size));
    }
    for (InclusionVector v : INCLUSION) {
      assertThat(log.inclusionProof(v.index(), v.treeSize())).as("%s", v).containsExactlyElementsOf(v.path());
    }
    for (ConsistencyVector v : CONSISTENCY) {
      assertThat(log.consistencyProof(v.fromSize(), v.toSize())).as("%s", v)
          .containsExactlyElementsOf(v.proof());
    }
  }

  @Test
  void verifyInclusion_referenceProofs_verify() {
    for (InclusionVector v : INCLUSION) {
      assertThat(MerkleTree.verifyInclusion(LEAF_HASHES.get((int) v.index()), v.index(), v.treeSize(), v.path(),
          ROOTS.get((int) v.treeSize()))).as("%s", v).isTrue();
    }
  }

  @Test
  void verifyConsistency_referenceProofs_verify() {
    for (ConsistencyVector v : CONSISTENCY) {
      assertThat(MerkleTree.verifyConsistency(v.fromSize(), v.toSize(), ROOTS.get((int) v.fromSize()),
          ROOTS.get((int) v.toSize()), v.proof())).as("%s", v).isTrue();
    }
  }

  @Test
  void verifyInclusion_referenceProofsTruncatedOrExtended_fail() {
    for (InclusionVector v : INCLUSION) {
      byte[] leaf = LEAF_HASHES.get((int) v.index());
      byte[] root = ROOTS.get((int) v.treeSize());
      List<byte[]> longer = new ArrayList<>(v.path());
      longer.add(root);
      assertThat(MerkleTree.verifyInclusion(leaf, v.index(), v.treeSize(), longer, root)).as("%s", v).isFalse();
      List<byte[]> preceded = new ArrayList<>(v.path());
      preceded.add(0, leaf);
      assertThat(MerkleTree.verifyInclusion(leaf, v.index(), v.treeSize(), preceded, root)).isFalse();
      if (!v.path().isEmpty()) {
        List<byte[]> shorter = v.path().subList(0, v.path().size() - 1);
        assertThat(MerkleTree.verifyInclusion(leaf, v.index(), v.treeSize(), shorter, root)).isFalse();
      }
    }
  }

  /**
   * transparency-dev/merkle testdata/consistency/additional and testdata/inclusion/{additional,single-entry}:
   * every case agrees, except two deliberate differences. (1) A proof from size 0: transparency-dev refuses
   * it as meaningless; pet accepts an empty proof when the first root is the empty tree's (every tree
   * extends the empty tree). (2) Roots that are not 32 bytes (their "ZG9uJ3QgY2FyZSAy" placeholders): pet
   * rejects them, so "sizes are equal (one) and proof is empty" is false here and true there.
   */
  @Test
  void verifyConsistency_referenceEdgeCases_agreeExceptWhereDocumented() {
    byte[] empty = MerkleTree.emptyRoot();
    byte[] placeholder1 = java.util.Base64.getDecoder().decode("ZG9uJ3QgY2FyZSAx");
    byte[] placeholder2 = java.util.Base64.getDecoder().decode("ZG9uJ3QgY2FyZSAy");
    // consistency-check-on-empty-tree-size1-is-zero-is-useless: a non-empty proof from size 0.
    assertThat(MerkleTree.verifyConsistency(0, 1, empty, empty, List.of(empty))).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 0, empty, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 1, empty, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(2, 1, placeholder1, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 0, placeholder1, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 1, placeholder1, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 1, empty, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 1, placeholder2, placeholder2, List.of())).isFalse(); // (2)
    assertThat(MerkleTree.verifyConsistency(1, 1, placeholder1, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 0, placeholder1, placeholder1, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 0, placeholder1, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 2, placeholder1, placeholder2, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 1, empty, empty, List.of(empty))).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 0, empty, empty, List.of(empty))).isFalse();
    // (1): an empty proof from the empty tree.
    assertThat(MerkleTree.verifyConsistency(0, 8, empty, ROOTS.get(8), List.of())).isTrue();
    assertThat(MerkleTree.verifyConsistency(0, 0, empty, empty, List.of())).isTrue();
  }

  @Test
  void verifyInclusion_referenceEdgeCases_fail() {
    byte[] empty = MerkleTree.emptyRoot();
    byte[] random = java.util.Base64.getDecoder().decode("q6yroAAAAAAAAAAAAAAAAAAAAAAAAAAAAGAGHgASNFY=");
    byte[] nothing = new byte[0];
    byte[] single = java.util.Base64.getDecoder().decode("DTrtAjFI/9KiWfvQzcf7PPl1ZYdg03dbgq9vkKrMLfw=");
    for (long[] indexAndSize : new long[][] {{0, 0}, {0, 1}, {1, 0}, {2, 1}}) {
      long index = indexAndSize[0];
      long size = indexAndSize[1];
      assertThat(MerkleTree.verifyInclusion(random, index, size, List.of(), empty)).isFalse();
      assertThat(MerkleTree.verifyInclusion(nothing, index, size, List.of(), empty)).isFalse();
      assertThat(MerkleTree.verifyInclusion(random, index, size, List.of(), nothing)).isFalse();
    }
    assertThat(MerkleTree.verifyInclusion(nothing, 0, 1, List.of(), single)).isFalse();
    assertThat(MerkleTree.verifyInclusion(nothing, 0, 1, List.of(), nothing)).isFalse();
    assertThat(MerkleTree.verifyInclusion(single, 0, 1, List.of(), nothing)).isFalse();
    assertThat(MerkleTree.verifyInclusion(single, 0, 1, List.of(), single)).isTrue();
  }

  @Test
  void verify_nullArguments_falseNotException() {
    byte[] leaf = LEAF_HASHES.get(0);
    byte[] root = ROOTS.get(1);
    List<byte[]> withNull = Arrays.asList(leaf, null);
    assertThat(MerkleTree.verifyInclusion(null, 0, 1, List.of(), root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 0, 1, null, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 0, 1, List.of(), null)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 0, 3, withNull, ROOTS.get(3))).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 1, null, root, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 1, root, null, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 1, root, root, null)).isFalse();
    assertThat(MerkleTree.verifyConsistency(1, 3, root, ROOTS.get(3), withNull)).isFalse();
  }

  @Test
  void verify_negativeIndicesAndSizes_false() {
    byte[] leaf = LEAF_HASHES.get(0);
    assertThat(MerkleTree.verifyInclusion(leaf, -1, 1, List.of(), ROOTS.get(1))).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, 0, -1, List.of(), ROOTS.get(1))).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaf, Long.MAX_VALUE, Long.MIN_VALUE, List.of(), ROOTS.get(1))).isFalse();
    assertThat(MerkleTree.verifyConsistency(-1, 1, ROOTS.get(1), ROOTS.get(1), List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(-1, -1, ROOTS.get(1), ROOTS.get(1), List.of())).isFalse();
  }

  @Test
  void verifyInclusion_pathOfHugeTree_endsWithoutException() {
    List<byte[]> path = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      path.add(ROOTS.get(8));
    }
    assertThat(MerkleTree.verifyInclusion(LEAF_HASHES.get(0), Long.MAX_VALUE - 1, Long.MAX_VALUE, path,
        ROOTS.get(8))).isFalse();
    assertThat(MerkleTree.verifyConsistency(Long.MAX_VALUE - 1, Long.MAX_VALUE, ROOTS.get(8), ROOTS.get(8), path))
        .isFalse();
  }

  @Test
  void leafHash_nullData_rejected() {
    assertThatThrownBy(() -> MerkleTree.leafHash(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`leafData` must not be null");
  }

  @Test
  void nodeHash_childNot32Bytes_rejected() {
    assertThatThrownBy(() -> MerkleTree.nodeHash(new byte[31], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`left` must be 32 bytes, was 31 bytes");
    assertThatThrownBy(() -> MerkleTree.nodeHash(new byte[32], new byte[33]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`right` must be 32 bytes, was 33 bytes");
  }

  @Test
  void root_elementNot32Bytes_rejectedNamingIt() {
    assertThatThrownBy(() -> MerkleTree.root(List.of(new byte[32], new byte[5])))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`leafHashes[1]` must be 32 bytes, was 5 bytes");
    assertThatThrownBy(() -> MerkleTree.root(Arrays.asList(new byte[32], null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`leafHashes[1]` must be 32 bytes, was null");
    assertThatThrownBy(() -> MerkleTree.root(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`leafHashes` must not be null");
  }

  @Test
  void emptyRoot_returnsACopy() {
    MerkleTree.emptyRoot()[0] ^= 1;
    assertThat(MerkleTree.emptyRoot()).isEqualTo(ROOTS.get(0));
  }

  private static List<byte[]> hexes(String... values) {
    return Arrays.stream(values).map(HEX::parseHex).toList();
  }
}
