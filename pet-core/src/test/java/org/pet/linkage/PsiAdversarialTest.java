package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pet.linkage.LinkageSessions.Outcome;
import org.pet.linkage.PsiMessage.BlindedIdentifiers;
import org.pet.linkage.PsiMessage.EncryptedSum;
import org.pet.linkage.PsiMessage.Release;
import org.pet.linkage.PsiMessage.ValuePartyReply;
import org.pet.secagg.ProtocolViolationException;

/** What a party sends reveals no identifier; what it receives is checked before use. */
class PsiAdversarialTest {

  private static final PsiParameters PARAMETERS = PsiParameters.builder().sessionId("adv").sum(9).build();

  @Test
  void messages_containNoIdentifierNorItsPlainHashNorItsUnblindedPoint() throws Exception {
    List<String> identifiers = LinkageSessions.identifiers(300, new Random(1));
    List<PsiRecord> records = identifiers.subList(100, 300).stream().map(id -> new PsiRecord(id, 2)).toList();
    Outcome outcome = LinkageSessions.run(LinkageSessions.identifierParty(PARAMETERS, identifiers, 1),
        LinkageSessions.valueParty(PARAMETERS, records, 2));
    assertThat(outcome.valueResult().cardinality()).isEqualTo(200);

    Blinding hashing = new Blinding(PARAMETERS.sessionId(), LinkageSessions.seeded(3));
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (String identifier : identifiers) {
      byte[] utf8 = identifier.getBytes(StandardCharsets.UTF_8);
      ECPoint hashed = hashing.hash(identifier);
      List<byte[]> forbidden = List.of(utf8, sha256.digest(utf8), hashed.getEncoded(true),
          hashed.getAffineXCoord().getEncoded(), new BigInteger(identifier).toByteArray());
      for (byte[] message : concat(outcome.fromIdentifierParty(), outcome.fromValueParty())) {
        for (byte[] needle : forbidden) {
          assertThat(contains(message, needle)).as("a message contains an identifier's %d-byte form", needle.length)
              .isFalse();
        }
      }
    }
  }

  @Test
  void receive_offCurvePoint_rejectedNamingTheValue() {
    byte[] step1 = step1(List.of("a", "b", "c"));
    byte[] offCurve = offCurveX();
    System.arraycopy(offCurve, 0, step1, 4 + 1 + 4 + 33 + 1, 32); // x of point 1 of the list

    ValueParty party = LinkageSessions.valueParty(PARAMETERS, List.of(new PsiRecord("a", 1)), 5);
    assertThatThrownBy(() -> party.receive(PsiWire.decode(step1)))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessage("step 1 blinded identifier 1 is not a point on P-256");
    assertThatThrownBy(() -> party.receive(PsiWire.decode(step1(List.of("a")))))
        .isInstanceOf(IllegalStateException.class);
  }

  /** The first point of a one-identifier step 1 with its prefix or its x replaced, and the error expected. */
  static Stream<Arguments> malformedPoints() {
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    return Stream.of(
        Arguments.of(new byte[] {0x00}, "is not a compressed P-256 point (prefix 0x00)"),
        Arguments.of(new byte[] {0x04}, "is not a compressed P-256 point (prefix 0x04)"),
        Arguments.of(new byte[] {0x05}, "is not a compressed P-256 point (prefix 0x05)"),
        Arguments.of(concat(new byte[] {0x02}, ones), "is not a point on P-256")); // x >= p
  }

  @ParameterizedTest
  @MethodSource("malformedPoints")
  void receive_malformedPoint_rejected(byte[] replacement, String error) {
    byte[] step1 = step1(List.of("a"));
    System.arraycopy(replacement, 0, step1, 4 + 1 + 4, replacement.length);
    ValueParty party = LinkageSessions.valueParty(PARAMETERS, List.of(new PsiRecord("a", 1)), 6);

    assertThatThrownBy(() -> party.receive(PsiWire.decode(step1)))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining(error);
  }

