package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentityKeyPairTest {

  @Test
  void restoredFromItsPrivateKey_signsVerifiablyWithTheSamePublicKey() throws Exception {
    IdentityKeyPair original = IdentityKeyPair.generate();
    IdentityKeyPair restored = IdentityKeyPair.fromPrivateKey(original.privateKey());
    assertThat(restored.publicKey()).isEqualTo(original.publicKey());
    byte[] message = "PET1\nPOST\n/v1/rounds".getBytes(StandardCharsets.UTF_8);
    new com.google.crypto.tink.subtle.Ed25519Verify(original.publicKey()).verify(restored.sign(message), message);
  }

  @Test
  void privateKeyIsACopy() {
    IdentityKeyPair pair = IdentityKeyPair.generate();
    byte[] exported = pair.privateKey();
    exported[0] ^= 1;
    assertThat(pair.privateKey()).isNotEqualTo(exported);
  }

  @Test
  void wrongLength_isRefused() {
    assertThatThrownBy(() -> IdentityKeyPair.fromPrivateKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> IdentityKeyPair.fromPrivateKey(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
