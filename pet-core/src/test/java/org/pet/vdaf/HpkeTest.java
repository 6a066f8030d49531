package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.internal.HpkeEncrypt;
import com.google.crypto.tink.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/** HPKE base mode with X25519 / HKDF-SHA256 / AES-128-GCM: round trips, bindings, and interoperation with Tink. */
class HpkeTest {

  private static final byte[] INFO = "info".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD = "aad".getBytes(StandardCharsets.US_ASCII);

  @Test
  void sealedMessagesOpenOnlyWithTheirKeyInfoAndAad() throws Exception {
    Hpke.KeyPair keys = Hpke.generateKeyPair();
    byte[] sealed = Hpke.seal(keys.publicKey(), INFO, AAD, new byte[] {1, 2, 3});
    assertThat(sealed).hasSize(3 + Hpke.OVERHEAD);
    assertThat(Hpke.open(keys, sealed, INFO, AAD)).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> Hpke.open(Hpke.generateKeyPair(), sealed, INFO, AAD))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> Hpke.open(keys, sealed, AAD, AAD)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> Hpke.open(keys, sealed, INFO, INFO)).isInstanceOf(GeneralSecurityException.class);
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 1;
      assertThatThrownBy(() -> Hpke.open(keys, altered, INFO, AAD)).isInstanceOf(GeneralSecurityException.class);
    }
    assertThatThrownBy(() -> Hpke.open(keys, new byte[10], INFO, AAD)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void aStoredPrivateKeyGivesBackItsPublicKey() {
    Hpke.KeyPair keys = Hpke.generateKeyPair();
    assertThat(Hpke.fromPrivateKey(keys.privateKey())).isEqualTo(keys);
    assertThat(keys.toString()).doesNotContain(java.util.HexFormat.of().formatHex(keys.privateKey()));
    assertThatThrownBy(() -> Hpke.fromPrivateKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  /** Tink's HPKE (same suite, info = context info, empty aad) produces what this class opens. */
  @Test
  void opensWhatTinkSeals() throws Exception {
    Hpke.KeyPair keys = Hpke.generateKeyPair();
    HpkeParameters parameters = HpkeParameters.builder()
        .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256).setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
        .setAeadId(HpkeParameters.AeadId.AES_128_GCM).setVariant(HpkeParameters.Variant.NO_PREFIX).build();
    HybridEncrypt tink = HpkeEncrypt.create(HpkePublicKey.create(parameters, Bytes.copyFrom(keys.publicKey()), null));
    byte[] sealed = tink.encrypt("hello".getBytes(StandardCharsets.US_ASCII), INFO);
    assertThat(new String(Hpke.open(keys, sealed, INFO, new byte[0]), StandardCharsets.US_ASCII)).isEqualTo("hello");
  }
}
