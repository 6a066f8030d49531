package org.pet.secagg;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A participant's long-term Ed25519 identity key pair for the authenticated protocol variant: the public
 * key is registered with every party in advance (in {@link SecAggParameters}); the private key signs the
 * participant's advertised round keys and its view of the survivor set.
 */
public final class IdentityKeyPair {

  private final byte[] privateKey;
  private final byte[] publicKey;

  private IdentityKeyPair(byte[] privateKey, byte[] publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** Generates a fresh key pair (Tink, from the operating system's secure randomness). */
  public static IdentityKeyPair generate() {
    try {
      Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPair();
      return new IdentityKeyPair(pair.getPrivateKey(), pair.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 key generation failed", e);
    }
  }

  /**
   * Restores a key pair from its 32-byte private key (the Ed25519 seed), as stored by
   * {@link #privateKey()}.
   *
   * @throws IllegalArgumentException if {@code privateKey} is not 32 bytes
   */
  public static IdentityKeyPair fromPrivateKey(byte[] privateKey) {
    if (privateKey == null || privateKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, was "
          + (privateKey == null ? "null" : privateKey.length));
    }
    try {
      Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(privateKey);
      return new IdentityKeyPair(pair.getPrivateKey(), pair.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 key derivation failed", e);
    }
  }

  /**
   * Returns a copy of the 32-byte private key (the Ed25519 seed), for storing the identity in a key file
   * readable only by its agency. Never log or transmit it.
   */
  public byte[] privateKey() {
    return privateKey.clone();
  }

  /** Returns a copy of the 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * Signs {@code message} with the identity key: the protocol's own signatures, and the agency's signed
   * HTTP requests to a pet server.
   */
  public byte[] sign(byte[] message) {
    return SecAggCrypto.sign(privateKey, message);
  }

  @Override
  public String toString() {
    return "IdentityKeyPair{public=" + Arrays.toString(publicKey) + "}";
  }
}
