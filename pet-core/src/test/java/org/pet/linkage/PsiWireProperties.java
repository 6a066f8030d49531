package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.math.ec.ECPoint;
import org.pet.linkage.PsiMessage.BlindedIdentifiers;
import org.pet.linkage.PsiMessage.EncryptedSum;
import org.pet.linkage.PsiMessage.Release;
import org.pet.linkage.PsiMessage.ValuePartyReply;
import org.pet.secagg.ProtocolViolationException;

class PsiWireProperties {

  @Property(tries = 200)
  void decode_inverts_encode(@ForAll("messages") PsiMessage message) {
    byte[] wire = PsiWire.encode(message);

    assertThat(PsiWire.decode(wire)).isEqualTo(message);
  }

  @Property(tries = 200)
  void decode_anyTruncation_rejected(@ForAll("messages") PsiMessage message, @ForAll @IntRange(min = 1) int cut) {
    byte[] wire = PsiWire.encode(message);
    byte[] truncated = java.util.Arrays.copyOf(wire, wire.length - 1 - cut % wire.length);

    assertThatThrownBy(() -> PsiWire.decode(truncated)).isInstanceOf(ProtocolViolationException.class);
  }

  @Property(tries = 100)
  void elGamal_sumOfCiphertexts_decryptsToSumOfPlaintexts(@ForAll @IntRange(min = -500, max = 500) int a,
      @ForAll @IntRange(min = -500, max = 500) int b, @ForAll @IntRange(min = 0, max = 1000) int slack) {
    ExponentialElGamal key = ExponentialElGamal.generate(LinkageSessions.seeded(a * 1001L + b));
    ExponentialElGamal.Ciphertext sum = ExponentialElGamal.encrypt(key.publicKey(), a, LinkageSessions.seeded(1))
        .add(ExponentialElGamal.encrypt(key.publicKey(), b, LinkageSessions.seeded(2)));

    assertThat(key.decrypt(sum, a + b - slack, a + b + slack)).isEqualTo(a + b);
    assertThat(key.decrypt(sum, a + b, a + b + slack)).isEqualTo(a + b);
    assertThatThrownBy(() -> key.decrypt(sum, a + b + 1, a + b + 1 + slack))
        .isInstanceOf(IllegalStateException.class);
  }

  @Property(tries = 300)
  void multiplyGenerator_agreesWithFullWidthMultiplication(@ForAll long m) {
    assertThat(P256.multiplyGenerator(m))
        .isEqualTo(P256.G.multiply(java.math.BigInteger.valueOf(m).mod(P256.ORDER)));
  }

  @Provide
  Arbitrary<PsiMessage> messages() {
    Arbitrary<PointList> points = Arbitraries.integers().between(0, 6).map(PsiWireProperties::points);
    Arbitrary<Long> longs = Arbitraries.longs();
    return Arbitraries.oneOf(
        points.map(BlindedIdentifiers::new),
        Combinators.combine(points, points, points, points).as(ValuePartyReply::new),
        Combinators.combine(longs, points).as(EncryptedSum::new),
        Combinators.combine(longs, longs.injectNull(0.3)).as((c, s) -> new Release(c,
            s == null ? OptionalLong.empty() : OptionalLong.of(s))));
  }

  private static PointList points(int count) {
    List<ECPoint> points = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      points.add(P256.multiplyGenerator(i * 7919L + count).normalize());
    }
    return PointList.of(points);
  }
}
