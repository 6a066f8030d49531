package org.pet.linkage;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.pet.secagg.ProtocolViolationException;

/** NIST P-256 (Bouncy Castle's fast custom curve): the group every linkage value lives in. Cofactor 1. */
final class P256 {

  static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256r1");
  static final ECCurve CURVE = PARAMETERS.getCurve();
  static final ECPoint G = PARAMETERS.getG();
  static final BigInteger ORDER = PARAMETERS.getN();
  /** SEC 1 compressed encoding: 0x02 or 0x03, then the 32-byte x coordinate. */
  static final int ENCODED_LENGTH = 33;

  private static final FixedPointCombMultiplier FIXED_BASE = new FixedPointCombMultiplier();

  private P256() {}

  /** A uniformly random scalar in [1, n - 1]. */
  static BigInteger randomScalar(SecureRandom random) {
    BigInteger k;
    do {
      k = new BigInteger(ORDER.bitLength(), random);
    } while (k.signum() == 0 || k.compareTo(ORDER) >= 0);
    return k;
  }

  /** k * base for a base used many times (G, a public key): comb method, precomputation cached on the point. */
  static ECPoint fixedBaseMultiply(ECPoint base, BigInteger k) {
    return FIXED_BASE.multiply(base, k);
  }

  /**
   * m * G for any long m. Plaintexts and noise are small, so this multiplies by |m| (at most 2^63, a
   * quarter of the group order's bits) with the curve's windowed-NAF multiplier, whose cost grows with the
   * bit length of |m| (a 7-bit value costs a few percent of a full-width comb multiplication), and negates
   * for m < 0.
   */
  static ECPoint multiplyGenerator(long m) {
    if (m == 0) {
      return CURVE.getInfinity();
    }
    ECPoint positive = G.multiply(BigInteger.valueOf(m).abs());
    return m < 0 ? positive.negate() : positive;
  }

  static void encode(ECPoint point, byte[] destination, int offset) {
    byte[] encoded = point.getEncoded(true);
    if (encoded.length != ENCODED_LENGTH) {
      throw new IllegalArgumentException("the point at infinity has no linkage encoding");
    }
    System.arraycopy(encoded, 0, destination, offset, ENCODED_LENGTH);
  }

  /**
   * Decodes and validates a compressed point: it must lie on P-256 and not be the point at infinity.
   *
   * @param what names the value in the error, e.g. "blinded identifier 17 of step 1"
   * @throws ProtocolViolationException if the bytes are not such a point
   */
  static ECPoint decode(byte[] source, int offset, String what) {
    byte prefix = source[offset];
    if (prefix != 0x02 && prefix != 0x03) {
      throw new ProtocolViolationException(what + " is not a compressed P-256 point (prefix 0x"
          + String.format("%02x", prefix) + ")");
    }
    byte[] encoded = new byte[ENCODED_LENGTH];
    System.arraycopy(source, offset, encoded, 0, ENCODED_LENGTH);
    try {
      return CURVE.decodePoint(encoded).normalize();
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolationException(what + " is not a point on P-256", e);
    }
  }
}
