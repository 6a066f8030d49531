package org.pet.vdaf;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * HPKE (RFC 9180) in base mode with the suite DAP uses for input shares: DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-128-GCM (Bouncy Castle's implementation). A sealed message is the 32-byte encapsulated
 * key followed by the AEAD ciphertext. Key generation and encapsulation draw from a {@link
 * java.security.SecureRandom}.
 */
public final class Hpke {

  /** Bytes of an X25519 public key, of a private key, and of the encapsulated key. */
  public static final int KEY_SIZE = 32;
  /** Bytes a sealed message adds to its plaintext: the encapsulated key and the AES-GCM tag. */
  public static final int OVERHEAD = KEY_SIZE + 16;
  /** The suite's name as it appears in configuration documents. */
  public static final String SUITE = "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM";

  private Hpke() {}

  private static HPKE suite() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
  }

  /** A recipient's key pair; {@link #toString()} never shows the private key. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    /** @throws IllegalArgumentException unless both keys have {@value Hpke#KEY_SIZE} bytes */
    public KeyPair {
      requireKey(publicKey, "publicKey");
      requireKey(privateKey, "privateKey");
      publicKey = publicKey.clone();
      privateKey = privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    @Override
    public String toString() {
      return "Hpke.KeyPair[publicKey=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof KeyPair that && Arrays.equals(publicKey, that.publicKey)
          && Arrays.equals(privateKey, that.privateKey);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(publicKey);
    }
  }

  /** A fresh key pair from a secure random generator. */
  public static KeyPair generateKeyPair() {
    HPKE hpke = suite();
    AsymmetricCipherKeyPair keys = hpke.generatePrivateKey();
    return new KeyPair(hpke.serializePublicKey(keys.getPublic()), hpke.serializePrivateKey(keys.getPrivate()));
  }

  /**
   * The key pair of a stored private key, its public key derived again.
   *
   * @throws IllegalArgumentException if the private key does not have {@value #KEY_SIZE} bytes
   */
  public static KeyPair fromPrivateKey(byte[] privateKey) {
    requireKey(privateKey, "privateKey");
    org.bouncycastle.crypto.params.X25519PrivateKeyParameters key =
        new org.bouncycastle.crypto.params.X25519PrivateKeyParameters(privateKey, 0);
    return new KeyPair(key.generatePublicKey().getEncoded(), privateKey);
  }

  /**
   * SealBase(pkR, info, aad, plaintext).
   *
   * @return the encapsulated key followed by the ciphertext
   * @throws IllegalArgumentException if the public key does not have {@value #KEY_SIZE} bytes or is not a
   *     valid X25519 key
   */
  public static byte[] seal(byte[] recipientPublicKey, byte[] info, byte[] aad, byte[] plaintext) {
    requireKey(recipientPublicKey, "recipientPublicKey");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(aad, "aad");
    Objects.requireNonNull(plaintext, "plaintext");
    HPKE hpke = suite();
    byte[][] sealed;
    try {
      sealed = hpke.seal(hpke.deserializePublicKey(recipientPublicKey), info, aad, plaintext, null, null, null);
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new IllegalArgumentException("cannot encrypt to this public key: " + e.getMessage(), e);
    }
    byte[] out = Arrays.copyOf(sealed[1], sealed[1].length + sealed[0].length);
    System.arraycopy(sealed[0], 0, out, sealed[1].length, sealed[0].length);
    return out;
  }

  /**
   * OpenBase: the plaintext of a message sealed to {@code keys} with the same info and aad.
   *
   * @throws GeneralSecurityException if the message is too short, was sealed to another key, with other
   *     info or aad, or was altered
   */
  public static byte[] open(KeyPair keys, byte[] sealed, byte[] info, byte[] aad) throws GeneralSecurityException {
    Objects.requireNonNull(sealed, "sealed");
    if (sealed.length < OVERHEAD) {
      throw new GeneralSecurityException("a sealed message has at least " + OVERHEAD + " bytes, had " + sealed.length);
    }
    HPKE hpke = suite();
    try {
      return hpke.open(Arrays.copyOf(sealed, KEY_SIZE), hpke.deserializePrivateKey(keys.privateKey, keys.publicKey),
          info, aad, Arrays.copyOfRange(sealed, KEY_SIZE, sealed.length), null, null, null);
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new GeneralSecurityException("the message does not open with this key, info and aad");
    }
  }

  private static void requireKey(byte[] key, String name) {
    Objects.requireNonNull(key, name);
    if (key.length != KEY_SIZE) {
      throw new IllegalArgumentException("`" + name + "` must have " + KEY_SIZE + " bytes, had " + key.length);
    }
  }
}
