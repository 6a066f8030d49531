package org.pet.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 with the RFC 9162 domain-separation prefixes. An instance holds one {@link MessageDigest} and is
 * not thread-safe; the static helpers take a fresh digest each call.
 */
final class Sha256 {

  /** Length of a hash in bytes. */
  static final int LENGTH = 32;

  /** Prefix of a leaf hash input (RFC 9162 section 2.1.1). */
  static final byte LEAF_PREFIX = 0x00;

  /** Prefix of an interior node hash input (RFC 9162 section 2.1.1). */
  static final byte NODE_PREFIX = 0x01;

  private final MessageDigest digest;

  Sha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  byte[] digest(byte[] data) {
    return digest.digest(data);
  }

  byte[] leaf(byte[] leafData) {
    digest.update(LEAF_PREFIX);
    return digest.digest(leafData);
  }

  byte[] node(byte[] left, byte[] right) {
    digest.update(NODE_PREFIX);
    digest.update(left);
    return digest.digest(right);
  }

  /** Hashes {@code 0x01 || left || right} where each child is 32 bytes at the given offsets. */
  void node(byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out, int outOffset) {
    digest.update(NODE_PREFIX);
    digest.update(left, leftOffset, LENGTH);
    digest.update(right, rightOffset, LENGTH);
    try {
      digest.digest(out, outOffset, LENGTH);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 output did not fit its 32 bytes", e);
    }
  }
}
