package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.util.Bytes;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked test vectors of docs/PROTOCOL.md, checked against the implementation: an independent
 * client can test itself against the same numbers.
 */
class ProtocolVectorsTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String ROUND = "round-1";
  /** A complete-graph round with id {@link #ROUND}: its encodings are those of protocol version 1. */
  private static final SecAggParameters COMPLETE_ROUND = SecAggParameters.builder().roundId(ROUND)
      .participants(List.of("alice", "bob", "carol")).threshold(2).toleratedColluders(0).vectorLength(1).build();

  private static byte[] bytes(int first) {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) (first + i);
    }
    return key;
  }

  @Test
  void x25519PublicKeys() {
    assertThat(HEX.formatHex(SecAggCrypto.publicKeyOf(bytes(1)))).isEqualTo("07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c");
    assertThat(HEX.formatHex(SecAggCrypto.publicKeyOf(bytes(33)))).isEqualTo("5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b");
  }

  @Test
  void derivedKeys_areSymmetricAndPinned() {
    byte[] a = bytes(1);
    byte[] b = bytes(33);
    byte[] envelopeKey = SecAggCrypto.agree(a, SecAggCrypto.publicKeyOf(b), ROUND, "pet-secagg/v1/envelope-key");
    byte[] maskSeed = SecAggCrypto.agree(a, SecAggCrypto.publicKeyOf(b), ROUND, "pet-secagg/v1/pairwise-mask");
    assertThat(HEX.formatHex(envelopeKey)).isEqualTo("30c1b9a5f178c2fd43eb1941a120f7531dcbd0ad76092f1b7f065d48a5aef612");
    assertThat(HEX.formatHex(maskSeed)).isEqualTo("0a78cdb02ae79e717fc1a9a8c93af97649a76e95aa2dc262fc11f2a01e3838c5");
    assertThat(SecAggCrypto.agree(b, SecAggCrypto.publicKeyOf(a), ROUND, "pet-secagg/v1/pairwise-mask"))
        .isEqualTo(maskSeed);
  }

  @Test
  void prgWordsOfTheMaskSeed() {
    long[] words = Prg.fromSeed(HEX.parseHex("0a78cdb02ae79e717fc1a9a8c93af97649a76e95aa2dc262fc11f2a01e3838c5")).expand(4);
    assertThat(words).containsExactly(0xc3426d83c031d58aL, 0xa03aac680d63416aL, 0x2175cf72db122ff5L, 0xba221c8509054aa0L);
  }

  @Test
  void shamirSharesOfAPinnedSecretCombine() {
    List<ShamirSecretSharing.Share> shares = List.of(
        ShamirSecretSharing.Share.fromBytes(HEX.parseHex("0000000120003561bbd20e791e32414c95c00f094b8a29180fa925e386714cc5a7ed4445de72134a07f9bfbd5f96a352734328d043f4653e629f52a78b8b1706ddf39d57d5c65e")),
        ShamirSecretSharing.Share.fromBytes(HEX.parseHex("0000000220006ac377a41cf23c6482992b801e12971452301f524bc70ce2998b4fda888bbce424f36e50dbd619869efc3cdba5f3da3a1acc138bf19a615f7655022c7ef2edcdfd")),
        ShamirSecretSharing.Share.fromBytes(HEX.parseHex("000000032000a02533762b6b5a96c3e5c1402d1be29e7b482efb71aa9353e650f7c7ccd19b56369cd4a7f7eed3769aa606742317707fd059c478908d3733d5a32665608e05d59c")));
    ShamirSecretSharing shamir = new ShamirSecretSharing(2, 3);
    assertThat(HEX.formatHex(shamir.combine(shares.subList(1, 3))))
        .isEqualTo("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    assertThat(shamir.combine(List.of(shares.get(2), shares.get(0)))).isEqualTo(shamir.combine(shares));
  }

  @Test
  void envelopeFromAliceToBobOpens() {
    ShareEnvelope envelope = ShareEnvelope.open(HEX.parseHex("30c1b9a5f178c2fd43eb1941a120f7531dcbd0ad76092f1b7f065d48a5aef612"),
        HEX.parseHex("812fb707b7c53cc908528533526c73d6e454188299775df1f2abca02d40f5bfbe36e46292b4fa0dee404ae939b464e061c6e7a27602dbd7ce27b0a1b7f338fd11f7515dd001bd7a496ff4543a4ce313a6bf26842ac4244d5c1b0ff220ab6e7c2c2fe9db9f1b0a4faa30e76903dd8eca24efbebd66040ad90695605a85b9b156fec1cc02cb05c25df4c34d46b7399ffa33ae03cf3573a6c23d32b09de72b83cc93ef22030d668ae2b24ab4b55dcdd33616387fcc64bb0b6dde4d40337fac7b8b853acde"), COMPLETE_ROUND, "alice", "bob", 2);
    ShamirSecretSharing.Share second = ShamirSecretSharing.Share.fromBytes(HEX.parseHex("0000000220006ac377a41cf23c6482992b801e12971452301f524bc70ce2998b4fda888bbce424f36e50dbd619869efc3cdba5f3da3a1acc138bf19a615f7655022c7ef2edcdfd"));
    assertThat(envelope.selfMaskShare()).isEqualTo(second);
    assertThat(envelope.maskingKeyShare()).isEqualTo(second);
  }

  @Test
  void messageEncodingsArePinned() {
    SecAggMessages.AdvertiseKeys keys = new SecAggMessages.AdvertiseKeys("alice",
        Bytes.copyFrom(SecAggCrypto.publicKeyOf(bytes(1))), Bytes.copyFrom(SecAggCrypto.publicKeyOf(bytes(33))),
        Bytes.copyFrom(new byte[0]));
    assertThat(HEX.formatHex(keys.signedContent(ROUND))).isEqualTo("6500000007726f756e642d3100000005616c6963650000002007a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c000000205869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b");
    assertThat(HEX.formatHex(keys.toBytes())).isEqualTo("0100000005616c6963650000002007a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c000000205869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b00000000");
    assertThat(HEX.formatHex(new SecAggMessages.MaskedInput("alice", new long[] {1, -1}).toBytes()))
        .isEqualTo("0500000005616c696365000000020100000000000000ffffffffffffffff");
  }

  /** Ed25519 is deterministic, so the identity key and both signatures are fixed values. */
  @Test
  void identitySignaturesArePinned() {
    IdentityKeyPair identity = IdentityKeyPair.fromPrivateKey(bytes(1));
    assertThat(HEX.formatHex(identity.publicKey()))
        .isEqualTo("79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664");
    SecAggMessages.AdvertiseKeys keys = new SecAggMessages.AdvertiseKeys("alice",
        Bytes.copyFrom(SecAggCrypto.publicKeyOf(bytes(1))), Bytes.copyFrom(SecAggCrypto.publicKeyOf(bytes(33))),
        Bytes.copyFrom(new byte[0]));
    assertThat(HEX.formatHex(identity.sign(keys.signedContent(ROUND)))).isEqualTo("bf9f0efc8fcc94c52af5046a624c630eef3dee148e065751a5564c6238f032e3286a49a310f614bcfdc5458e2d65b4d73712e4be8916f15671bc68a291386309");
    SecAggMessages.SurvivorSet survivors = new SecAggMessages.SurvivorSet(List.of("alice", "bob"));
    assertThat(HEX.formatHex(survivors.signedContent(ROUND)))
        .isEqualTo("6b00000007726f756e642d310000000200000005616c69636500000003626f62");
    assertThat(HEX.formatHex(identity.sign(survivors.signedContent(ROUND)))).isEqualTo("a63b3cf6f620bd7d062e7aea55d9d4e0714795f8087636ec79d9b72173ebdfda5f387a465757aa21d3a91bb0d49a80974ab2e3be7a1d0439595de267d5d3c601");
  }

  @Test
  void collectionMessageEncodingsArePinned() {
    SecAggMessages.AdvertiseKeys keys = new SecAggMessages.AdvertiseKeys("alice",
        Bytes.copyFrom(SecAggCrypto.publicKeyOf(bytes(1))), Bytes.copyFrom(SecAggCrypto.publicKeyOf(bytes(33))),
        Bytes.copyFrom(new byte[0]));
    assertThat(HEX.formatHex(new SecAggMessages.KeyDirectory(List.of(keys)).toBytes())).isEqualTo("0200000001000000560100000005616c6963650000002007a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c000000205869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b00000000");
    java.util.TreeMap<String, Bytes> envelopes = new java.util.TreeMap<>();
    envelopes.put("carol", Bytes.copyFrom(new byte[] {4}));
    envelopes.put("bob", Bytes.copyFrom(new byte[] {1, 2, 3}));
    assertThat(HEX.formatHex(new SecAggMessages.ShareKeys("alice", envelopes).toBytes()))
        .isEqualTo("0300000005616c6963650000000200000003626f6200000003010203000000056361726f6c0000000104");
    assertThat(HEX.formatHex(new SecAggMessages.SurvivorSet(List.of("alice", "bob")).toBytes()))
        .isEqualTo("060000000200000005616c69636500000003626f62");
    assertThat(HEX.formatHex(new SecAggMessages.ConsistencyCheck("alice", Bytes.copyFrom(new byte[] {9, 9})).toBytes()))
        .isEqualTo("0700000005616c696365000000020909");
  }

  /** Section 4.2: the bytes a SecAgg+ round's signatures and envelopes bind end with version 2 and k. */
  @Test
  void secAggPlusBindingsArePinned() {
    SecAggParameters plus = SecAggParameters.builder().roundId(ROUND)
        .participants(List.of("alice", "bob", "carol", "dave", "erin", "frank")).threshold(2).toleratedColluders(0)
        .vectorLength(1).neighbours(4).build();
    SecAggMessages.SurvivorSet survivors = new SecAggMessages.SurvivorSet(List.of("alice", "bob"));
    assertThat(HEX.formatHex(survivors.signedContent(plus)))
        .isEqualTo("6b00000007726f756e642d310000000200000005616c69636500000003626f620200000004");
    assertThat(HEX.formatHex(ShareEnvelope.associatedData(plus, "alice", "bob")))
        .isEqualTo("6e00000007726f756e642d3100000005616c69636500000003626f620200000004");
    assertThat(HEX.formatHex(ShareEnvelope.associatedData(COMPLETE_ROUND, "alice", "bob")))
        .isEqualTo("6e00000007726f756e642d3100000005616c69636500000003626f62");
    SecAggMessages.AdvertiseKeys keys = new SecAggMessages.AdvertiseKeys("alice",
        Bytes.copyFrom(HEX.parseHex("07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c")),
        Bytes.copyFrom(HEX.parseHex("5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b")),
        Bytes.copyFrom(new byte[0]));
    assertThat(HEX.formatHex(keys.signedContent(plus))).isEqualTo(HEX.formatHex(keys.signedContent(ROUND)) + "0200000004");
    assertThat(keys.signedContent(COMPLETE_ROUND)).isEqualTo(keys.signedContent(ROUND));
  }
}
