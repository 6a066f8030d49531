package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The test vectors of docs/PROTOCOL.md section 8.7, for implementations in other languages. */
class LinkageVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void hashOfAnIdentifier_isTheDocumentedPoint() {
    ECPoint hashed = new Blinding("vector-session", LinkageSessions.seeded(1))
        .hash(IdentifierNormalizer.standard().normalize(" 943 476 5919 "));

    assertThat(HEX.formatHex(hashed.getEncoded(true)))
        .isEqualTo("039e8fc668bf15aed714f8eff7cdebfc15a70848fed6af33226d3fed7d26cbc7f6");
    assertThat(HEX.formatHex(hashed.multiply(BigInteger.valueOf(42)).normalize().getEncoded(true)))
        .isEqualTo("02eef49ea1fde8f0a16c7061841ef1c150d1445cc4eb7240b91af86598aaa0582d");
  }

  @Test
  void wireEncodings_areTheDocumentedBytes() {
    assertThat(HEX.formatHex(PsiWire.encode(new PsiMessage.Release(7, OptionalLong.of(12)))))
        .isEqualTo("50534931" + "04" + "0000000000000007" + "01" + "000000000000000c");
    assertThat(HEX.formatHex(PsiWire.encode(new PsiMessage.Release(-1, OptionalLong.empty()))))
        .isEqualTo("50534931" + "04" + "ffffffffffffffff" + "00");
    PointList generator = PointList.of(List.of(P256.G.normalize()));
    assertThat(HEX.formatHex(PsiWire.encode(new PsiMessage.EncryptedSum(3, PointList.empty()))))
        .isEqualTo("50534931" + "03" + "0000000000000003" + "00000000");
    assertThat(HEX.formatHex(PsiWire.encode(new PsiMessage.BlindedIdentifiers(generator))))
        .isEqualTo("50534931" + "01" + "00000001"
            + "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
  }
}