  @Test
  void receive_replyWithMissingDoublyBlindedValue_rejected() {
    IdentifierParty a = LinkageSessions.identifierParty(PARAMETERS, List.of("a", "b"), 8);
    ValueParty b = LinkageSessions.valueParty(PARAMETERS, List.of(new PsiRecord("a", 1)), 9);
    ValuePartyReply reply = (ValuePartyReply) b.receive(a.start().get(0)).get(0);
    byte[] oneLess = Arrays.copyOf(reply.doublyBlinded().toBytes(), 33);
    ValuePartyReply tampered = new ValuePartyReply(PointList.fromBytes(oneLess), reply.blinded(),
        reply.encryptedValues(), reply.publicKey());

    assertThatThrownBy(() -> a.receive(tampered)).isInstanceOf(ProtocolViolationException.class)
        .hasMessage("step 2 returned 1 doubly blinded values for 2 identifiers");
  }

  @Test
  void receive_replyWithoutCiphertexts_rejected() {
    IdentifierParty a = LinkageSessions.identifierParty(PARAMETERS, List.of("a"), 10);
    ValueParty b = LinkageSessions.valueParty(PARAMETERS, List.of(new PsiRecord("a", 1)), 11);
    ValuePartyReply reply = (ValuePartyReply) b.receive(a.start().get(0)).get(0);

    assertThatThrownBy(() -> a.receive(new ValuePartyReply(reply.doublyBlinded(), reply.blinded(),
        PointList.empty(), reply.publicKey()))).isInstanceOf(ProtocolViolationException.class);
  }

  @Test
  void receive_outOfOrderStep_rejected() {
    IdentifierParty a = LinkageSessions.identifierParty(PARAMETERS, List.of("a"), 12);
    a.start();

    assertThatThrownBy(() -> a.receive(new Release(1, OptionalLong.of(1))))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessage("the identifier party expected step 2, got step 4");
  }

  @Test
  void receive_beforeStart_isLifecycleMisuse() {
    IdentifierParty a = LinkageSessions.identifierParty(PARAMETERS, List.of("a"), 17);

    assertThatThrownBy(() -> a.receive(new Release(1, OptionalLong.of(1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("call start() before receive()");
  }

  @Test
  void receive_releaseDisagreeingWithStep3_rejected() {
    IdentifierParty a = LinkageSessions.identifierParty(PARAMETERS, List.of("a"), 13);
    ValueParty b = LinkageSessions.valueParty(PARAMETERS, List.of(new PsiRecord("a", 1)), 14);
    EncryptedSum step3 = (EncryptedSum) a.receive(b.receive(a.start().get(0)).get(0)).get(0);
    Release honest = (Release) b.receive(step3).get(0);

    assertThatThrownBy(() -> a.receive(new Release(honest.cardinality() + 1, honest.sum())))
        .isInstanceOf(ProtocolViolationException.class);
  }

  @Test
  void receive_sumOutsideHonestRange_rejected() {
    IdentifierParty a = LinkageSessions.identifierParty(PARAMETERS, List.of("a"), 15);
    ValueParty b = LinkageSessions.valueParty(PARAMETERS, List.of(new PsiRecord("a", 1)), 16);
    ValuePartyReply reply = (ValuePartyReply) b.receive(a.start().get(0)).get(0);
    ECPoint publicKey = reply.publicKey().point(0, "key");
    ExponentialElGamal.Ciphertext forged = ExponentialElGamal.encrypt(publicKey, 10_000, LinkageSessions.seeded(1));

    assertThatThrownBy(() -> b.receive(new EncryptedSum(1, PointList.of(List.of(forged.c1().normalize(),
        forged.c2().normalize()))))).isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("outside [0, 9]");
  }

  private static byte[] step1(List<String> identifiers) {
    BlindedIdentifiers message = (BlindedIdentifiers) LinkageSessions.identifierParty(PARAMETERS, identifiers, 4)
        .start().get(0);
    return PsiWire.encode(message);
  }

  /** The smallest x for which x^3 - 3x + b is not a square mod p: no point of P-256 has it. */
  private static byte[] offCurveX() {
    for (int x = 1; ; x++) {
      byte[] candidate = new byte[33];
      candidate[0] = 0x02;
      candidate[32] = (byte) x;
      try {
        P256.CURVE.decodePoint(candidate);
      } catch (IllegalArgumentException notOnCurve) {
        return Arrays.copyOfRange(candidate, 1, 33);
      }
    }
  }

  private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /** Byte-for-byte search, through ISO-8859-1 (one char per byte). */
  private static boolean contains(byte[] haystack, byte[] needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
  }
}
