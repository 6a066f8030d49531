package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of docs/PROTOCOL.md section 9.6, for implementations in other languages: each value
 * pinned here is checked against the implementation, and the section's tables, verifier key and note are
 * checked to hold exactly these values.
 */
class TransparencyVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final List<LogEntry> ENTRIES = List.of(
      new LogEntry(0, "2026-01-01T00:00:00Z", "agreement", "{\"purpose\":\"test\"}"),
      new LogEntry(1, "2026-01-01T00:01:00Z", "query", "{\"analyst\":\"Zo\u00eb\",\"epsilon\":0.5}"),
      new LogEntry(2, "2026-01-01T00:02:00Z", "round-completed", "{\"round\":\"round-1\"}"));

  private static final String ORIGIN = "pet.example/log";
  private static final Instant SIGNED_AT = Instant.parse("2026-01-01T00:03:00Z");

  private static final String L0 = "fa72f5d15c77288f79097a61152dd043d21dd24276129702bb15dbca3095a565";
  private static final String L1 = "6bf656b37d24c370b0fb668389e1cce72f1841769110ea81dc5dbf723a290a79";
  private static final String L2 = "d28770ea85c17ab2a30eadd3b5b55c69ebae589b79f94047b526a3fc0c4cc285";
  private static final String ROOT2 = "3b33080843dd1cf044d40f2c12b94da7e42b5e9d0f405b2d4389f55cde65b2fd";
  private static final String ROOT3 = "c58134632b003f53d43586f1a7219537a2c379c4a4bf341c6335a72c198d5c6a";
  private static final String PUBLIC_KEY = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
  private static final String SIGNATURE = "ed792947aa2b0eff3f26d66baa010d5a9268575fc9a8775995ccf81b34a2f45d"
      + "1be39e095f7fbef840188dadf142b4868245c461191b3b174735430b0bb5750e";

  /** Every row of the two tables of section 9.6, by its label. */
  private static final Map<String, String> TABLE = table(
      "leaf data of e0", "000000000000000000000014323032362d30312d30315430303a30303a30305a0000000961677265656d656e74"
          + "000000127b22707572706f7365223a2274657374227d",
      "leaf data of e1", "000000000000000100000014323032362d30312d30315430303a30313a30305a000000057175657279"
          + "000000207b22616e616c797374223a225a6fc3ab222c22657073696c6f6e223a302e357d",
      "leaf data of e2", "000000000000000200000014323032362d30312d30315430303a30323a30305a0000000f726f756e642d636f6d"
          + "706c65746564000000137b22726f756e64223a22726f756e642d31227d",
      "leaf hash of e0", L0,
      "leaf hash of e1", L1,
      "leaf hash of e2", L2,
      "root of size 0", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "root of size 1", L0,
      "root of size 2", ROOT2,
      "root of size 3", ROOT3,
      "inclusion proof of e0 in size 3", L1 + " " + L2,
      "inclusion proof of e1 in size 3", L0 + " " + L2,
      "inclusion proof of e2 in size 3", ROOT2,
      "consistency proof from size 1 to 2", L1,
      "consistency proof from size 1 to 3", L1 + " " + L2,
      "consistency proof from size 2 to 3", L2,
      "Ed25519 public key", PUBLIC_KEY,
      "key id of pet.example/log", "ad146b08",
      "signature of the checkpoint body", SIGNATURE,
      "reference root of size 1", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "reference root of size 2", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "reference root of size 3", "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "reference root of size 4", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "reference root of size 5", "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "reference root of size 6", "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "reference root of size 7", "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "reference root of size 8", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static final String VERIFIER_KEY = "pet.example/log+ad146b08+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk";

  private static final String NOTE = "pet.example/log\n"
      + "3\n"
      + "xYE0YysAP1PUNYbxpyGVN6LDecSkvzQcYzWnLBmNXGo=\n"
      + "timestamp 2026-01-01T00:03:00Z\n"
      + "\n"
      + "\u2014 pet.example/log "
      + "rRRrCO15KUeqKw7/PybWa6oBDVqSaFdfyah3WZXM+Bs0ovRdG+OeCV9/vvhAGI2t8UK0hoJFxGEZGzsXRzVDCwu1dQ4=\n";

  @Test
  void entries_giveTheDocumentedLeafDataAndHashes() {
    for (LogEntry entry : ENTRIES) {
      assertThat(HEX.formatHex(entry.leafData())).isEqualTo(TABLE.get("leaf data of e" + entry.index()));
      assertThat(HEX.formatHex(entry.leafHash())).isEqualTo(TABLE.get("leaf hash of e" + entry.index()));
    }
  }

  @Test
  void tree_givesTheDocumentedRootsAndProofs() {
    MerkleLog log = log();
    for (int size = 0; size <= 3; size++) {
      assertThat(HEX.formatHex(log.root(size))).isEqualTo(TABLE.get("root of size " + size));
      assertThat(HEX.formatHex(MerkleTree.root(hashes(size)))).isEqualTo(TABLE.get("root of size " + size));
    }
    for (int i = 0; i < 3; i++) {
      List<byte[]> proof = log.inclusionProof(i, 3);
      assertThat(hex(proof)).isEqualTo(TABLE.get("inclusion proof of e" + i + " in size 3"));
      assertThat(MerkleTree.verifyInclusion(ENTRIES.get(i).leafHash(), i, 3, proof, log.root(3))).isTrue();
    }
    for (int[] sizes : new int[][] {{1, 2}, {1, 3}, {2, 3}}) {
      List<byte[]> proof = log.consistencyProof(sizes[0], sizes[1]);
      assertThat(hex(proof)).isEqualTo(TABLE.get("consistency proof from size " + sizes[0] + " to " + sizes[1]));
      assertThat(MerkleTree.verifyConsistency(sizes[0], sizes[1], log.root(sizes[0]), log.root(sizes[1]), proof))
          .isTrue();
    }
  }

  @Test
  void referenceTree_givesTheDocumentedRoots() {
    MerkleLog log = new MerkleLog();
    MerkleTreeTest.LEAF_INPUTS.forEach(input -> log.append(MerkleTree.leafHash(input)));
    for (int size = 1; size <= 8; size++) {
      assertThat(HEX.formatHex(log.root(size))).isEqualTo(TABLE.get("reference root of size " + size));
    }
  }

  @Test
  void checkpoint_signedWithTheDocumentedSeed_isTheDocumentedNote() throws Exception {
    byte[] seed = seed();
    byte[] publicKey = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey();
    SignedCheckpoint signed = new Checkpoint(ORIGIN, 3, log().root(), SIGNED_AT).sign(seed);

    assertThat(HEX.formatHex(publicKey)).isEqualTo(TABLE.get("Ed25519 public key"));
    assertThat(HEX.formatHex(SignedCheckpoint.keyId(ORIGIN, publicKey)))
        .isEqualTo(TABLE.get("key id of pet.example/log"));
    assertThat(SignedCheckpoint.verifierKey(ORIGIN, publicKey)).isEqualTo(VERIFIER_KEY);
    assertThat(signed.note()).isEqualTo(NOTE);
    assertThat(signed.note()).contains(java.util.Base64.getEncoder().encodeToString(
        HEX.parseHex(TABLE.get("key id of pet.example/log") + TABLE.get("signature of the checkpoint body"))));
    assertThat(SignedCheckpoint.parse(NOTE).verifiedBy(publicKey)).isTrue();
    assertThat(LogVerification.verify(ENTRIES, SignedCheckpoint.parse(NOTE), publicKey).valid()).isTrue();
  }

  @Test
  void protocolDocument_section96_holdsExactlyTheseVectors() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"), StandardCharsets.UTF_8);
    String section = doc.substring(doc.indexOf("### 9.6 Test vectors"));
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| ([^|`]+?) \\| `([^`]*)` \\|$").matcher(section);
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }

    assertThat(documented).containsExactlyEntriesOf(TABLE);
    assertThat(section).contains("Verifier key: `" + VERIFIER_KEY + "`");
    assertThat(section).contains("```\n" + NOTE + "```\n");
  }

  private static MerkleLog log() {
    MerkleLog log = new MerkleLog();
    ENTRIES.forEach(entry -> log.append(entry.leafHash()));
    return log;
  }

  private static List<byte[]> hashes(int size) {
    return ENTRIES.subList(0, size).stream().map(LogEntry::leafHash).toList();
  }

  private static String hex(List<byte[]> proof) {
    return proof.stream().map(HEX::formatHex).collect(Collectors.joining(" "));
  }

  private static byte[] seed() {
    byte[] seed = new byte[32];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) (i + 1);
    }
    return seed;
  }

  private static Map<String, String> table(String... labelsAndValues) {
    Map<String, String> table = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      table.put(labelsAndValues[i], labelsAndValues[i + 1]);
    }
    return table;
  }
}
